"""Decode recorded ids to text with the recording's own pieces and decoder, without transformers.

``transformer-mock show`` prints episodes this way, so it starts without importing torch or
transformers. The text is what the replay tokenizer's ``decode`` returns (special tokens kept):
the same ``tokenizers`` decoder over the same pieces, then the same clean-up of spaces, which
``transformers`` applies only to tokenizers that are not BPE.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from transformer_mock._store import META_FILE, Recording
from transformer_mock._tokenizer_spec import build_backend
from transformer_mock.errors import RecordingFormatError

__all__ = ["clean_up_spaces", "text_decoder"]

_CLEAN_UPS = (
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
"""``transformers``' ``clean_up_tokenization``: spaces removed before punctuation and clitics."""


def clean_up_spaces(text: str) -> str:
    """``text`` with the spaces ``clean_up_tokenization_spaces`` removes removed."""
    for old, new in _CLEAN_UPS:
        text = text.replace(old, new)
    return text


def text_decoder(recording: Recording) -> Callable[[Sequence[int]], str]:
    """A function decoding recorded ids as the recorded tokenizer did, special tokens included.

    Raises:
        RecordingFormatError: ``meta.json``'s tokenizer backend cannot be rebuilt.
    """
    spec = recording.meta.tokenizer_backend
    try:
        backend = build_backend(spec, recording.pieces)
    except Exception as error:  # tokenizers raises plain Exception on a malformed decoder
        raise RecordingFormatError(
            f"{recording.path / META_FILE}: tokenizer_backend cannot be rebuilt ({error})"
        ) from None
    settings = spec.get("settings") or {}
    clean_up = bool(settings.get("clean_up_tokenization_spaces")) and (
        spec.get("model_type") != "BPE"
    )

    def decode(ids: Sequence[int]) -> str:
        text = backend.decode(list(ids), skip_special_tokens=False)
        return clean_up_spaces(text) if clean_up else text

    return decode
