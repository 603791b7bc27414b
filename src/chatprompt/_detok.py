"""Incremental detokenization: token ids in, text deltas out, at a cost that does not grow.

Three methods, one contract (:class:`Detokenizer`): the deltas concatenate to
``tokenizer.decode(ids, skip_special_tokens=...)`` of all the ids pushed.

- :class:`ByteFallbackDetokenizer` is for fast tokenizers with the sentencepiece decoder
  pipeline of Llama, Mistral and Gemma (``Replace("▁", " ")``, ``ByteFallback``, ``Fuse``,
  ``Strip(" ", 1, 0)``): it replays that pipeline from a table of pieces, one lookup per id.
- :class:`DecodeStreamDetokenizer` drives ``tokenizers.decoders.DecodeStream`` for the other
  fast tokenizers whose ``decode`` is the backend's; when it fails, the offset method takes over.
- :class:`OffsetDetokenizer` is the prefix/read-offset method of TGI and vLLM: decode a short
  window of recent ids and release what it adds to the text already released. It works with
  any tokenizer (slow ones included).

A sentencepiece decoder turns a whole byte-fallback run (consecutive ``<0xNN>`` pieces) into
U+FFFD characters, one per byte, when the run as a whole is not valid UTF-8, so characters that
are already complete inside an open run can still change: every method holds an open run back
until a piece that is not a byte closes it. They also hold back a trailing U+FFFD (an
incomplete character).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Protocol, TypeVar

from chatprompt._holdback import ReplacementFilter

__all__ = [
    "ByteFallbackDetokenizer",
    "CleanUpDetokenizer",
    "DecodeStreamDetokenizer",
    "Detokenizer",
    "OffsetDetokenizer",
    "TokenClasses",
    "make_detokenizer",
]

_T = TypeVar("_T")
_REPLACEMENT_CHARACTER = "\ufffd"
_BYTE_PIECES = {f"<0x{byte:02{case}}>": byte for byte in range(256) for case in "Xx"}
_SENTENCEPIECE_DECODER = {
    "type": "Sequence",
    "decoders": [
        {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
        {"type": "ByteFallback"},
        {"type": "Fuse"},
        {"type": "Strip", "content": " ", "start": 1, "stop": 0},
    ],
}
_BACKEND_DECODERS = frozenset({"TokenizersBackend._decode", "PreTrainedTokenizerFast._decode"})
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


class TokenClasses:
    """Which ids are byte-fallback pieces and which ids ``decode`` drops.

    Attributes:
        byte_ids: Ids of ``<0x00>`` ... ``<0xFF>`` pieces, where the vocabulary has them.
        skipped_ids: Ids of special tokens, when ``skip_special_tokens`` drops them.
    """

    __slots__ = ("byte_ids", "skipped_ids")

    def __init__(self, byte_ids: frozenset[int], skipped_ids: frozenset[int]) -> None:
        self.byte_ids = byte_ids
        self.skipped_ids = skipped_ids

    @classmethod
    def of(cls, tokenizer: Any, skip_special_tokens: bool) -> TokenClasses:
        """Read the classes off a Hugging Face tokenizer (cached per tokenizer object)."""

        def read() -> TokenClasses:
            specials = _special_ids(tokenizer) if skip_special_tokens else frozenset()
            return cls(_byte_fallback_ids(tokenizer), specials)

        return _memo(tokenizer, ("classes", skip_special_tokens, _size(tokenizer)), read)


_MEMO: weakref.WeakKeyDictionary[Any, dict[Hashable, Any]] = weakref.WeakKeyDictionary()


def _size(tokenizer: Any) -> int | None:
    """The vocabulary size with added tokens: a memo made before ``add_tokens`` is stale."""
    try:
        return len(tokenizer)
    except TypeError:
        return None


def _memo(tokenizer: Any, key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, once per tokenizer object and key."""
    try:
        cache = _MEMO.setdefault(tokenizer, {})
    except TypeError:  # not weak-referenceable: compute every time
        return compute()
    if key not in cache:
        cache[key] = compute()
    result: _T = cache[key]
    return result


def _byte_fallback_ids(tokenizer: Any) -> frozenset[int]:
    pieces = [f"<0x{byte:02X}>" for byte in range(256)]
    ids = tokenizer.convert_tokens_to_ids(pieces)
    back = tokenizer.convert_ids_to_tokens([i for i in ids if i is not None])
    found = [i for i in ids if i is not None]
    return frozenset(i for i, piece in zip(found, back, strict=True) if piece in pieces)


def _special_ids(tokenizer: Any) -> frozenset[int]:
    ids = set(getattr(tokenizer, "all_special_ids", ()) or ())
    added = getattr(tokenizer, "added_tokens_decoder", None) or {}
    ids.update(i for i, token in added.items() if getattr(token, "special", False))
    return frozenset(ids)


