"""The recording directory, in one import: its format, files, loader and writer.

The parts live in :mod:`transformer_mock._format` (what the files hold),
:mod:`transformer_mock._files` (bounded reading, whole-line appending, atomic replacing),
:mod:`transformer_mock._loader` (:class:`Recording`) and :mod:`transformer_mock._writer`
(:class:`RecordingWriter`); this module re-exports them.
"""

from __future__ import annotations

from transformer_mock._files import (
    DEFAULT_MAX_FILE_BYTES,
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    WriterLock,
    append_lines,
    is_whole_line,
    jsonl_lines,
    parse_json,
    read_bounded,
    write_atomically,
)
from transformer_mock._format import (
    EPISODES_FILE,
    LOCK_FILE,
    MAX_VOCAB_SIZE,
    META_FILE,
    RECORDING_FORMAT_VERSION,
    TOKENIZER_FILE,
    EncodeCall,
    RecordingMeta,
    encode_key,
    episode_id,
    id_limit,
    progress_line,
    stream_line,
)
from transformer_mock._loader import Recording, load_meta, read_episodes, read_tokenizer_lines
from transformer_mock._writer import RecordingWriter

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "EPISODES_FILE",
    "LOCK_FILE",
    "MAX_JSON_DEPTH",
    "MAX_LINE_BYTES",
    "MAX_VOCAB_SIZE",
    "META_FILE",
    "RECORDING_FORMAT_VERSION",
    "TOKENIZER_FILE",
    "EncodeCall",
    "Recording",
    "RecordingMeta",
    "RecordingWriter",
    "WriterLock",
    "append_lines",
    "encode_key",
    "episode_id",
    "id_limit",
    "is_whole_line",
    "jsonl_lines",
    "load_meta",
    "parse_json",
    "progress_line",
    "read_bounded",
    "read_episodes",
    "read_tokenizer_lines",
    "stream_line",
    "write_atomically",
]
