"""The probe's bookkeeping: follow each token sequence through forward calls and write episodes.

How a manual loop's episode is cut and its last token known (the one never fed back):

- A forward call continues a sequence when it passes back the cache that sequence's last call
  returned, or (loops without a cache) the whole sequence plus one token, and feeds exactly one
  new token. Anything else starts a new sequence.
- The last token comes from the probe's sampler wrapper when the application samples through it;
  otherwise, if every token fed back so far was the argmax of its step (a greedy loop), it is
  the argmax of the last step; otherwise it is unknown and left out (``metadata.last_token``).
- Each token is written once, as the application receives it (the episode's first write a
  *stream* line with the whole episode so far, later ones a *progress* line with what
  changed), so what the application received is on disk whatever ends the process next. A loop
  that samples through the wrapper receives its token when the wrapper returns, so that is when
  it is written; the forward call before it writes nothing (its output is logits, not a
  token). A loop that picks its tokens itself (argmax, its own sampler) receives them from the
  forward call's logits, so each forward call writes (its argmax as the tentative last token).
  In a thread that has sampled through the wrapper, a forward call not followed by a sample is
  written by the next call (forward or sample) of that sequence, or when the episode ends: the
  application received no token from it. When the application sampled through the wrapper and
  then made one more forward call whose output it never sampled (a loop that ends on its own
  count), that call's argmax is recorded as the last token (``last_token: "unsampled"``), so
  replay answers every forward call the application made.
- An episode is finished (``on_episode``) when the sampler wrapper returns an EOS id, when a new
  sequence starts in the same thread, when ``generate`` starts in that thread, and on
  ``close()``. A sequence continued after it finished goes on in the same stream.
- ``generate`` is recorded from its returned ids (its own forward calls are not followed).
"""

from __future__ import annotations

import threading
import uuid
import warnings
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from token_trace import FinishReason, TokenTrace
from transformer_mock._format import (
    SAMPLED_METADATA,
    EncodeCall,
    progress_line,
    sampled_line,
    stream_line,
)
from transformer_mock._writer import RecordingWriter
from transformer_mock.errors import LastTokenUnknownWarning

__all__ = ["Recorder"]

RECENT = 64
"""How many finished sequences the probe remembers, to notice one being continued."""

_SAMPLED_STATE = (FinishReason.UNKNOWN.value, SAMPLED_METADATA, True)
"""An episode's written state while a loop samples through the probe (see ``_write_changes``)."""


@attrs.define(eq=False)
class _Sequence:
    tokens: list[int]
    prompt_length: int
    thread: int
    argmax: int | None = None
    """The argmax of the latest forward call (None before the first)."""
    pending_argmax: Callable[[], int] | None = None
    """Computes :attr:`argmax` when needed (a loop sampling through the probe rarely needs it)."""
    sampled: int | None = None
    greedy: bool = True
    cache: Any = None
    latencies: list[float] = attrs.field(factory=list)
    sampled_any: bool = False
    stream: str = attrs.field(factory=lambda: uuid.uuid4().hex[:16])
    written: list[int] | None = None
    """The generated ids as last written (None before the stream line)."""
    written_state: tuple[str, dict[str, Any], bool] = ("", {}, False)
    """Finish reason, metadata and whether latencies were written, as last written."""
    generation: int = 0
    """The writer's :attr:`~RecordingWriter.generation` when the stream line was written."""
    unwritten: bool = False
    warned: bool = False
    """A forward call's progress waits for the sample that follows it (or the next call)."""

    def last_argmax(self) -> int | None:
        if self.pending_argmax is not None:
            self.argmax, self.pending_argmax = self.pending_argmax(), None
        return self.argmax

    def feed(self, token_id: int) -> None:
        if self.greedy and not self.sampled_any:
            argmax = self.last_argmax()
            if argmax is not None and token_id != argmax:
                self.greedy = False
        self.tokens.append(token_id)
        self.sampled = None

    def cache_is(self, cache: Any) -> bool:
        return self.cache is not None and self.cache() is cache

    def extended_by_one(self, tokens: Sequence[int]) -> bool:
        return len(tokens) == len(self.tokens) + 1 and list(tokens[:-1]) == self.tokens


