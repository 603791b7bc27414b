"""Replay a recording: a model, tokenizer and sampler that stand in for the real ones."""

from __future__ import annotations

import os
from typing import Any

from transformers import AutoConfig, GenerationConfig, PretrainedConfig

from transformer_mock._matcher import EpisodeIndex
from transformer_mock._mock_model import MockModel
from transformer_mock._mock_tokenizer import MockTokenizer
from transformer_mock._paths import recording_dir
from transformer_mock._replay_source import ReplaySource
from transformer_mock._sampler import TokenSampler
from transformer_mock._store import Recording
from transformer_mock.errors import RecordingFormatError

__all__ = ["MockTransformer", "restore_config"]


def restore_config(data: dict[str, Any], where: str) -> PretrainedConfig:
    """Rebuild a model config (of its own class, e.g. ``LlamaConfig``) from ``to_dict()``."""
    values = dict(data)
    model_type = values.pop("model_type", "")
    try:
        if model_type:
            return AutoConfig.for_model(model_type, **values)
        return PretrainedConfig(**values)
    except (ValueError, TypeError, KeyError) as error:
        raise RecordingFormatError(f"{where}: model_config cannot be restored ({error})") from None


class MockTransformer:
    """Loads a recording made by :class:`ProbeTransformer` and replays it, with no weights.

    Args:
        dirname: The recording's directory name (or path).
        parent_dir_path: Its parent directory; defaults to ``~/.cache/chatstream/probe_data``
            (``$XDG_CACHE_HOME/chatstream/probe_data`` when set).
        wait_sec: Seconds to sleep per generated token, to imitate a real model's pace.

    Raises:
        RecordingFormatError: the recording is missing, malformed or of an unknown version.
    """

    def __init__(
        self,
        dirname: str | os.PathLike[str],
        parent_dir_path: str | os.PathLike[str] | None = None,
        wait_sec: float | None = None,
    ) -> None:
        self.path = recording_dir(dirname, parent_dir_path)
        self.recording = Recording.load(self.path)
        meta = self.recording.meta
        self.tokenizer = MockTokenizer(
            label=str(self.path),
            card=meta.tokenizer_card,
            backend=meta.tokenizer_backend,
            pieces=self.recording.pieces,
            encodes=self.recording.encodes,
        )
        self.source = ReplaySource(
            str(self.path),
            EpisodeIndex(self.recording.episodes),
            self.tokenizer.describe_ids,
            lambda token_id: self.recording.pieces.get(token_id, f"<id {token_id}?>"),
        )
        where = str(self.path / "meta.json")
        self.model = MockModel(
            restore_config(dict(meta.model_config), where), self.source, wait_sec=wait_sec
        )
        if meta.generation_config:
            self.model.generation_config = GenerationConfig.from_dict(dict(meta.generation_config))
        self.model.eval()  # type: ignore[no-untyped-call]

    def get_model(self) -> MockModel:
        """The replay model (a ``PreTrainedModel`` with ``generate``)."""
        return self.model

    def get_tokenizer(self) -> MockTokenizer:
        """The replay tokenizer (a ``PreTrainedTokenizerFast`` over the recorded ids)."""
        return self.tokenizer

    def get_token_sampler(self) -> TokenSampler:
        """A ChatStream-style sampler; on the mock's logits it always picks the recorded token."""
        return TokenSampler()
