"""The replay tokenizer and model of a loaded recording, built from what it holds and nothing else.

``MockTransformer`` and ``transformer-mock verify`` build them here, so a recording that one
refuses the other refuses too, with the same :class:`RecordingFormatError`. Nothing is loaded
while building: the tokenizer gets only the settings :func:`check_settings` allows, the model
config loses the keys that name code or kernels (:func:`replayable_model_config`), and whatever
transformers still refuses in the recorded configs is reported naming ``meta.json`` and the
config, never as transformers' own exception.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from transformers import AutoConfig, GenerationConfig, PretrainedConfig

from transformer_mock._config_rules import (
    FLOAT_SETTINGS,
    REPLAYED_GENERATION_KEYS,
    logits_width,
    replayable_model_config,
)
from transformer_mock._format import META_FILE
from transformer_mock._loader import Recording
from transformer_mock._mock_model import RECORDED, MockModel, TokenSource
from transformer_mock._mock_tokenizer import MockTokenizer
from transformer_mock.errors import RecordingFormatError

__all__ = ["replay_model", "replay_tokenizer", "restore_config"]


def _reason(error: BaseException) -> str:
    """One line naming what transformers refused (huggingface_hub's messages span lines)."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text:.300}"


def replay_tokenizer(recording: Recording) -> MockTokenizer:
    """The replay tokenizer of a loaded recording (decodes every recorded id, no model needed).

    Raises:
        RecordingFormatError: ``meta.json``'s tokenizer backend or card cannot be rebuilt.
    """
    meta = recording.meta
    try:
        return MockTokenizer(
            label=str(recording.path),
            card=meta.tokenizer_card,
            backend=meta.tokenizer_backend,
            pieces=recording.pieces,
            encodes=recording.encodes,
            built=recording.backend,
        )
    except Exception as error:  # tokenizers raises plain Exception on a malformed decoder
        raise RecordingFormatError(
            f"{recording.path / META_FILE}: tokenizer_backend cannot be rebuilt ({_reason(error)})"
        ) from None


def restore_config(data: dict[str, Any], where: str) -> PretrainedConfig:
    """Rebuild a model config (of its own class, e.g. ``LlamaConfig``) from ``to_dict()``.

    Raises:
        RecordingFormatError: transformers refuses it (the message names ``where``).
    """
    values = replayable_model_config(data)
    model_type = values.pop("model_type", "")
    try:
        if model_type:
            return AutoConfig.for_model(model_type, **values)
        return PretrainedConfig(**values)
    except Exception as error:  # ValueError, TypeError, huggingface_hub's validation errors...
        raise RecordingFormatError(
            f"{where}: model_config cannot be restored ({_reason(error)})"
        ) from None


@functools.cache
def _default_generation_config() -> GenerationConfig:
    """A default ``GenerationConfig`` (read only: its attributes are the defaults)."""
    return GenerationConfig()  # type: ignore[no-untyped-call]


def _generation_config(recorded: Mapping[str, Any], where: str) -> GenerationConfig:
    """The recorded generation config, refusing settings replay cannot reproduce.

    A setting ``GenerationConfig`` knows but replay does not pass on as recorded
    (:data:`REPLAYED_GENERATION_KEYS`) must have its default (null); settings transformers does
    not know (a model's own keys) are kept, as transformers keeps them.
    """
    defaults = _default_generation_config()
    for key, value in recorded.items():
        if key in REPLAYED_GENERATION_KEYS or not hasattr(defaults, key):
            continue
        if value is not None and value != getattr(defaults, key):
            raise RecordingFormatError(
                f"{where}: generation_config.{key}: expected null, got {value!r:.80} (a setting "
                "replay cannot reproduce: it picks a decoding mode or changes the logits)"
            )
    values = {
        key: float(value) if key in FLOAT_SETTINGS and type(value) is int else value
        for key, value in recorded.items()
    }
    try:
        return GenerationConfig.from_dict(values)
    except Exception as error:  # ValueError, TypeError... from GenerationConfig.validate
        raise RecordingFormatError(
            f"{where}: generation_config cannot be restored ({_reason(error)})"
        ) from None


def _check_wait(wait_sec: float | str | None) -> None:
    """A wrong ``wait_sec`` is the caller's error, raised before the recording is looked at."""
    if isinstance(wait_sec, str) and wait_sec != RECORDED:
        raise ValueError(f"wait_sec must be a number, None or {RECORDED!r}, got {wait_sec!r}")
    if not isinstance(wait_sec, (str, type(None))):
        float(wait_sec)


def replay_model(
    recording: Recording, source: TokenSource, wait_sec: float | str | None = None
) -> MockModel:
    """The replay model of ``recording``: its model and generation configs, no weights.

    Args:
        recording: The loaded recording.
        source: Where the model's tokens come from.
        wait_sec: As :class:`MockModel` takes it.

    Raises:
        RecordingFormatError: transformers refuses the recorded model or generation config,
            or the model's vocabulary is narrower than the recorded ids.
    """
    _check_wait(wait_sec)
    meta = recording.meta
    where = str(recording.path / META_FILE)
    config = restore_config(dict(meta.model_config), where)
    try:
        model = MockModel(config, source, wait_sec=wait_sec)
    except Exception as error:
        raise RecordingFormatError(
            f"{where}: model_config cannot be replayed ({_reason(error)})"
        ) from None
    if logits_width(meta.model_config) is None:
        top = max((max(trace.all_ids, default=-1) for trace in recording.episodes), default=-1)
        width = int(config.get_text_config().vocab_size)
        if top >= width:
            raise RecordingFormatError(
                f"{where}: model_config: vocab_size is {width} (the {type(config).__name__} "
                f"default), but the recording holds id {top}"
            )
    if meta.generation_config:
        model.generation_config = _generation_config(meta.generation_config, where)
    model.eval()  # type: ignore[no-untyped-call]
    return model