class Recorder:
    """Collects what the probed model and tokenizer see, and writes it through a writer.

    Args:
        writer: Where episodes go.
        tokenizer: The real tokenizer (for token pieces).
        eos_token_ids: Ids that end a generation.
        on_episode: Called with each episode once it is written.
    """

    def __init__(
        self,
        writer: RecordingWriter,
        tokenizer: Any,
        eos_token_ids: Iterable[int],
        on_episode: Callable[[TokenTrace], object] | None = None,
    ) -> None:
        self.writer = writer
        self.on_episode = on_episode
        self.tokenizer = tokenizer
        self.eos_token_ids = frozenset(int(i) for i in eos_token_ids)
        self._lock = threading.RLock()
        self._pieces: dict[int, str] = {}
        self._open: list[_Sequence] = []
        self._recent: list[_Sequence] = []
        self._last: dict[int, _Sequence] = {}
        self._by_cache_id: dict[int, _Sequence] = {}
        self._prompt_texts: dict[tuple[int, ...], str] = {}
        self._local = threading.local()
        self._sampling_threads: set[int] = set()
        """Threads that have sampled through the probe's sampler (their forward calls wait)."""
        self._special_ids = {int(i) for i in getattr(tokenizer, "all_special_ids", []) or []}
        self._specials_written = False
        self._remember_pieces(self._special_ids)

    # tokenizer side -------------------------------------------------------------------------

    def _remember_pieces(self, ids: Iterable[int]) -> dict[int, str]:
        known = self._pieces
        missing = sorted({int(i) for i in ids if i not in known})
        if missing:
            pieces = self.tokenizer.convert_ids_to_tokens(missing)
            for token_id, piece in zip(missing, pieces, strict=True):
                if piece is not None:
                    self._pieces[token_id] = str(piece)
        return self._pieces

    def _pieces_of(self, ids: set[int]) -> dict[int, str]:
        """The known pieces of ``ids`` (and, the first time, of the special tokens)."""
        if not self._specials_written:
            ids |= self._special_ids
            self._specials_written = True
        return {token_id: self._pieces[token_id] for token_id in ids if token_id in self._pieces}

    def note_encodes(self, calls: Sequence[EncodeCall]) -> None:
        """Write encode calls (and the pieces of their ids) at once."""
        with self._lock:
            for call in calls:
                self._remember_pieces(call.ids)
                if isinstance(call.text, str) and call.text_pair is None:
                    self._prompt_texts.setdefault(call.ids, call.text)
            ids = {token_id for call in calls for token_id in call.ids}
            self.writer.append(None, self._pieces_of(ids), calls)

    def note_piece(self, token_id: int, token: str) -> None:
        """Write the piece of ``token_id`` if it is ``token`` (a ``convert_tokens_to_ids`` call)."""
        with self._lock:
            self._remember_pieces([token_id])
            if self._pieces.get(token_id) == token:
                self.writer.append(None, self._pieces_of({token_id}))

    # model side -----------------------------------------------------------------------------

    @property
    def in_generate(self) -> bool:
        """Whether this thread is inside the probed model's ``generate``."""
        return bool(getattr(self._local, "in_generate", False))

    @in_generate.setter
    def in_generate(self, value: bool) -> None:
        self._local.in_generate = value

    @property
    def generate_latencies(self) -> list[float]:
        """Seconds each forward call of this thread's current ``generate`` took."""
        latencies: list[float] = getattr(self._local, "generate_latencies", [])
        return latencies

    @generate_latencies.setter
    def generate_latencies(self, value: list[float]) -> None:
        self._local.generate_latencies = value

    def on_forward(
        self,
        new_ids: list[int],
        past: Any,
        returned_cache: Any,
        next_argmax: Callable[[], int],
        seconds: float | None = None,
    ) -> None:
        """Follow one forward call of one sequence (batch row) that took ``seconds``.

        ``next_argmax`` computes the argmax of the call's last logits; it is called at once
        unless the sequence samples through the probe's sampler (then only if needed).
        """
        thread = threading.get_ident()
        with self._lock:
            sequence = self._continued(new_ids, past)
            if sequence is None:
                if past is not None and hasattr(past, "get_seq_length") and past.get_seq_length():
                    known = self._by_cache(past)
                    prompt = (known.tokens if known else []) + new_ids
                    if known is not None:
                        self._finish(known)
                else:
                    prompt = list(new_ids)
                self._finish_thread(thread)
                sequence = _Sequence(tokens=prompt, prompt_length=len(prompt), thread=thread)
                self._open.append(sequence)
            if returned_cache is not None and not sequence.cache_is(returned_cache):
                try:
                    sequence.cache = weakref.ref(returned_cache)
                    self._by_cache_id[id(returned_cache)] = sequence
                except TypeError:
                    sequence.cache = None
            if sequence.sampled_any:
                sequence.argmax, sequence.pending_argmax = None, next_argmax
            else:
                sequence.argmax, sequence.pending_argmax = next_argmax(), None
            if seconds is not None:
                sequence.latencies.append(seconds)
            sequence.sampled = None
            self._last[thread] = sequence
            if sequence.unwritten or thread not in self._sampling_threads:
                self._progress(sequence)
            else:
                sequence.unwritten = True

    def _by_cache(self, past: Any) -> _Sequence | None:
        sequence = self._by_cache_id.get(id(past))
        return sequence if sequence is not None and sequence.cache_is(past) else None

    def _continued(self, new_ids: list[int], past: Any) -> _Sequence | None:
        found = None
        if past is not None:
            candidate = self._by_cache(past)
            if candidate is not None and len(new_ids) == 1:
                found = candidate
                candidate.feed(new_ids[0])
        else:
            for candidate in [*self._open, *reversed(self._recent)]:
                if candidate.extended_by_one(new_ids):
                    found = candidate
                    candidate.feed(new_ids[-1])
                    break
        if found is not None and found in self._recent:
            self._recent.remove(found)
            self._open.append(found)
        return found

    def on_sample(self, token_id: int) -> None:
        """The probe's sampler chose ``token_id`` for this thread's latest forward call."""
        with self._lock:
            thread = threading.get_ident()
            self._sampling_threads.add(thread)
            sequence = self._last.get(thread)
            if sequence is None or sequence not in self._open:
                return
            sequence.sampled = token_id
            sequence.sampled_any = True
            if token_id in self.eos_token_ids:
                self._finish(sequence)
            elif not self._append_sampled(sequence, token_id):
                self._progress(sequence)

    def _append_sampled(self, sequence: _Sequence, token_id: int) -> bool:
        """Write a sampled token in the steady state of a loop; False when it is not that.

        The steady state: the episode was written up to the token before (the one fed back),
        as sampled, with latencies, to the file the writer still appends to, and the token's
        piece is already written. The line is then the one :meth:`_progress` would write,
        written without its bookkeeping (the probe's cost per token is mostly this path's).
        """
        written = sequence.written
        at = len(sequence.tokens) - sequence.prompt_length
        if (
            written is None
            or len(written) != at
            or (at and written[-1] != sequence.tokens[-1])
            or sequence.written_state != _SAMPLED_STATE
            or sequence.generation != self.writer.generation
            or len(sequence.latencies) != at + 1
            or not self.writer.has_piece(token_id)
        ):
            return False
        line = sampled_line(sequence.stream, at, token_id, sequence.latencies[at])
        if not self.writer.append_if_unmoved(line):
            return False
        written.append(token_id)
        sequence.unwritten = False
        return True

    def finish_thread(self) -> None:
        """Write this thread's open sequences (something else starts in it)."""
        with self._lock:
            self._finish_thread(threading.get_ident())

    def close(self) -> None:
        """Write every open sequence, then close the writer's files."""
        with self._lock:
            for sequence in list(self._open):
                self._finish(sequence)
            self.writer.close()

    def _finish_thread(self, thread: int) -> None:
        for sequence in [s for s in self._open if s.thread == thread]:
            self._finish(sequence)

    def _snapshot(
        self, sequence: _Sequence
    ) -> tuple[list[int], FinishReason, str, list[float] | None]:
        """The episode as it stands: generated ids, finish reason, ``last_token``, latencies."""
        argmax = None if sequence.sampled is not None else sequence.last_argmax()
        if sequence.sampled is not None:
            last, how = sequence.sampled, "sampled"
        elif sequence.sampled_any and argmax is not None:
            last, how = argmax, "unsampled"
        elif sequence.greedy and argmax is not None:
            last, how = argmax, "greedy"
        else:
            last, how = None, "unknown"
        generated = sequence.tokens[sequence.prompt_length :]
        if last is not None:
            generated.append(last)
        reason = (
            FinishReason.EOS
            if generated and generated[-1] in self.eos_token_ids
            else FinishReason.UNKNOWN
        )
        latencies = sequence.latencies[: len(generated)]
        return generated, reason, how, latencies if len(latencies) == len(generated) else None

    def _progress(self, sequence: _Sequence) -> None:
        """Write what changed in the sequence's episode since it was last written."""
        sequence.unwritten = False
        generated, reason, how, latencies = self._snapshot(sequence)
        metadata = {"via": "forward", "last_token": how}
        self._write_changes(sequence, generated, reason, metadata, latencies)

    def _write_changes(
        self,
        sequence: _Sequence,
        generated: list[int],
        reason: FinishReason,
        metadata: dict[str, Any],
        latencies: list[float] | None,
    ) -> None:
        """Write the episode's stream line the first time, then one progress line per change.

        A progress line holds only the ids from the first one that changed, so each token is
        written once (plus the one before it, when a tentative last token was replaced). After
        the recording moved under the writer (another recording swapped in), the episode is
        restated by a stream line, since its start is not in the new file.
        """
        state = (reason.value, metadata, latencies is not None)
        written = sequence.written
        full = (
            written is None
            or state[2] != sequence.written_state[2]
            or sequence.generation != self.writer.generation
        )
        if full or written is None:
            prompt = sequence.tokens[: sequence.prompt_length]
            self._remember_pieces([*prompt, *generated])
            trace = TokenTrace(
                prompt_ids=prompt,
                generated_ids=generated,
                finish_reason=reason,
                prompt_text=self._prompt_texts.get(tuple(prompt)),
                latencies=latencies,
                metadata=metadata,
            )
            line = stream_line(sequence.stream, trace)
            new_ids = {*prompt, *generated}
        else:
            at = max(0, len(written) - 1)
            limit = min(len(written), len(generated))
            at = min(at, limit)
            while at < limit and written[at] == generated[at]:
                at += 1
            if at == len(written) == len(generated) and state == sequence.written_state:
                return
            ids = generated[at:]
            self._remember_pieces(ids)
            line = progress_line(
                sequence.stream,
                at,
                ids,
                None if latencies is None else latencies[at:],
                reason.value,
                metadata,
            )
            new_ids = set(ids)
        moved = self.writer.append(line, self._pieces_of(new_ids))
        sequence.written = generated
        sequence.written_state = state
        if full:
            sequence.generation = self.writer.generation
        elif moved:  # the progress line went to a new file, without the stream's start
            sequence.written = None
            self._write_changes(sequence, generated, reason, metadata, latencies)

    # streamed generate ------------------------------------------------------------------------

    def open_stream(self, prompt: Sequence[int]) -> _Sequence:
        """A ``generate`` episode written token by token as its streamer receives them."""
        return _Sequence(
            tokens=[int(i) for i in prompt],
            prompt_length=len(prompt),
            thread=threading.get_ident(),
        )

    def stream_tokens(
        self, stream: _Sequence, new_ids: Sequence[int], metadata: dict[str, Any]
    ) -> None:
        """Write ``new_ids``, which ``generate`` is about to hand to its streamer."""
        with self._lock:
            stream.tokens.extend(int(i) for i in new_ids)
            generated = stream.tokens[stream.prompt_length :]
            reason = (
                FinishReason.EOS
                if generated and generated[-1] in self.eos_token_ids
                else FinishReason.UNKNOWN
            )
            self._write_changes(stream, generated, reason, metadata, None)

    def _finish(self, sequence: _Sequence) -> None:
        if sequence in self._open:
            self._open.remove(sequence)
        self._progress(sequence)
        if sequence.written_state[1].get("last_token") == "unknown" and not sequence.warned:
            sequence.warned = True
            warnings.warn(
                LastTokenUnknownWarning(
                    f"recording {str(self.writer.path)!r}: a manual loop picked its tokens "
                    "itself (not by argmax), so the probe never saw its last token (the one "
                    "not fed back) and recorded the episode without it; replay raises at that "
                    "step. Sample through probe.get_token_sampler(...) to record it"
                ),
                stacklevel=2,
            )
        if self.on_episode is not None:
            generated, reason, how, latencies = self._snapshot(sequence)
            prompt = sequence.tokens[: sequence.prompt_length]
            self.on_episode(
                TokenTrace(
                    prompt_ids=prompt,
                    generated_ids=generated,
                    finish_reason=reason,
                    prompt_text=self._prompt_texts.get(tuple(prompt)),
                    latencies=latencies,
                    metadata={"via": "forward", "last_token": how},
                )
            )
        self._recent.append(sequence)
        if len(self._recent) > RECENT:
            forgotten = set(map(id, self._recent[:-RECENT]))
            del self._recent[:-RECENT]
            self._by_cache_id = {
                key: kept for key, kept in self._by_cache_id.items() if id(kept) not in forgotten
            }

    def write(
        self,
        prompt: Sequence[int],
        generated: Sequence[int],
        reason: FinishReason,
        metadata: dict[str, Any],
        latencies: Sequence[float] | None = None,
        stream: _Sequence | None = None,
    ) -> None:
        """Write one episode (and the pieces of its ids) at once.

        ``latencies``: per generated id, the seconds the forward call that produced it took.
        ``stream``: the episode's stream (:meth:`open_stream`) when it was streamed; the
        whole episode then restates that stream.
        """
        with self._lock:
            prompt_key = tuple(prompt)
            self._remember_pieces([*prompt, *generated])
            trace = TokenTrace(
                prompt_ids=prompt,
                generated_ids=generated,
                finish_reason=reason,
                prompt_text=self._prompt_texts.get(prompt_key),
                latencies=latencies,
                metadata=metadata,
            )
            line = trace if stream is None else stream_line(stream.stream, trace)
            self.writer.append(line, self._pieces_of({*prompt, *generated}))
        if self.on_episode is not None:
            self.on_episode(trace)
