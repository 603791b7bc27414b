"""What identifies the tokenizer a trace was made with."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from token_trace import _json
from token_trace._validate import (
    check_version,
    expect_int,
    expect_mapping,
    expect_str,
    require,
)
from token_trace._version import FORMAT_VERSION
from token_trace.errors import TraceFormatError

__all__ = ["TokenizerCard", "TokenizerLike", "vocab_fingerprint"]

SPECIAL_TOKEN_ROLES = (
    "bos_token",
    "eos_token",
    "unk_token",
    "pad_token",
    "sep_token",
    "cls_token",
    "mask_token",
)


class TokenizerLike(Protocol):
    """The part of a Hugging Face tokenizer a card is read from (no import of transformers)."""

    name_or_path: str

    def get_vocab(self) -> dict[str, int]: ...

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int]: ...


def vocab_fingerprint(vocab: Mapping[str, int]) -> str:
    """A stable fingerprint of a vocabulary: ``sha256:`` + hex digest of its sorted pairs.

    Two tokenizers with the same token-to-id mapping get the same fingerprint, whatever the
    order they list their vocabulary in.
    """
    digest = hashlib.sha256()
    for token, token_id in sorted(vocab.items(), key=lambda item: (item[1], item[0])):
        digest.update(str(token_id).encode("ascii"))
        digest.update(b"\x00")
        digest.update(token.encode("utf-8", "surrogatepass"))
        digest.update(b"\x01")
    return "sha256:" + digest.hexdigest()


def _to_str_int_map(value: Mapping[str, int]) -> Mapping[str, int]:
    return {str(k): int(v) for k, v in value.items()}


def _to_str_str_map(value: Mapping[str, str]) -> Mapping[str, str]:
    return {str(k): str(v) for k, v in value.items()}


@attrs.frozen
class TokenizerCard:
    """Identity of a tokenizer: enough to refuse replay with the wrong one.

    Attributes:
        name_or_path: The name or path it was loaded from.
        class_name: The tokenizer's class name (``LlamaTokenizer``, ...).
        vocab_size: Number of entries in the vocabulary, added tokens included.
        special_tokens: Each special token's text and its id.
        roles: Which special token plays which role (``bos_token`` -> ``<s>``).
        fingerprint: :func:`vocab_fingerprint` of the vocabulary.
    """

    name_or_path: str
    class_name: str
    vocab_size: int
    special_tokens: Mapping[str, int] = attrs.field(converter=_to_str_int_map, hash=False)
    roles: Mapping[str, str] = attrs.field(converter=_to_str_str_map, hash=False)
    fingerprint: str

    @classmethod
    def from_tokenizer(cls, tokenizer: Any) -> TokenizerCard:
        """Read a card off a Hugging Face tokenizer (slow or fast) by duck typing."""
        vocab = dict(tokenizer.get_vocab())
        roles: dict[str, str] = {}
        for role in SPECIAL_TOKEN_ROLES:
            token = getattr(tokenizer, role, None)
            if isinstance(token, str) and token:
                roles[role] = token
        special_texts: Iterable[str] = getattr(tokenizer, "all_special_tokens", ()) or ()
        specials = list(dict.fromkeys([*roles.values(), *special_texts]))
        ids = tokenizer.convert_tokens_to_ids(specials) if specials else []
        return cls(
            name_or_path=str(getattr(tokenizer, "name_or_path", "") or ""),
            class_name=type(tokenizer).__name__,
            vocab_size=len(vocab),
            special_tokens={
                text: token_id
                for text, token_id in zip(specials, ids, strict=True)
                if token_id is not None
            },
            roles=roles,
            fingerprint=vocab_fingerprint(vocab),
        )

    def to_dict(self) -> dict[str, Any]:
        """Encode as a JSON-compatible dict with ``format_version`` first."""
        return {
            "format_version": FORMAT_VERSION,
            "name_or_path": self.name_or_path,
            "class_name": self.class_name,
            "vocab_size": self.vocab_size,
            "special_tokens": dict(self.special_tokens),
            "roles": dict(self.roles),
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_dict(cls, data: object, where: str = "tokenizer_card") -> TokenizerCard:
        """Decode what :meth:`to_dict` wrote; malformed data raises TraceFormatError."""
        mapping = expect_mapping(data, where)
        check_version(mapping, where)
        specials = expect_mapping(
            require(mapping, "special_tokens", where), f"{where}.special_tokens"
        )
        roles = expect_mapping(require(mapping, "roles", where), f"{where}.roles")
        return cls(
            name_or_path=expect_str(
                require(mapping, "name_or_path", where), f"{where}.name_or_path"
            ),
            class_name=expect_str(require(mapping, "class_name", where), f"{where}.class_name"),
            vocab_size=expect_int(
                require(mapping, "vocab_size", where), f"{where}.vocab_size", minimum=0
            ),
            special_tokens={
                k: expect_int(v, f"{where}.special_tokens[{k!r}]", minimum=0)
                for k, v in specials.items()
            },
            roles={k: expect_str(v, f"{where}.roles[{k!r}]") for k, v in roles.items()},
            fingerprint=_expect_fingerprint(
                require(mapping, "fingerprint", where), f"{where}.fingerprint"
            ),
        )

    def to_json(self) -> str:
        """One line of canonical JSON."""
        return _json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes, where: str = "tokenizer_card") -> TokenizerCard:
        """Decode what :meth:`to_json` wrote; any problem raises TraceFormatError."""
        return cls.from_dict(_json.loads(text, where), where)


def _expect_fingerprint(value: object, where: str) -> str:
    text = expect_str(value, where)
    if not text.startswith("sha256:") or len(text) != len("sha256:") + 64:
        raise TraceFormatError(f"{where}: expected 'sha256:' and 64 hex digits, got {text!r}")
    return text
