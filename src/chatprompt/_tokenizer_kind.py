"""What kind of tokenizer this is: the questions the detokenizers are chosen by, in one place.

Hugging Face tokenizers do not say which decoder they run, so the answers are read off them:
whether ``decode`` is the fast backend's, whether the backend's decoder is the sentencepiece
byte-fallback pipeline, how ``decode`` cleans up tokenization spaces, and which ids are byte
pieces or dropped special tokens. Answers that cost a vocabulary walk are memoized per
tokenizer object (and per vocabulary size: ``add_tokens`` makes a memo stale).
"""

from __future__ import annotations

import enum
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["CleanUp", "TokenClasses", "TokenizerKind", "memo"]

_T = TypeVar("_T")

# The decoder of Llama, Mistral and Gemma fast tokenizers, as its JSON state.
_SENTENCEPIECE_DECODER = {
    "type": "Sequence",
    "decoders": [
        {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
        {"type": "ByteFallback"},
        {"type": "Fuse"},
        {"type": "Strip", "content": " ", "start": 1, "stop": 0},
    ],
}
# ``_decode`` methods that are the backend's decode (plus, maybe, the clean-up).
_BACKEND_DECODES = frozenset({"TokenizersBackend._decode", "PreTrainedTokenizerFast._decode"})
_STANDARD_CLEAN_UP = "PreTrainedTokenizerBase.clean_up_tokenization"


class CleanUp(enum.Enum):
    """How ``tokenizer.decode`` cleans up tokenization spaces (``" ."`` to ``"."``, ...)."""

    NONE = "none"
    STANDARD = "standard"
    """transformers' own ``clean_up_tokenization`` rules."""
    OWN = "own"
    """The tokenizer's own rules, which only its whole ``decode`` reproduces."""


class TokenizerKind:
    """The answers for one tokenizer, read when a stream starts.

    Attributes:
        backend: The ``tokenizers`` backend when ``tokenizer.decode`` is its decode, else
            ``None`` (slow tokenizers, and fast ones with their own ``_decode``).
        sentencepiece: The backend's decoder is the sentencepiece pipeline
            (``Replace("▁", " ")``, ``ByteFallback``, ``Fuse``, ``Strip(" ", 1, 0)``).
        clean_up: What ``decode`` does to tokenization spaces by default.
    """

    __slots__ = ("backend", "clean_up", "sentencepiece")

    def __init__(self, backend: Any, sentencepiece: bool, clean_up: CleanUp) -> None:
        self.backend = backend
        self.sentencepiece = sentencepiece
        self.clean_up = clean_up

    @classmethod
    def of(cls, tokenizer: Any) -> TokenizerKind:
        """Read the answers off a Hugging Face tokenizer (slow or fast)."""
        backend = getattr(tokenizer, "backend_tokenizer", None)
        method = getattr(type(tokenizer), "_decode", None)
        if backend is not None and getattr(method, "__qualname__", "") not in _BACKEND_DECODES:
            backend = None
        return cls(backend, _has_sentencepiece_decoder(backend), _clean_up(tokenizer, backend))


def _has_sentencepiece_decoder(backend: Any) -> bool:
    if backend is None:
        return False
    import json  # only here: keeps ``import chatprompt`` light

    try:
        return bool(json.loads(backend.decoder.__getstate__()) == _SENTENCEPIECE_DECODER)
    except (AttributeError, TypeError, ValueError):
        return False


def _clean_up(tokenizer: Any, backend: Any) -> CleanUp:
    if not getattr(tokenizer, "clean_up_tokenization_spaces", False):
        return CleanUp.NONE
    # transformers skips the clean-up for a fast BPE model unless forced.
    if (
        backend is not None
        and type(backend.model).__name__ == "BPE"
        and not getattr(
            tokenizer,
            "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output",
            False,
        )
    ):
        return CleanUp.NONE
    method = getattr(type(tokenizer), "clean_up_tokenization", None)
    standard = getattr(method, "__qualname__", "") == _STANDARD_CLEAN_UP
    return CleanUp.STANDARD if standard else CleanUp.OWN


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
        """Read the classes off a Hugging Face tokenizer (memoized per tokenizer object)."""

        def read() -> TokenClasses:
            specials = _special_ids(tokenizer) if skip_special_tokens else frozenset()
            return cls(_byte_fallback_ids(tokenizer), specials)

        return memo(tokenizer, ("classes", skip_special_tokens), read)


def _byte_fallback_ids(tokenizer: Any) -> frozenset[int]:
    pieces = [f"<0x{byte:02X}>" for byte in range(256)]
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:  # straight from the vocabulary the fast tokenizer decodes with
        found = [i for i in map(backend.token_to_id, pieces) if i is not None]
        back = [backend.id_to_token(i) for i in found]
    else:
        ids = tokenizer.convert_tokens_to_ids(pieces)
        found = [i for i in ids if i is not None]
        back = tokenizer.convert_ids_to_tokens(found)
    known = frozenset(pieces)
    return frozenset(i for i, piece in zip(found, back, strict=True) if piece in known)


def _special_ids(tokenizer: Any) -> frozenset[int]:
    ids = set(getattr(tokenizer, "all_special_ids", ()) or ())
    added = getattr(tokenizer, "added_tokens_decoder", None) or {}
    ids.update(i for i, token in added.items() if getattr(token, "special", False))
    return frozenset(ids)


_MEMO: weakref.WeakKeyDictionary[Any, dict[Hashable, Any]] = weakref.WeakKeyDictionary()


def _size(tokenizer: Any) -> int | None:
    """The vocabulary size with added tokens: a memo made before ``add_tokens`` is stale."""
    try:
        return len(tokenizer)
    except TypeError:
        return None


def memo(tokenizer: Any, key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, once per tokenizer object, key and vocabulary size."""
    try:
        cache = _MEMO.setdefault(tokenizer, {})
    except TypeError:  # not weak-referenceable: compute every time
        return compute()
    sized_key = (key, _size(tokenizer))
    if sized_key not in cache:
        cache[sized_key] = compute()
    result: _T = cache[sized_key]
    return result
