"""Record a real model and tokenizer once; replay them in tests with no weights and no GPU.

- :class:`ProbeTransformer` wraps a real model and tokenizer and writes every generation to a
  recording directory (JSON/JSONL, small enough to commit).
- :class:`MockTransformer` loads a recording and returns a model, tokenizer and sampler that
  stand in for the real ones: manual forward loops and ``generate`` reproduce the recording
  whatever the sampling settings or seed, found by content so tests may run in any order.
- Record modes (:class:`RecordMode`: ``none``, ``once``, ``new_episodes``, ``all``) let a
  :class:`MockTransformer` run the real model where the recording lacks something.
- :class:`GeneratorMock` answers anything with dummy text, with no recording at all.
- The ``transformer-mock`` command (``python -m transformer_mock``) lists, shows, verifies and
  prunes recordings.

``import transformer_mock`` does not import torch or transformers: the classes that need them
are imported on first use, so the ``transformer-mock`` command starts fast.
"""

import importlib
from typing import TYPE_CHECKING, Any

from transformer_mock._paths import default_parent_dir
from transformer_mock._record_mode import RecordMode
from transformer_mock.errors import (
    InvalidRecordModeError,
    LastTokenUnknownWarning,
    ModelFactoryMissingError,
    RecordedTokenBannedError,
    RecordingFormatError,
    RecordingPathError,
    ReplaySettingsWarning,
    TokenizerMismatchError,
    UnrecordedInputError,
    UnreplayableGenerationError,
    UnsavableTokenizerError,
    VocabularyNotRecordedError,
)

if TYPE_CHECKING:
    from transformer_mock._generator_mock import GeneratorMock
    from transformer_mock._mock_model import MockCache, MockModel
    from transformer_mock._mock_tokenizer import MockTokenizer
    from transformer_mock._mock_transformer import MockTransformer
    from transformer_mock._probe import ProbeSampler, ProbeTransformer
    from transformer_mock._probe_model import ProbeModel
    from transformer_mock._probe_tokenizer import ProbeTokenizer
    from transformer_mock._sampler import TokenSampler
    from transformer_mock._store import Recording, RecordingMeta

__all__ = [
    "GeneratorMock",
    "InvalidRecordModeError",
    "LastTokenUnknownWarning",
    "MockCache",
    "MockModel",
    "MockTokenizer",
    "MockTransformer",
    "ModelFactoryMissingError",
    "ProbeModel",
    "ProbeSampler",
    "ProbeTokenizer",
    "ProbeTransformer",
    "RecordMode",
    "RecordedTokenBannedError",
    "Recording",
    "RecordingFormatError",
    "RecordingMeta",
    "RecordingPathError",
    "ReplaySettingsWarning",
    "TokenSampler",
    "TokenizerMismatchError",
    "UnrecordedInputError",
    "UnreplayableGenerationError",
    "UnsavableTokenizerError",
    "VocabularyNotRecordedError",
    "default_parent_dir",
]

# Names imported on first use (their modules import torch, transformers or tokenizers), and
# the module that defines each.
_LAZY: dict[str, str] = {
    "GeneratorMock": "transformer_mock._generator_mock",
    "MockCache": "transformer_mock._mock_model",
    "MockModel": "transformer_mock._mock_model",
    "MockTokenizer": "transformer_mock._mock_tokenizer",
    "MockTransformer": "transformer_mock._mock_transformer",
    "ProbeModel": "transformer_mock._probe_model",
    "ProbeSampler": "transformer_mock._probe",
    "ProbeTokenizer": "transformer_mock._probe_tokenizer",
    "ProbeTransformer": "transformer_mock._probe",
    "Recording": "transformer_mock._store",
    "RecordingMeta": "transformer_mock._store",
    "TokenSampler": "transformer_mock._sampler",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'transformer_mock' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