class ByteFallbackDetokenizer:
    """The sentencepiece decoder pipeline replayed id by id from a table of pieces.

    Exact for any ids, by construction: a piece is its token with ``▁`` turned into a space;
    consecutive byte pieces are decoded together when a non-byte piece closes the run (U+FFFD
    per byte if they are not valid UTF-8, as ``ByteFallback`` does); dropped ids add nothing;
    the first space of the whole text is stripped. Cost per id: one list lookup.
    """

    def __init__(self, pieces: Sequence[str | int | None]) -> None:
        self._pieces = pieces
        self._run: list[int] = []
        self._at_start = True

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        piece = self._pieces[token_id] if token_id < len(self._pieces) else None
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

    @classmethod
    def table(cls, tokenizer: Any, skip_special_tokens: bool) -> list[str | int | None] | None:
        """The pieces of ``tokenizer`` by id, or ``None`` if its decoder is another pipeline."""
        backend = getattr(tokenizer, "backend_tokenizer", None)
        if backend is None or not _decode_is_backends(tokenizer):
            return None
        import json  # only here: keeps ``import chatprompt`` light

        try:
            decoder = json.loads(backend.decoder.__getstate__())
        except (AttributeError, TypeError, ValueError):
            return None
        if decoder != _SENTENCEPIECE_DECODER:
            return None

        def build() -> list[str | int | None]:
            size = backend.get_vocab_size(with_added_tokens=True)
            pieces: list[str | int | None] = []
            for token_id in range(size):
                token = backend.id_to_token(token_id)
                if token is None:
                    pieces.append(None)
                elif token in _BYTE_PIECES:
                    pieces.append(_BYTE_PIECES[token])
                else:
                    pieces.append(token.replace("\u2581", " "))
            return pieces

        size = _size(tokenizer)
        pieces = _memo(tokenizer, ("sentencepiece-pieces", size), build)
        if not skip_special_tokens:
            return pieces

        def without_specials() -> list[str | int | None]:
            specials = {
                token_id
                for token_id, token in backend.get_added_tokens_decoder().items()
                if token.special
            }
            return [None if i in specials else piece for i, piece in enumerate(pieces)]

        return _memo(tokenizer, ("sentencepiece-pieces-skip", size), without_specials)


class OffsetDetokenizer:
    """The prefix/read-offset method: decode ``ids[prefix:]``, release what ``ids[read:]`` adds.

    ``read`` is where released text ends, ``prefix`` where the previous release began, so each
    decode sees one released chunk of context (which also makes a sentencepiece decoder's
    stripped leading space come out right). Cost per id: two decodes of a short window.
    """

    def __init__(
        self,
        decode: Callable[[Sequence[int]], str],
        classes: TokenClasses,
        ids: Sequence[int] = (),
        prefix: int = 0,
        read: int = 0,
    ) -> None:
        self._decode = decode
        self._byte_ids = classes.byte_ids
        self._skipped_ids = classes.skipped_ids
        self._ids = list(ids)
        self._prefix = prefix
        self._read = read
        self._prefix_text = decode(self._ids[prefix:read]) if read > prefix else ""
        self._run_open = False
        for token_id in self._ids[read:]:
            self._note(token_id)

    def _note(self, token_id: int) -> None:
        if token_id not in self._skipped_ids:
            self._run_open = token_id in self._byte_ids

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        self._ids.append(token_id)
        if token_id in self._skipped_ids:
            return ""  # decode drops it: the text is what it was after the previous id
        self._run_open = token_id in self._byte_ids
        return self.release()

    def release(self) -> str:
        """Return what the ids taken so far make safe to show (used after a hand-over)."""
        if self._run_open:
            return ""
        text = self._decode(self._ids[self._prefix :])
        if len(text) <= len(self._prefix_text) or text.endswith(_REPLACEMENT_CHARACTER):
            return ""
        return self._advance(text)

    def flush(self) -> str:
        """Return the text still held back, as the full decode ends."""
        if self._read == len(self._ids):
            return ""
        return self._advance(self._decode(self._ids[self._prefix :]))

    def _advance(self, text: str) -> str:
        delta = text[len(self._prefix_text) :]
        self._prefix, self._read = self._read, len(self._ids)
        self._prefix_text = self._decode(self._ids[self._prefix : self._read])
        return delta


