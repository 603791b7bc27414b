"""Incremental detokenization: token ids in, text deltas out, at a cost that does not grow.

Three methods, one contract (:class:`Detokenizer`): the deltas concatenate to
``tokenizer.decode(ids, skip_special_tokens=...)`` of all the ids pushed.

- :class:`ByteFallbackDetokenizer` is for fast tokenizers with the sentencepiece decoder
  pipeline of Llama, Mistral and Gemma (``Replace("▁", " ")``, ``ByteFallback``, ``Fuse``,
  ``Strip(" ", 1, 0)``): it replays that pipeline from a table of pieces, one lookup per id
  (:class:`PieceTable`, filled as ids first arrive, so a new tokenizer starts at once).
- :class:`DecodeStreamDetokenizer` drives ``tokenizers.decoders.DecodeStream`` for the other
  fast tokenizers whose ``decode`` is the backend's; when it fails, the offset method takes over.
- :class:`OffsetDetokenizer` is the prefix/read-offset method of TGI and vLLM: decode a short
  window of recent ids and release what it adds to the text already released. It works with
  any tokenizer (slow ones included).

:func:`make_detokenizer` is the one place that chooses, from the answers of
:class:`~chatprompt._tokenizer_kind.TokenizerKind`; :class:`CleanUpDetokenizer` wraps the
chosen method where ``decode`` cleans up tokenization spaces.

A sentencepiece decoder turns a whole byte-fallback run (consecutive ``<0xNN>`` pieces) into
U+FFFD characters, one per byte, when the run as a whole is not valid UTF-8, so characters that
are already complete inside an open run can still change: every method holds an open run back
until a piece that is not a byte closes it. They also hold back a trailing U+FFFD (an
incomplete character).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from chatprompt._holdback import ReplacementFilter
from chatprompt._tokenizer_kind import CleanUp, TokenClasses, TokenizerKind, memo

__all__ = [
    "ByteFallbackDetokenizer",
    "DecodeStreamDetokenizer",
    "Detokenizer",
    "OffsetDetokenizer",
    "TokenClasses",
    "make_detokenizer",
    "piece_table",
]

_REPLACEMENT_CHARACTER = "\ufffd"
_BYTE_PIECES = {f"<0x{byte:02{case}}>": byte for byte in range(256) for case in "Xx"}
# transformers' PreTrainedTokenizerBase.clean_up_tokenization, as (old, new) pairs in order.
_CLEAN_UP_PAIRS = (
    (" .", "."),
    (" ?", "?"),
    (" !", "!"),
    (" ,", ","),
    (" ' ", "'"),
    (" n't", "n't"),
    (" 'm", "'m"),
    (" 's", "'s"),
    (" 've", "'ve"),
    (" 're", "'re"),
)


class Detokenizer(Protocol):
    """Turns ids into text deltas, one id at a time."""

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        ...

    def flush(self) -> str:
        """Return the text still held back; no more ids are coming."""
        ...


class PieceTable(dict[int, str | int | None]):
    """Each id's piece for :class:`ByteFallbackDetokenizer`, looked up the first time it is read.

    A piece is the id's token with ``▁`` turned into a space, a byte piece (``<0xNN>``) is its
    byte, and ``None`` stands for an id ``decode`` drops (a dropped special token, or an id
    outside the vocabulary). Reading an id costs one dict lookup once it is known, one
    ``id_to_token`` call the first time, so a new tokenizer's first stream does not pay for
    the whole vocabulary.
    """

    def __init__(self, backend: Any, dropped: frozenset[int]) -> None:
        super().__init__()
        self._id_to_token = backend.id_to_token
        self._size = int(backend.get_vocab_size(with_added_tokens=True))
        self._dropped = dropped

    def __missing__(self, token_id: int) -> str | int | None:
        if not 0 <= token_id < self._size:
            return None  # not stored: arbitrary ids must not grow the table
        token = self._id_to_token(token_id)
        piece: str | int | None
        if token is None or token_id in self._dropped:
            piece = None
        elif token in _BYTE_PIECES:
            piece = _BYTE_PIECES[token]
        else:
            piece = token.replace("\u2581", " ")
        self[token_id] = piece
        return piece


class ByteFallbackDetokenizer:
    """The sentencepiece decoder pipeline replayed id by id from a table of pieces.

    Exact for any ids, by construction: a piece is its token with ``▁`` turned into a space;
    consecutive byte pieces are decoded together when a non-byte piece closes the run (U+FFFD
    per byte if they are not valid UTF-8, as ``ByteFallback`` does); dropped ids add nothing;
    the first space of the whole text is stripped. Cost per id: one dict lookup.
    """

    def __init__(self, pieces: PieceTable) -> None:
        self._pieces = pieces
        self._run: list[int] = []
        self._at_start = True

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        piece = self._pieces[token_id]
        if piece is None:
            return ""
        if isinstance(piece, int):
            self._run.append(piece)
            return ""
        if self._run:
            piece = self._close_run() + piece
        return self._strip_start(piece)

    def flush(self) -> str:
        """Return the text still held back (an open byte run)."""
        return self._strip_start(self._close_run()) if self._run else ""

    def _close_run(self) -> str:
        run = bytes(self._run)
        self._run.clear()
        try:
            return run.decode("utf-8")
        except UnicodeDecodeError:
            return _REPLACEMENT_CHARACTER * len(run)

    def _strip_start(self, text: str) -> str:
        if self._at_start and text:
            self._at_start = False
            if text[0] == " ":
                return text[1:]
        return text


class OffsetDetokenizer:
    """The prefix/read-offset method: decode ``ids[prefix:]``, release what ``ids[read:]`` adds.

    ``read`` is where released text ends, ``prefix`` where the previous release began, so each
    decode sees one released chunk of context (which also makes a sentencepiece decoder's
    stripped leading space come out right). Cost per id: two decodes of a short window.
    """

    def __init__(self, decode: Callable[[Sequence[int]], str], classes: TokenClasses) -> None:
        self._decode = decode
        self._byte_ids = classes.byte_ids
        self._skipped_ids = classes.skipped_ids
        self._ids: list[int] = []
        self._prefix = 0
        self._read = 0
        self._prefix_text: str | None = ""  # decode(ids[prefix:read]); None: not decoded yet
        self.run_open = False
        """The last id ``decode`` keeps is a byte piece: its run may still change."""

    def take(self, token_id: int) -> bool:
        """Record one id without decoding; return whether ``decode`` keeps it."""
        self._ids.append(token_id)
        if token_id in self._skipped_ids:
            return False
        self.run_open = token_id in self._byte_ids
        return True

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        if not self.take(token_id):
            return ""  # decode drops it: the text is what it was after the previous id
        return self.release()

    def release(self) -> str:
        """Return what the ids taken so far make safe to show."""
        if self.run_open:
            return ""
        text = self._decode(self._ids[self._prefix :])
        if len(text) <= len(self._released()) or text.endswith(_REPLACEMENT_CHARACTER):
            return ""
        return self._advance(text)

    def pending(self) -> str:
        """What releasing everything now would show (without releasing it)."""
        return self._decode(self._ids[self._prefix :])[len(self._released()) :]

    def mark_released(self) -> None:
        """Everything taken so far has been shown (by another decoder of the same ids)."""
        self._prefix, self._read = self._read, len(self._ids)
        self._prefix_text = None

    def flush(self) -> str:
        """Return the text still held back, as the full decode ends."""
        if self._read == len(self._ids):
            return ""
        return self._advance(self._decode(self._ids[self._prefix :]))

    def _released(self) -> str:
        if self._prefix_text is None:
            self._prefix_text = self._decode(self._ids[self._prefix : self._read])
        return self._prefix_text

    def _advance(self, text: str) -> str:
        delta = text[len(self._released()) :]
        self._prefix, self._read = self._read, len(self._ids)
        self._prefix_text = self._decode(self._ids[self._prefix : self._read])
        return delta


class DecodeStreamDetokenizer:
    """``tokenizers.decoders.DecodeStream`` with a byte-run guard and an offset-method fallback.

    ``DecodeStream`` raises ("Invalid prefix encountered") when text it already gave changes,
    which happens when a byte-fallback run turns out not to be valid UTF-8, and in some such
    cases it gives wrong text instead of raising. The guard holds text from an open run back;
    when the run closes, the held text is checked against the offset method's window decode,
    and on any difference (or error) the offset method, which has taken every id all along,
    releases the text from the last released id on.
    """

    def __init__(self, backend: Any, skip_special_tokens: bool, classes: TokenClasses) -> None:
        from tokenizers.decoders import DecodeStream

        def decode(ids: Sequence[int]) -> str:
            return str(backend.decode(list(ids), skip_special_tokens=skip_special_tokens))

        self._backend = backend
        self._byte_ids = classes.byte_ids
        self._stream = DecodeStream(skip_special_tokens=skip_special_tokens)
        self._window = OffsetDetokenizer(decode, classes)
        self._held: list[str] = []
        self._run_seen = False
        self._failed = False

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        if self._failed:
            return self._window.push(token_id)
        self._window.take(token_id)
        try:
            piece = self._stream.step(self._backend, token_id)
        except Exception:  # DecodeStream's error type is not public: any failure falls back
            return self._fall_back().release()
        if token_id in self._byte_ids:
            self._run_seen = True
        if self._window.run_open or self._held or self._run_seen:
            return self._release_held(piece)
        if piece is None:
            return ""
        self._window.mark_released()
        return piece

    def _release_held(self, piece: str | None) -> str:
        if piece is not None:
            self._held.append(piece)
        if self._window.run_open or not self._held:
            return ""
        out = "".join(self._held)
        self._held.clear()
        if self._run_seen and out != self._window.pending():
            # An invalid byte run made DecodeStream's text differ from decode's.
            return self._fall_back().release()
        self._run_seen = False
        self._window.mark_released()
        return out

    def flush(self) -> str:
        """Return the text still held back, as the full decode ends."""
        return self._fall_back().flush()

    def _fall_back(self) -> OffsetDetokenizer:
        self._failed = True
        self._held.clear()
        return self._window


class CleanUpDetokenizer:
    """Applies transformers' clean-up of tokenization spaces to another detokenizer's text.

    ``decode`` with ``clean_up_tokenization_spaces`` runs a chain of ``str.replace`` calls on
    the whole text (``" ."`` to ``"."``, ``" n't"`` to ``"n't"``, ...); a window decode cannot
    reproduce it, because a space already released can lose its place to the next token.
    Decoding without the clean-up and replaying the chain as a hold-back filter is exact.
    """

    def __init__(self, inner: Detokenizer) -> None:
        self._inner = inner
        self._clean_up = ReplacementFilter(_CLEAN_UP_PAIRS)

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        return self._clean_up.feed(self._inner.push(token_id))

    def flush(self) -> str:
        """Return the text still held back."""
        return self._clean_up.feed(self._inner.flush()) + self._clean_up.flush()


def make_detokenizer(tokenizer: Any, *, skip_special_tokens: bool = True) -> Detokenizer:
    """The fastest exact detokenizer for ``tokenizer`` (a Hugging Face tokenizer, slow or fast).

    The table of pieces for the sentencepiece decoder pipeline; ``DecodeStream`` for other
    fast tokenizers whose ``decode`` is the backend's; the offset method over
    ``tokenizer.decode`` everywhere else. Where ``decode`` cleans up tokenization spaces with
    transformers' standard rules, they are replayed on the stream (:class:`CleanUpDetokenizer`);
    a tokenizer with its own clean-up gets the offset method over its full ``decode``.
    """
    kind = TokenizerKind.of(tokenizer)
    if kind.clean_up is CleanUp.OWN:
        return OffsetDetokenizer(
            _decoder(tokenizer, skip_special_tokens, {}),
            TokenClasses.of(tokenizer, skip_special_tokens),
        )
    detokenizer: Detokenizer
    if kind.sentencepiece:
        detokenizer = ByteFallbackDetokenizer(
            piece_table(tokenizer, kind.backend, skip_special_tokens)
        )
    elif kind.backend is not None:
        classes = TokenClasses.of(tokenizer, skip_special_tokens)
        detokenizer = DecodeStreamDetokenizer(kind.backend, skip_special_tokens, classes)
    else:
        raw = {"clean_up_tokenization_spaces": False} if kind.clean_up is CleanUp.STANDARD else {}
        detokenizer = OffsetDetokenizer(
            _decoder(tokenizer, skip_special_tokens, raw),
            TokenClasses.of(tokenizer, skip_special_tokens),
        )
    return CleanUpDetokenizer(detokenizer) if kind.clean_up is CleanUp.STANDARD else detokenizer


def piece_table(tokenizer: Any, backend: Any, skip_special_tokens: bool) -> PieceTable:
    """The (lazily filled) table :class:`ByteFallbackDetokenizer` reads, one per tokenizer
    object and ``skip_special_tokens``, shared by its streams."""

    def table() -> PieceTable:
        dropped: frozenset[int] = frozenset()
        if skip_special_tokens:
            added = backend.get_added_tokens_decoder()
            dropped = frozenset(i for i, token in added.items() if token.special)
        return PieceTable(backend, dropped)

    return memo(tokenizer, ("sentencepiece-pieces", skip_special_tokens), table)


def _decoder(
    tokenizer: Any, skip_special_tokens: bool, options: dict[str, Any]
) -> Callable[[Sequence[int]], str]:
    def decode(ids: Sequence[int]) -> str:
        return str(tokenizer.decode(list(ids), skip_special_tokens=skip_special_tokens, **options))

    return decode
