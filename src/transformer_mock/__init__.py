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
"""

from transformer_mock._generator_mock import GeneratorMock
from transformer_mock._mock_model import MockCache, MockModel
from transformer_mock._mock_tokenizer import MockTokenizer
from transformer_mock._mock_transformer import MockTransformer
from transformer_mock._paths import default_parent_dir
from transformer_mock._probe import ProbeSampler, ProbeTransformer
from transformer_mock._probe_model import ProbeModel
from transformer_mock._probe_tokenizer import ProbeTokenizer
from transformer_mock._record_mode import RecordMode
from transformer_mock._sampler import TokenSampler
from transformer_mock._store import Recording, RecordingMeta
from transformer_mock.errors import (
    InvalidRecordModeError,
    ModelFactoryMissingError,
    RecordedTokenBannedError,
    RecordingFormatError,
    RecordingPathError,
    ReplaySettingsWarning,
    TokenizerMismatchError,
    UnrecordedInputError,
)

__all__ = [
    "GeneratorMock",
    "InvalidRecordModeError",
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
    "default_parent_dir",
]
