"""Append to a recording directory, safely across threads and processes."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from token_trace import TokenTrace, dumps, loads
from transformer_mock._files import WriterLock, append_lines, write_atomically
from transformer_mock._format import (
    EPISODES_FILE,
    LOCK_FILE,
    META_FILE,
    TOKENIZER_FILE,
    EncodeCall,
    RecordingMeta,
)
from transformer_mock._loader import Recording
from transformer_mock.errors import RecordingFormatError

__all__ = ["RecordingWriter"]


class RecordingWriter:
    """Appends episodes and their pieces to a recording, safely across threads and processes.

    Args:
        path: The recording directory (created if missing).
        meta: What is being recorded; written to ``meta.json`` when the directory is new, and
            checked against it otherwise.
        existing: The recording already in ``path``, when the caller has loaded it (it is not
            read again).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        meta: RecordingMeta,
        *,
        existing: Recording | None = None,
    ) -> None:
        self.path = Path(path)
        self.meta = meta
        self._thread_lock = threading.Lock()
        self.path.mkdir(parents=True, exist_ok=True)
        self._file_lock = WriterLock(self.path / LOCK_FILE)
        self._written_pieces: set[int] = set()
        self._written_encodes: set[str] = set()
        with self._file_lock.held():
            self._init_meta(existing)

    def _init_meta(self, existing: Recording | None) -> None:
        meta_path = self.path / META_FILE
        if meta_path.exists():
            if existing is None:
                existing = Recording.load(self.path)
            if existing.meta.tokenizer_card.fingerprint != self.meta.tokenizer_card.fingerprint:
                raise RecordingFormatError(
                    f"{meta_path}: recorded with another tokenizer "
                    f"({existing.meta.tokenizer_card.name_or_path!r}, "
                    f"{existing.meta.tokenizer_card.fingerprint}); use another directory"
                )
            if existing.meta.model_config != loads(dumps(dict(self.meta.model_config))):
                raise RecordingFormatError(
                    f"{meta_path}: recorded with another model config "
                    f"({existing.meta.model_class}); use another directory"
                )
            self._written_pieces.update(existing.pieces)
            self._written_encodes.update(existing.encodes)
            return
        write_atomically(meta_path, (dumps(self.meta.to_dict()) + "\n").encode("utf-8"))

    def append(
        self,
        trace: TokenTrace | str | None,
        pieces: Mapping[int, str],
        encodes: Sequence[EncodeCall] = (),
    ) -> None:
        """Append the pieces and encode calls not written yet, then the episode, all at once.

        Args:
            trace: The episode, or an ``episodes.jsonl`` line (a stream's start or progress),
                or None.
            pieces: Pieces of the ids the episode and encode calls hold (those already
                written are skipped).
            encodes: Encode calls (those already written are skipped).
        """
        with self._thread_lock:
            new_pieces = sorted(
                (token_id, piece)
                for token_id, piece in pieces.items()
                if token_id not in self._written_pieces
            )
            tokenizer_lines = []
            if new_pieces:
                tokenizer_lines.append(dumps({"pieces": [list(item) for item in new_pieces]}))
            new_keys = []
            for call in encodes:
                key = call.key
                if key not in self._written_encodes and key not in new_keys:
                    new_keys.append(key)
                    tokenizer_lines.append(call.to_line())
            if not tokenizer_lines and trace is None:
                return
            with self._file_lock.held():
                if tokenizer_lines:
                    append_lines(self.path / TOKENIZER_FILE, tokenizer_lines)
                if trace is not None:
                    line = trace if isinstance(trace, str) else trace.to_json()
                    append_lines(self.path / EPISODES_FILE, [line])
            self._written_pieces.update(token_id for token_id, _ in new_pieces)
            self._written_encodes.update(new_keys)
