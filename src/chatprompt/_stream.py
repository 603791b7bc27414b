"""The response text of a generation, exactly, one token at a time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, SupportsInt

from chatprompt._detok import make_detokenizer
from chatprompt._holdback import ReplacementFilter, StopStringFilter
from chatprompt.errors import InvalidTokenIdError, StreamFinishedError

if TYPE_CHECKING:  # imported when needed: keeps ``import chatprompt`` light
    from token_trace import FinishReason, TokenTrace

# FinishReason values (a str enum): kept as plain strings until a trace is made.
_EOS, _LENGTH, _STOP_STRING, _UNKNOWN = "eos", "length", "stop_string", "unknown"

__all__ = ["ResponseStream"]


class ResponseStream:
    """Turns generated token ids into the text that is safe to show, as they come.

    Whatever the tokenizer and however the ids arrive, the pieces returned by :meth:`push`
    and :meth:`finish` concatenate to
    ``tokenizer.decode(generated_ids, skip_special_tokens=...)`` cut before the first stop
    string, with the output replacements applied to what is left (the order ChatStream uses:
    stop strings are the model's own text, replacements are for display). Along the way:

    - no U+FFFD is shown unless the final decode has it there (incomplete characters, and a
      byte-fallback run that could still turn out invalid, are held back);
    - no part of a stop string or of a replacement's source is shown before it is known not
      to complete; only a suffix that could still become one is held back;
    - the cost per token does not grow with the length of the response.

    A stop string ends the response: later pushes return ``""`` but their ids are still
    recorded in :attr:`trace` (they are what the model generated). An end-of-sequence id ends
    the stream: it is recorded as the last generated id, the text held back is returned with
    it, and any later push raises :class:`~chatprompt.errors.StreamFinishedError`.

    Args:
        tokenizer: A Hugging Face tokenizer, fast or slow.
        prompt_ids: The ids the model was given (recorded in :attr:`trace`; the text is decoded
            from the generated ids alone, so the prompt never leaks into it).
        stop_strs: Strings that end the response; not shown themselves.
        replacements: ``(old, new)`` pairs applied in order, as chained ``str.replace`` calls.
        skip_special_tokens: Passed to the decode the output must equal.
        eos_token_ids: Ids that end the generation; by default the tokenizer's
            ``eos_token_id``.
    """

    def __init__(
        self,
        tokenizer: Any,
        *,
        prompt_ids: Iterable[SupportsInt] | None = None,
        stop_strs: Iterable[str] = (),
        replacements: Iterable[tuple[str, str]] = (),
        skip_special_tokens: bool = True,
        eos_token_ids: Iterable[SupportsInt] | None = None,
    ) -> None:
        self._detok = make_detokenizer(tokenizer, skip_special_tokens=skip_special_tokens)
        self._stops = StopStringFilter(stop_strs)
        self._replacements = ReplacementFilter(replacements)
        self._filtered = bool(self._stops) or bool(self._replacements)
        self._prompt_ids = tuple(int(i) for i in prompt_ids or ())
        if eos_token_ids is None:
            eos = getattr(tokenizer, "eos_token_id", None)
            eos_token_ids = () if eos is None else (eos,)
        self._eos_ids = frozenset(int(i) for i in eos_token_ids)
        self._ids: list[int] = []
        self._pieces: list[str] = []
        self._finish_reason: str | None = None

    @classmethod
    def for_prompt(cls, tokenizer: Any, chat_prompt: Any, **kwargs: Any) -> ResponseStream:
        """A stream with a chat prompt preset's stop strings and output replacements.

        ``chat_prompt`` is duck-typed: ``get_stop_strs()`` and
        ``get_replacement_when_output()`` are read when it has them (``None`` means none).
        Other keyword arguments (``prompt_ids=...``) go to the constructor.
        """
        stop_strs = _call(chat_prompt, "get_stop_strs")
        replacements = _call(chat_prompt, "get_replacement_when_output")
        kwargs.setdefault("stop_strs", stop_strs)
        kwargs.setdefault("replacements", [(old, new) for old, new in replacements])
        return cls(tokenizer, **kwargs)

    def push(self, token_id: SupportsInt) -> str:
        """Take the next generated id; return the text it makes safe to show (maybe ``""``).

        Any integer will do: a Python ``int``, a 0-d tensor, a NumPy integer.

        Raises:
            StreamFinishedError: The stream has ended (an end-of-sequence id, or
                :meth:`finish`); a ``ValueError``.
            InvalidTokenIdError: ``token_id`` is negative; a ``ValueError``.
        """
        value = int(token_id)
        if self._finish_reason is not None and self._finish_reason != _STOP_STRING:
            raise StreamFinishedError(
                f"push({value!r}) after the stream ended ({self._finish_reason}); "
                "start a new ResponseStream for the next generation"
            )
        if value < 0:
            raise InvalidTokenIdError(f"token ids are never negative, got {value!r}")
        self._ids.append(value)
        if self._finish_reason is not None:
            return ""
        text = self._detok.push(value)
        if self._filtered:
            text = self._filter(text)
        if text:
            self._pieces.append(text)
        if value in self._eos_ids:
            return text + self._end(_EOS)
        return text

    def finish(self, reason: FinishReason | str = _LENGTH) -> str:
        """End the stream; return the text that was held back.

        Args:
            reason: Why the generation ended, recorded in :attr:`trace` unless an
                end-of-sequence id or a stop string already said why. The default assumes the
                token budget ran out; pass ``"aborted"`` when the application stopped early.

        Calling it again returns ``""``.
        """
        if self._finish_reason is not None:
            return ""
        from token_trace import FinishReason

        return self._end(FinishReason.parse(reason).value)

    @property
    def text(self) -> str:
        """All the text shown so far."""
        if len(self._pieces) > 1:
            self._pieces[:] = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    @property
    def stopped(self) -> bool:
        """Whether a stop string ended the response."""
        return self._stops.stop_str is not None

    @property
    def stop_str(self) -> str | None:
        """The stop string that ended the response, if one did."""
        return self._stops.stop_str

    @property
    def finished(self) -> bool:
        """Whether no more text will come (end of sequence, a stop string, or :meth:`finish`)."""
        return self._finish_reason is not None

    @property
    def generated_ids(self) -> tuple[int, ...]:
        """Every id pushed so far."""
        return tuple(self._ids)

    @property
    def trace(self) -> TokenTrace:
        """The generation so far as a :class:`token_trace.TokenTrace`."""
        from token_trace import TokenTrace

        return TokenTrace(
            prompt_ids=self._prompt_ids,
            generated_ids=self._ids,
            finish_reason=self._finish_reason or _UNKNOWN,
        )

    def _filter(self, text: str) -> str:
        if self._stops:
            text = self._stops.feed(text)
            if self._stops.stop_str is not None:
                self._finish_reason = _STOP_STRING
                return self._replacements.feed(text) + self._replacements.flush()
        return self._replacements.feed(text)

    def _end(self, reason: str) -> str:
        text = self._detok.flush()
        if self._stops:
            text = self._stops.feed(text) + self._stops.flush()
            if self._stops.stop_str is not None:
                reason = _STOP_STRING
        text = self._replacements.feed(text) + self._replacements.flush()
        self._finish_reason = reason
        if text:
            self._pieces.append(text)
        return text


def _call(chat_prompt: Any, name: str) -> list[Any]:
    method = getattr(chat_prompt, name, None)
    result = method() if callable(method) else None
    return list(result or ())
