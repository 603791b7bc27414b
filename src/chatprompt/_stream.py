"""The response text of a generation, exactly, one token at a time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, SupportsInt

from chatprompt._channels import ChannelSplitter
from chatprompt._detok import make_detokenizer
from chatprompt._holdback import ReplacementFilter, StopStringFilter
from chatprompt._output_format import OutputFormat
from chatprompt._response import StreamDelta, ToolCall, ToolCallDelta, merge_tool_calls
from chatprompt._tokenizer_kind import TokenClasses
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

    With an ``output_format`` (a reasoning or tool-calling model's), the output is also split
    into channels as it comes: :meth:`push` returns the answer only, and :meth:`push_delta`
    returns a :class:`StreamDelta` with the answer, the reasoning and tool-call news. Each
    channel's deltas concatenate to its final value (:attr:`text`, :attr:`reasoning`,
    :attr:`tool_calls`), which equal the preset's ``parse_response`` of the decoded output; no
    channel shows part of a marker, and markers that are special tokens are seen although the
    shown text skips special tokens (the text is then
    ``decode(ids, skip_special_tokens=False)`` of the ids without the other special tokens).
    Stop strings end the whole output; output replacements apply to the answer.

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
        output_format: How the output is structured (a preset's ``output_format``); ``None``:
            it is all answer.
        prompt: The prompt's text (or its end), when known: a prompt that ends inside a
            reasoning block (``<think>\n``) starts the output there.
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
        output_format: OutputFormat | None = None,
        prompt: str | None = None,
    ) -> None:
        self._channels: ChannelSplitter | None = None
        self._dropped_ids: frozenset[int] = frozenset()
        if output_format is not None:
            self._channels = ChannelSplitter(output_format, prompt=prompt)
            markers = _special_marker_ids(tokenizer, output_format.markers)
            if skip_special_tokens and markers:
                # Decode the markers in place, as text, and drop the other special tokens:
                # the text equals decode(ids without those, skip_special_tokens=False).
                skip_special_tokens = False
                self._dropped_ids = TokenClasses.of(tokenizer, True).skipped_ids - markers
        self._detok = make_detokenizer(tokenizer, skip_special_tokens=skip_special_tokens)
        self._stops = StopStringFilter(stop_strs)
        self._replacements = ReplacementFilter(replacements)
        self._has_stops = bool(self._stops)
        self._has_replacements = bool(self._replacements)
        self._reasoning: list[str] = []
        self._tool_deltas: list[ToolCallDelta] = []
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
        """A stream with a chat prompt preset's stop strings, output replacements and output
        format (its reasoning and tool-call markers).

        ``chat_prompt`` is duck-typed: ``get_stop_strs()``, ``get_replacement_when_output()``
        (``None`` means none) and ``output_format`` are read when it has them, so ChatStream's
        own prompt classes work too. With ``prompt_ids``, the end of the prompt tells whether
        the output starts inside a reasoning block (a generation prompt ending in
        ``<think>\n``). Other keyword arguments go to the constructor.
        """
        stop_strs = _call(chat_prompt, "get_stop_strs")
        replacements = _call(chat_prompt, "get_replacement_when_output")
        kwargs.setdefault("stop_strs", stop_strs)
        kwargs.setdefault("replacements", [(old, new) for old, new in replacements])
        output_format = getattr(chat_prompt, "output_format", None)
        if isinstance(output_format, OutputFormat):
            kwargs.setdefault("output_format", output_format)
            prompt_ids = kwargs.get("prompt_ids")
            if "prompt" not in kwargs and prompt_ids is not None:
                tail = [int(i) for i in prompt_ids][-_PROMPT_TAIL:]
                kwargs["prompt"] = str(tokenizer.decode(tail, skip_special_tokens=False))
        return cls(tokenizer, **kwargs)

    def push(self, token_id: SupportsInt) -> str:
        """Take the next generated id; return the answer text it makes safe to show (maybe
        ``""``). With an output format, reasoning and tool calls are kept for
        :attr:`reasoning` and :attr:`tool_calls` (or use :meth:`push_delta`).

        Any integer will do: a Python ``int``, a 0-d tensor, a NumPy integer.

        Raises:
            StreamFinishedError: The stream has ended (an end-of-sequence id, or
                :meth:`finish`); a ``ValueError``.
            InvalidTokenIdError: ``token_id`` is negative; a ``ValueError``.
        """
        if self._channels is not None:
            return self.push_delta(token_id).content
        value = self._take(token_id)
        if value is None:
            return ""
        text = self._answer(*self._cut(self._detok.push(value), final=False))
        if value in self._eos_ids:
            return text + self._end(_EOS).content
        return text

    def push_delta(self, token_id: SupportsInt) -> StreamDelta:
        """Take the next generated id; return what it adds to each channel: answer text,
        reasoning text, and tool-call news (a call's name as soon as it is known, its
        arguments when the call is complete).

        Raises:
            StreamFinishedError, InvalidTokenIdError: as :meth:`push`.
        """
        if self._channels is None:
            text = self.push(token_id)
            return StreamDelta(content=text) if text else _NOTHING
        value = self._take(token_id)
        if value is None:
            return _NOTHING
        text = "" if value in self._dropped_ids else self._detok.push(value)
        if self._has_stops or self._has_replacements:
            delta = self._split(*self._cut(text, final=False))
        else:  # the common case, inline: channels only
            delta = self._channels.feed(text)
            if delta.content:
                self._pieces.append(delta.content)
            if delta.reasoning:
                self._reasoning.append(delta.reasoning)
            if delta.tool_calls:
                self._tool_deltas.extend(delta.tool_calls)
        if value in self._eos_ids:
            return _joined(delta, self._end(_EOS))
        return delta

    def finish(self, reason: FinishReason | str = _LENGTH) -> str:
        """End the stream; return the answer text that was held back.

        Args:
            reason: Why the generation ended, recorded in :attr:`trace` unless an
                end-of-sequence id or a stop string already said why. The default assumes the
                token budget ran out; pass ``"aborted"`` when the application stopped early.

        Calling it again returns ``""``.
        """
        return self.finish_delta(reason).content

    def finish_delta(self, reason: FinishReason | str = _LENGTH) -> StreamDelta:
        """End the stream; return what was held back in each channel, and complete a tool
        call that was still open (see :meth:`finish`)."""
        if self._finish_reason is not None:
            return _NOTHING
        from token_trace import FinishReason

        return self._end(FinishReason.parse(reason).value)

    @property
    def text(self) -> str:
        """All the text shown so far."""
        if len(self._pieces) > 1:
            self._pieces[:] = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    @property
    def reasoning(self) -> str:
        """All the reasoning shown so far (``""`` without an output format)."""
        if len(self._reasoning) > 1:
            self._reasoning[:] = ["".join(self._reasoning)]
        return self._reasoning[0] if self._reasoning else ""

    @property
    def tool_calls(self) -> tuple[ToolCall, ...]:
        """The tool calls so far; a call still being written has only its name."""
        return merge_tool_calls(self._tool_deltas)

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

    def _take(self, token_id: SupportsInt) -> int | None:
        """Check and record one id; ``None`` when a stop string already ended the text."""
        value = int(token_id)
        if self._finish_reason is not None and self._finish_reason != _STOP_STRING:
            raise StreamFinishedError(
                f"push({value!r}) after the stream ended ({self._finish_reason}); "
                "start a new ResponseStream for the next generation"
            )
        if value < 0:
            raise InvalidTokenIdError(f"token ids are never negative, got {value!r}")
        self._ids.append(value)
        return None if self._finish_reason is not None else value

    def _cut(self, text: str, final: bool) -> tuple[str, bool]:
        """Stop strings on the raw output: the text before the first one; a stop ends it."""
        if self._has_stops:
            text = self._stops.feed(text) + (self._stops.flush() if final else "")
            if self._stops.stop_str is not None:
                self._finish_reason = _STOP_STRING
                final = True
        return text, final

    def _answer(self, text: str, final: bool) -> str:
        """Output replacements on the answer; what is shown is kept for :attr:`text`."""
        if self._has_replacements:
            text = self._replacements.feed(text) + (self._replacements.flush() if final else "")
        if text:
            self._pieces.append(text)
        return text

    def _split(self, text: str, final: bool) -> StreamDelta:
        """The channels of raw output text (after the stop strings)."""
        assert self._channels is not None
        delta = self._channels.feed(text)
        if final:
            delta = _joined(delta, self._channels.finish())
        content = self._answer(delta.content, final)
        if delta.reasoning:
            self._reasoning.append(delta.reasoning)
        if delta.tool_calls:
            self._tool_deltas.extend(delta.tool_calls)
        if content is delta.content:
            return delta
        return StreamDelta(content, delta.reasoning, delta.tool_calls)

    def _end(self, reason: str) -> StreamDelta:
        text, final = self._cut(self._detok.flush(), final=True)
        if self._channels is None:
            content = self._answer(text, final)
            delta = StreamDelta(content=content) if content else _NOTHING
        else:
            delta = self._split(text, final)
        if self._finish_reason is None:  # a stop string in the held-back text names itself
            self._finish_reason = reason
        return delta


_NOTHING = StreamDelta()
_PROMPT_TAIL = 32  # prompt ids decoded to see whether the prompt opened a reasoning block


def _joined(first: StreamDelta, second: StreamDelta) -> StreamDelta:
    return StreamDelta(
        first.content + second.content,
        first.reasoning + second.reasoning,
        first.tool_calls + second.tool_calls,
    )


def _special_marker_ids(tokenizer: Any, markers: frozenset[str]) -> frozenset[int]:
    """Ids of special tokens whose text is one of the format's markers."""
    decoder = getattr(tokenizer, "added_tokens_decoder", None) or {}
    return frozenset(
        int(token_id)
        for token_id, token in decoder.items()
        if getattr(token, "special", False) and str(token.content) in markers
    )


def _call(chat_prompt: Any, name: str) -> list[Any]:
    method = getattr(chat_prompt, name, None)
    result = method() if callable(method) else None
    return list(result or ())
