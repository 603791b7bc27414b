"""What a recording keeps of a tokenizer, and the small decoder-only tokenizer rebuilt from it.

Decoding is exact because replay decodes with the recorded tokenizer's own ``tokenizers``
decoder over the same token pieces: for any sequence of recorded ids, the mock's ``decode``
runs the same code on the same input as the real one did.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from tokenizers import Tokenizer

from token_trace._card import SPECIAL_TOKEN_ROLES
from transformer_mock.errors import RecordingFormatError

__all__ = [
    "ROLES",
    "SETTINGS",
    "backend_spec",
    "build_backend",
    "check_roles",
    "check_settings",
    "encode_options",
]

NO_LENGTH_LIMIT = int(1e30)
"""``model_max_length`` of a tokenizer without a limit (transformers' ``VERY_LARGE_INTEGER``)."""


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_length(value: object) -> bool:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return type(value) is int and 1 <= value <= NO_LENGTH_LIMIT


def _is_side(value: object) -> bool:
    return value in ("left", "right")


def _is_str(value: object) -> bool:
    return isinstance(value, str)


_SETTING_RULES: dict[str, tuple[Callable[[object], bool], str]] = {
    "clean_up_tokenization_spaces": (_is_bool, "true or false"),
    "model_max_length": (_is_length, f"an integer from 1 to {NO_LENGTH_LIMIT}"),
    "padding_side": (_is_side, "'left' or 'right'"),
    "truncation_side": (_is_side, "'left' or 'right'"),
    "split_special_tokens": (_is_bool, "true or false"),
    "chat_template": (_is_str, "a string"),
}

SETTINGS = tuple(_SETTING_RULES)
"""Tokenizer attributes a recording keeps so the mock behaves the same around encode/decode.

They are the only keyword arguments a recording gives the replay tokenizer's constructor
(besides the special tokens of :data:`ROLES`): nothing a recording holds names a file
(``tokenizer_file``, ``vocab_file``, ``gguf_file``) or a host for it to load."""

ROLES = SPECIAL_TOKEN_ROLES
"""The special-token roles a tokenizer card may name (each passed to the replay tokenizer)."""


def check_settings(settings: Mapping[str, Any], where: str) -> None:
    """Refuse any setting :func:`backend_spec` does not write, or of the wrong type or range.

    Raises:
        RecordingFormatError: naming ``where`` and the setting.
    """
    for name, value in settings.items():
        rule = _SETTING_RULES.get(name)
        if rule is None:
            raise RecordingFormatError(
                f"{where}.{name}: not a tokenizer setting a recording keeps (only "
                f"{', '.join(SETTINGS)}); a recording never names a file or a host to load"
            )
        valid, expected = rule
        if value is not None and not valid(value):
            raise RecordingFormatError(
                f"{where}.{name}: expected {expected} or null, got {value!r:.80}"
            )


def check_roles(roles: Mapping[str, str], where: str) -> None:
    """Refuse a special-token role the replay tokenizer does not take (see :data:`ROLES`).

    Raises:
        RecordingFormatError: naming ``where`` and the role.
    """
    for role in roles:
        if role not in ROLES:
            raise RecordingFormatError(
                f"{where}[{role!r:.60}]: not a special-token role (only {', '.join(ROLES)})"
            )


def backend_spec(tokenizer: Any) -> dict[str, Any]:
    """Read the decoder, added tokens and settings off a fast (``tokenizers``-backed) tokenizer.

    Raises:
        TypeError: the tokenizer has no ``tokenizers`` backend (a slow tokenizer).
    """
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise TypeError(
            f"{type(tokenizer).__name__} has no `tokenizers` backend; ProbeTransformer records "
            "fast tokenizers (AutoTokenizer.from_pretrained(..., use_fast=True), the default)"
        )
    full = json.loads(backend.to_str())
    settings: dict[str, Any] = {}
    for name in SETTINGS:
        value = getattr(tokenizer, name, None)
        if isinstance(value, (str, bool, int, float)) or value is None:
            settings[name] = value
    return {
        "model_type": str((full.get("model") or {}).get("type", "BPE")),
        "decoder": full.get("decoder"),
        "added_tokens": full.get("added_tokens") or [],
        "settings": settings,
    }


def build_backend(spec: Mapping[str, Any], pieces: Mapping[int, str]) -> Tokenizer:
    """A ``tokenizers.Tokenizer`` that knows only ``pieces`` and decodes them as the original.

    The model type is BPE when the original's was (``transformers`` treats BPE specially when
    cleaning up spaces), otherwise WordLevel; either way it has no merges: it is never used to
    encode.
    """
    added = [dict(token) for token in spec.get("added_tokens", [])]
    vocab = {piece: token_id for token_id, piece in pieces.items()}
    for token in added:
        vocab[str(token["content"])] = int(token["id"])
    if spec.get("model_type") == "BPE":
        model: dict[str, Any] = {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": vocab,
            "merges": [],
        }
    else:
        unk = next(iter(vocab), "<unk>")
        model = {"type": "WordLevel", "vocab": vocab, "unk_token": unk}
    document = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": None,
        "post_processor": None,
        "decoder": spec.get("decoder"),
        "model": model,
    }
    return Tokenizer.from_str(json.dumps(document))


def encode_options(
    *,
    add_special_tokens: bool,
    truncation: str,
    max_length: int | None,
    stride: int,
    is_split_into_words: bool,
    split_special_tokens: bool,
) -> dict[str, Any]:
    """The options of an encode call that change its ids (padding and tensors do not)."""
    options: dict[str, Any] = {"add_special_tokens": bool(add_special_tokens)}
    if truncation not in ("do_not_truncate", "False", "false"):
        options["truncation"] = truncation
        options["max_length"] = max_length
        options["stride"] = stride
    if is_split_into_words:
        options["is_split_into_words"] = True
    if split_special_tokens:
        options["split_special_tokens"] = True
    return options


def split_encode_call(
    text: Any, text_pair: Any, kwargs: Mapping[str, Any], default_split: bool
) -> tuple[bool, list[tuple[Any, Any]], dict[str, Any]]:
    """Split an ``_encode_plus`` call into ``(batched, [(text, text_pair), ...], options)``."""
    is_split = bool(kwargs.get("is_split_into_words", False))
    if is_split:
        batched = (
            isinstance(text, (list, tuple)) and bool(text) and isinstance(text[0], (list, tuple))
        )
    else:
        batched = isinstance(text, (list, tuple))
    if batched:
        pairs = list(text_pair) if text_pair is not None else [None] * len(text)
        items = [(_plain(t), _plain(p)) for t, p in zip(text, pairs, strict=True)]
    else:
        items = [(_plain(text), _plain(text_pair))]
    truncation = kwargs.get("truncation_strategy", "do_not_truncate")
    split = kwargs.get("split_special_tokens")
    options = encode_options(
        add_special_tokens=bool(kwargs.get("add_special_tokens", True)),
        truncation=str(getattr(truncation, "value", truncation)),
        max_length=kwargs.get("max_length"),
        stride=int(kwargs.get("stride", 0) or 0),
        is_split_into_words=is_split,
        split_special_tokens=default_split if split is None else bool(split),
    )
    return batched, items, options


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
