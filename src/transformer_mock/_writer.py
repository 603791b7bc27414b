"""Append to a recording directory, safely across threads and processes."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from token_trace import TokenTrace, dumps, loads
from transformer_mock._files import AppendFile, WriterLock, write_atomically, writing
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

    Raises:
        RecordingPathError: the directory or one of its files cannot be written (read-only,
            a name too long, a symbolic link), naming it.

    Each :meth:`append` writes its lines with one ``write`` per file under the writers' lock,
    on descriptors kept open between appends (see :class:`AppendFile`): what it wrote is in
    the file when it returns, so it survives any end of the process.

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
        with writing(self.path, "create the recording directory"):
            self.path.mkdir(parents=True, exist_ok=True)
        for target in (self.path, *(self.path / name for name in (EPISODES_FILE, TOKENIZER_FILE))):
            if os.path.lexists(target) and not os.access(target, os.W_OK):
                with writing(target, "write"):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        self._file_lock = WriterLock(self.path / LOCK_FILE)
        self._tokenizer_file = AppendFile(self.path / TOKENIZER_FILE)
        self._episodes_file = AppendFile(self.path / EPISODES_FILE)
        self._written_pieces: dict[int, str] = {}
        self._written_encodes: dict[str, tuple[int, ...]] = {}
        self.generation = 0
        """How many times the recording moved under this writer (see :meth:`append`)."""
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
    ) -> bool:
        """Append the pieces and encode calls not written yet, then the episode, all at once.

        When ``episodes.jsonl`` is no longer the file this writer appended to (an ``all`` run
        swapped another recording in; ``prune`` replaced it), every piece and encode call this
        writer knows is written again first, so the episode's ids have their pieces there;
        :attr:`generation` then grows by one, and the caller restates the episodes it is
        writing progress lines for (their stream lines are not in the new file).

        Args:
            trace: The episode, or an ``episodes.jsonl`` line (a stream's start or progress),
                or None.
            pieces: Pieces of the ids the episode and encode calls hold (those already
                written are skipped).
            encodes: Encode calls (those already written are skipped).

        Returns:
            Whether ``episodes.jsonl`` had moved (the line went to the new file).
        """
        with self._thread_lock:
            new_pieces = sorted(
                (token_id, piece)
                for token_id, piece in pieces.items()
                if token_id not in self._written_pieces
            )
            new_encodes = {
                call.key: call for call in encodes if call.key not in self._written_encodes
            }
            if not new_pieces and not new_encodes and trace is None:
                return False
            follow = self._file_lock.follow
            with self._file_lock.held(verify=False):  # checked when a file moved (follow)
                moved = self._episodes_file.open_current(follow)
                if moved:
                    self.generation += 1
                if new_pieces or new_encodes or moved:
                    restate = self._tokenizer_file.open_current(follow) or moved
                    self._tokenizer_file.write(
                        self._tokenizer_lines(new_pieces, new_encodes.values(), restate)
                    )
                if trace is not None:
                    line = trace if isinstance(trace, str) else trace.to_json()
                    self._episodes_file.write([line])
            self._written_pieces.update(new_pieces)
            self._written_encodes.update((key, call.ids) for key, call in new_encodes.items())
            return moved

    def has_piece(self, token_id: int) -> bool:
        """Whether the piece of ``token_id`` is written (or was in the recording)."""
        return token_id in self._written_pieces

    def append_if_unmoved(self, line: str) -> bool:
        """Append one ``episodes.jsonl`` line if nothing happened to the file since the last one.

        The probe's per-token path: one lock hold, one ``stat``, one ``write``. Returns False,
        writing nothing, when the file was replaced or swapped, another writer wrote since, or
        this is a forked child; :meth:`append` then does the full work.
        """
        with self._thread_lock, self._file_lock.held(verify=False):
            return self._episodes_file.append_if_unchanged(line)

    def _tokenizer_lines(
        self,
        new_pieces: list[tuple[int, str]],
        new_encodes: Iterable[EncodeCall],
        restate: bool,
    ) -> list[str]:
        """``tokenizer.jsonl`` lines for the new pieces and encodes (all known ones to restate)."""
        lines: list[str] = []
        if restate:
            new_pieces = sorted({**self._written_pieces, **dict(new_pieces)}.items())
            lines.extend(
                dumps({"encode": loads(key), "ids": list(ids)})
                for key, ids in self._written_encodes.items()
            )
        if new_pieces:
            lines.insert(0, dumps({"pieces": [list(item) for item in new_pieces]}))
        lines.extend(call.to_line() for call in new_encodes)
        return lines

    def close(self) -> None:
        """Close the files kept open between appends (a later append opens them again)."""
        with self._thread_lock:
            self._tokenizer_file.close()
            self._episodes_file.close()
