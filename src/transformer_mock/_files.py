"""The files of a recording: bounded reading, whole-line appending, atomic replacing.

Every read, append and replace of a recording's files goes through here, so the rules live
once: a file is read only if it is a regular file under a size limit; JSON is parsed with
bounded depth and without NaN; a JSONL line is written whole with one ``write`` on an
``O_APPEND`` descriptor; and a torn last line (a writer killed inside ``write``) is skipped
by readers and cut off by the next writer (:func:`whole_tail`).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
import threading
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from filelock import FileLock

from transformer_mock.errors import RecordingFormatError, RecordingPathError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: filelock's own locking
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_LINE_BYTES",
    "WriterLock",
    "append_lines",
    "is_whole_line",
    "jsonl_lines",
    "parse_json",
    "read_bounded",
    "write_atomically",
]

DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest recording file :meth:`Recording.load` reads unless told otherwise."""

MAX_LINE_BYTES = 64 * 1024 * 1024
"""Largest JSONL line a reader accepts."""

MAX_JSON_DEPTH = 64
"""Deepest nesting of JSON arrays and objects a reader accepts."""


def read_bounded(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file ``path`` (None if missing), refusing more than ``limit``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise RecordingFormatError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise RecordingFormatError(
                f"{path}: {info.st_size} bytes, more than the limit of {limit} bytes "
                "(pass a larger max_file_bytes to read it)"
            )
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise RecordingFormatError(f"{path}: cannot be read ({error})") from None
    if len(data) > limit:
        raise RecordingFormatError(f"{path}: grew past the limit of {limit} bytes while read")
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"{text:.40} is not a finite number")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r:.60}")
            seen.add(key)
    return data


_PLAIN = json.JSONDecoder(parse_constant=_reject_constant)
"""The decoder of the common case (no duplicate key or overflowing number possible)."""

_STRICT = json.JSONDecoder(
    parse_constant=_reject_constant, parse_float=_finite_float, object_pairs_hook=_unique_keys
)
"""The decoder that finds duplicate keys and overflowing numbers (slower: hooks in Python)."""

_POSITIVE_EXPONENT = re.compile(r"[eE](?<=[0-9][eE])\+?[0-9]+[,\]}\s]")
"""A number with a positive exponent (``1e400``), which could overflow to infinity. It starts
at the ``e`` so the search is quick, and must end as a JSON number does, so a hex id such as
``"…44e3"`` does not match (small latencies have negative exponents: ``4.1e-05``)."""

_LONG_DIGITS = re.compile(r"[0-9]{300}")
"""300 digits in a row: a number that could overflow without an exponent."""


def _may_overflow(text: str) -> bool:
    return bool(_POSITIVE_EXPONENT.search(text) or _LONG_DIGITS.search(text))


def parse_json(text: str | bytes, where: str) -> Any:
    """Decode untrusted JSON; any problem raises RecordingFormatError naming ``where``.

    NaN, infinities and numbers too large for a float (``1e400``) are refused, and so are
    duplicate keys in an object and nesting deeper than :data:`MAX_JSON_DEPTH`. The common
    case costs one plain parse: a text is parsed again with hooks only when it may hold a
    duplicate key (it has more ``:`` than the parsed objects have keys; each key takes one)
    or an overflowing number.
    """
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        data = _PLAIN.decode(text)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise RecordingFormatError(f"{where}: not valid JSON ({error})") from None
    keys = 0
    level = [data] if isinstance(data, (dict, list)) else []
    for _ in range(MAX_JSON_DEPTH):
        if not level:
            break
        keys += sum(len(value) for value in level if isinstance(value, dict))
        level = [
            child
            for value in level
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, (dict, list))
        ]
    if level:
        raise RecordingFormatError(f"{where}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    if text.count(":") != keys or _may_overflow(text):
        try:
            _STRICT.decode(text)
        except (ValueError, RecursionError) as error:
            raise RecordingFormatError(f"{where}: not valid JSON ({error})") from None
    return data


def is_whole_line(tail: bytes) -> bool:
    """Whether a last line without its newline is a whole JSON object (not a torn write).

    The one rule for a last line that lacks its newline: whole if it is a JSON object
    (hand-edited files lose final newlines), else torn by a writer killed inside ``write``,
    and never data. Readers skip a torn line; the next writer cuts it off.
    """
    try:
        return isinstance(json.loads(tail, parse_constant=_reject_constant), dict)
    except (ValueError, RecursionError):
        return False


def jsonl_lines(path: Path, limit: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of each non-blank line of a JSONL file, a torn last line skipped."""
    data = read_bounded(path, limit)
    if not data:
        return
    end = data.rfind(b"\n") + 1
    if end < len(data):
        data = data + b"\n" if is_whole_line(data[end:]) else data[:end]
    for number, raw in enumerate(data.split(b"\n")[:-1], start=1):
        if len(raw) > MAX_LINE_BYTES:
            raise RecordingFormatError(
                f"{path}, line {number}: longer than the limit of {MAX_LINE_BYTES} bytes"
            )
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RecordingFormatError(f"{path}, line {number}: not UTF-8 ({error})") from None
        if line.strip():
            yield number, line


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new one.

    The data goes to a temporary file of a unique name next to ``path`` (safe from any thread
    or process), is synced, and is renamed over ``path``.
    """
    fd, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def append_lines(path: Path, lines: Sequence[str]) -> None:
    """Append whole lines with one ``write``; call it holding the recording's file lock."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    fd = open_no_follow(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
    try:
        _repair_tail(fd)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def open_no_follow(path: Path, flags: int) -> int:
    """``os.open`` that refuses a symbolic link (dangling or not) at ``path``.

    Raises:
        RecordingPathError: ``path`` is a symbolic link: a recording's files are never
            written through one (it could point outside the recording).
    """
    try:
        return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError:
        if path.is_symlink():
            raise RecordingPathError(
                f"{str(path)!r} is a symbolic link; a recording's files are never written "
                "through a link (replace it with the file it points to)"
            ) from None
        raise


def _repair_tail(fd: int) -> None:
    """End the file with a newline: cut a torn last line off (see :func:`is_whole_line`)."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    end = size
    chunk = 1 << 16
    while end > 0:
        start = max(0, end - chunk)
        block = os.pread(fd, end - start, start)
        newline = block.rfind(b"\n")
        if newline >= 0:
            end = start + newline + 1
            break
        end = start
    tail = os.pread(fd, size - end, end)
    if is_whole_line(tail):
        os.write(fd, b"\n")
    else:
        os.ftruncate(fd, end)


class WriterLock:
    """The writers' lock of a recording: a thread lock, then ``flock`` on its ``.lock`` file.

    The descriptor stays open between uses (reopened after a ``fork``), so taking the lock
    costs two system calls, not the checks ``filelock.FileLock`` makes on every acquire; the
    two exclude each other, since both ``flock`` the same file, which neither deletes.

    Args:
        path: The lock file (created if missing).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._pid = 0
        self._fallback = FileLock(str(path)) if fcntl is None else None

    def _descriptor(self) -> int:
        if self._fd is None or self._pid != os.getpid():
            self._fd = open_no_follow(self.path, os.O_RDWR | os.O_CREAT)
            self._pid = os.getpid()
            weakref.finalize(self, os.close, self._fd)
        return self._fd

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock (thread lock first, then the file lock) for the ``with`` block."""
        with self._thread_lock:
            if self._fallback is not None:
                with self._fallback:
                    yield
                return
            fd = self._descriptor()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