class DecodeStreamDetokenizer:
    """``tokenizers.decoders.DecodeStream`` with a byte-run guard and an offset-method fallback.

    ``DecodeStream`` raises ("Invalid prefix encountered") when text it already gave changes,
    which happens when a byte-fallback run turns out not to be valid UTF-8, and in some such
    cases it gives wrong text instead of raising. The guard holds text from an open run back;
    when the run closes, the held text is checked against one window decode, and on any
    difference (or error) the offset method takes over from the last released id.
    """

    def __init__(self, backend: Any, skip_special_tokens: bool, classes: TokenClasses) -> None:
        from tokenizers.decoders import DecodeStream

        self._backend = backend
        self._skip = skip_special_tokens
        self._classes = classes
        self._byte_ids = classes.byte_ids
        self._skipped_ids = classes.skipped_ids
        self._stream = DecodeStream(skip_special_tokens=skip_special_tokens)
        self._ids: list[int] = []
        self._prefix = 0
        self._read = 0
        self._held: list[str] = []
        self._run_open = False
        self._run_seen = False
        self._fallback: OffsetDetokenizer | None = None

    def push(self, token_id: int) -> str:
        """Take one id; return the text it makes safe to show (possibly ``""``)."""
        if self._fallback is not None:
            return self._fallback.push(token_id)
        self._ids.append(token_id)
        try:
            piece = self._stream.step(self._backend, token_id)
        except Exception:  # DecodeStream's error type is not public: any failure hands over
            return self._hand_over().release()
        if token_id in self._byte_ids:
            self._run_open = self._run_seen = True
        elif token_id not in self._skipped_ids:
            self._run_open = False
        if self._run_open or self._held or self._run_seen:
            return self._release_held(piece)
        if piece is None:
            return ""
        self._prefix, self._read = self._read, len(self._ids)
        return piece

    def _release_held(self, piece: str | None) -> str:
        if piece is not None:
            self._held.append(piece)
        if self._run_open or not self._held:
            return ""
        out = "".join(self._held)
        self._held.clear()
        if self._run_seen and out != self._window_delta():
            # An invalid byte run made DecodeStream's text differ from decode's.
            return self._hand_over().release()
        self._run_seen = False
        self._prefix, self._read = self._read, len(self._ids)
        return out

    def flush(self) -> str:
        """Return the text still held back, as the full decode ends."""
        if self._fallback is None and self._read == len(self._ids):
            return ""
        return self._hand_over().flush()

    def _hand_over(self) -> OffsetDetokenizer:
        if self._fallback is None:
            self._held.clear()
            self._fallback = OffsetDetokenizer(
                self._decode, self._classes, self._ids, self._prefix, self._read
            )
        return self._fallback

    def _decode(self, ids: Sequence[int]) -> str:
        return str(self._backend.decode(list(ids), skip_special_tokens=self._skip))

    def _window_delta(self) -> str:
        """What the offset method would release now (checks text from a closed byte run)."""
        text = self._decode(self._ids[self._prefix :])
        return text[len(self._decode(self._ids[self._prefix : self._read])) :]


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
    cleans_up = _cleans_up(tokenizer)
    if cleans_up and not _standard_clean_up(tokenizer):
        return OffsetDetokenizer(
            _decoder(tokenizer, skip_special_tokens, {}),
            TokenClasses.of(tokenizer, skip_special_tokens),
        )
    detokenizer = _raw_detokenizer(tokenizer, skip_special_tokens, cleans_up)
    return CleanUpDetokenizer(detokenizer) if cleans_up else detokenizer


def _raw_detokenizer(tokenizer: Any, skip_special_tokens: bool, cleans_up: bool) -> Detokenizer:
    """A detokenizer for ``decode``'s text before any clean-up of tokenization spaces."""
    pieces = ByteFallbackDetokenizer.table(tokenizer, skip_special_tokens)
    if pieces is not None:
        return ByteFallbackDetokenizer(pieces)
    classes = TokenClasses.of(tokenizer, skip_special_tokens)
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None and _decode_is_backends(tokenizer):
        return DecodeStreamDetokenizer(backend, skip_special_tokens, classes)
    no_clean_up = {"clean_up_tokenization_spaces": False} if cleans_up else {}
    return OffsetDetokenizer(_decoder(tokenizer, skip_special_tokens, no_clean_up), classes)


def _decoder(
    tokenizer: Any, skip_special_tokens: bool, options: dict[str, Any]
) -> Callable[[Sequence[int]], str]:
    def decode(ids: Sequence[int]) -> str:
        return str(tokenizer.decode(list(ids), skip_special_tokens=skip_special_tokens, **options))

    return decode


def _decode_is_backends(tokenizer: Any) -> bool:
    """Whether ``tokenizer.decode`` is the backend's decode (plus, maybe, the clean-up)."""
    method = getattr(type(tokenizer), "_decode", None)
    return getattr(method, "__qualname__", "") in _BACKEND_DECODERS


def _cleans_up(tokenizer: Any) -> bool:
    """Whether ``tokenizer.decode`` cleans up tokenization spaces by default."""
    if not getattr(tokenizer, "clean_up_tokenization_spaces", False):
        return False
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None or not _decode_is_backends(tokenizer):
        return True
    # transformers skips the clean-up for BPE models unless forced.
    return type(backend.model).__name__ != "BPE" or bool(
        getattr(
            tokenizer,
            "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output",
            False,
        )
    )


def _standard_clean_up(tokenizer: Any) -> bool:
    method = getattr(type(tokenizer), "clean_up_tokenization", None)
    return getattr(method, "__qualname__", "") == "PreTrainedTokenizerBase.clean_up_tokenization"
