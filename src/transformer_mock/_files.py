"""The files of a recording: bounded reading, whole-line appending, atomic replacing.

Every read, append and replace of a recording's files goes through here, so the rules live
once: a file is read only if it is a regular file under a size limit; JSON is parsed with
bounded depth and without NaN; a JSONL line is written whole with one ``write`` on an
``O_APPEND`` descriptor (:class:`AppendFile` keeps it open between appends); a torn last line
(a writer killed inside ``write``) is skipped by readers and cut off by the next writer, and
only a tail one of our writers could have left counts as torn (:func:`is_whole_line`); new
files get the user's umask; and a file that cannot be written raises
:class:`~transformer_mock.errors.RecordingPathError` naming it (:func:`writing`).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import threading
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
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
    "AppendFile",
    "WriterLock",
    "append_lines",
    "is_whole_line",
    "jsonl_lines",
    "parse_json",
    "read_bounded",
    "write_atomically",
    "writing",
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


_TORN_COMPLETIONS = (
    "",
    '"',
    'n"',
    '0000"',
    "0",
    "e",
    "ue",
    "rue",
    "lse",
    "alse",
    "se",
    "l",
    "ll",
    "ull",
)
"""What may complete a prefix of one of our lines up to its first unfinished token: a string
(cut anywhere, inside an escape too), a number (``-``, ``1.``, ``1e-``), ``true``, ``false``,
``null``."""

_UTF8_CUT = re.compile(rb"(?:[\xc0-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf7][\x80-\xbf]{0,2})\Z")


def is_whole_line(tail: bytes) -> bool:
    """Whether a last line without its newline is a line to keep, not a torn write to cut.

    The one rule for a last line that lacks its newline. Our writers write each line (a JSON
    object, no whitespace before it) and its newline with one ``write``, so a write cut short
    (a writer killed inside ``write``) leaves a tail that starts with ``{`` and is a strict
    prefix of a JSON object: complete up to where it stops, never a complete value. Only such
    a tail is torn (readers skip it; the next writer cuts it off). Any other tail, a complete
    JSON value (hand-edited files lose final newlines) or text none of our writers could have
    written, is kept as a line: the next writer ends it with its newline, and a reader refuses
    it, naming file and line, if it is not a valid line.
    """
    if not tail.startswith(b"{"):
        return True
    text = _decoded_prefix(tail)
    if text is None:
        return True
    try:
        json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        return True
    except ValueError:
        return not any(_stops_at_end(text, ending) for ending in _TORN_COMPLETIONS)
    return True


def _decoded_prefix(tail: bytes) -> str | None:
    """``tail`` as text, a UTF-8 character cut at its end dropped; None if not UTF-8."""
    cut = _UTF8_CUT.search(tail)
    try:
        return (tail[: cut.start()] if cut else tail).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _stops_at_end(text: str, ending: str) -> bool:
    """Whether ``text + ending`` parses, or fails only past ``text`` (it ran out, not wrong)."""
    try:
        json.loads(text + ending, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        return error.pos >= len(text)
    except (ValueError, RecursionError):
        return False
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


class writing:
    """Turn an ``OSError`` of the ``with`` block into RecordingPathError naming ``path``.

    A class, not a generator-based context manager: the probe enters it on every token.

    Args:
        path: The file or directory being written.
        action: What was being done, for the message (e.g. ``"append to"``).

    Raises:
        RecordingPathError: the block raised an ``OSError`` (a read-only directory or file, a
            name or path too long for the file system, a file where a directory should be).
    """

    __slots__ = ("action", "path")

    def __init__(self, path: Path, action: str) -> None:
        self.path = path
        self.action = action

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise RecordingPathError(
                f"cannot {self.action} {str(self.path)!r}: {reason} (errno {error.errno}); "
                "recording needs a writable recording directory (replay with record mode "
                "'none' reads only)"
            ) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new one.

    The data goes to a new file of a unique name next to ``path`` (safe from any thread or
    process; created with mode ``0o666`` less the umask, as any new file), is synced, and is
    renamed over ``path``.
    """
    staging = path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"
    with writing(path, "write"):
        fd = open_no_follow(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(staging, path)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise


def append_lines(path: Path, lines: Sequence[str]) -> None:
    """Append whole lines with one ``write``; call it holding the recording's file lock."""
    file = AppendFile(path)
    try:
        file.append(lines)
    finally:
        file.close()


def open_no_follow(path: Path, flags: int) -> int:
    """``os.open`` that refuses a symbolic link (dangling or not) at ``path``.

    A file it creates gets mode ``0o666`` less the umask.

    Raises:
        RecordingPathError: ``path`` is a symbolic link: a recording's files are never
            written through one (it could point outside the recording).
    """
    try:
        return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError:
        if path.is_symlink():
            raise RecordingPathError(
                f"{str(path)!r} is a symbolic link; a recording's files are never written "
                "through a link (replace it with the file it points to)"
            ) from None
        raise


class AppendFile:
    """A JSONL file appended to through a descriptor kept open between appends.

    Each :meth:`append` (made holding the recording's file lock) costs one ``stat`` of the path
    and one ``write``: the descriptor is opened again only when the path no longer names the
    file it holds (``prune`` replaced the file, an ``all`` run swapped the directory in, the
    file was deleted, or this is a forked child), and the file's end is checked for a torn line
    only when someone else wrote since this object last did (its size is not the one this
    object left).

    Args:
        path: The file (created if missing; never through a symbolic link).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = -1
        self._identity: tuple[int, int] | None = None
        self._pid = 0
        self._end = -1
        self._size = -1
        self._last_identity: tuple[int, int] | None = None
        """The file written to before (kept across :meth:`close`)."""
        self._closer: Callable[[], object] | None = None

    def open_current(self, on_moved: Callable[[], object] | None = None) -> bool:
        """Make the descriptor hold the file the path names now; call it holding the lock.

        Args:
            on_moved: Called before the file is opened (again): the first time, and when the
                path names another file than the one held (e.g. :meth:`WriterLock.follow`).

        Returns:
            Whether the path named another file than the one this object wrote to before (the
            file was replaced, deleted, or its directory swapped): what was written there is
            not in this file.

        Raises:
            RecordingPathError: the file is a symbolic link, or cannot be opened.
        """
        with writing(self.path, "append to"):
            try:
                info: os.stat_result | None = os.stat(self.path, follow_symlinks=False)
            except FileNotFoundError:
                info = None
            if info is not None and self._holds(info):
                self._size = info.st_size
                return False
            if on_moved is not None:
                on_moved()
            before = self._last_identity
            info = self._reopen()
            self._size = info.st_size
            return before is not None and before != self._identity

    def append(self, lines: Sequence[str], on_moved: Callable[[], object] | None = None) -> None:
        """Append whole lines with one ``write``; call it holding the recording's file lock.

        Args:
            lines: The lines (without their newlines).
            on_moved: As for :meth:`open_current`.

        Raises:
            RecordingPathError: the file is a symbolic link, or cannot be written.
        """
        self.open_current(on_moved)
        self.write(lines)

    def write(self, lines: Sequence[str]) -> None:
        """Append whole lines to the file :meth:`open_current` found, in the same lock hold."""
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        with writing(self.path, "append to"):
            if self._size != self._end:
                _repair_tail(self._fd)
                start = os.fstat(self._fd).st_size
            else:
                start = self._size
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            self._end = self._size = start + len(data)

    def append_if_unchanged(self, line: str) -> bool:
        """Append one line if the path still names the file as this object left it.

        Call it holding the recording's file lock. Returns False, writing nothing, when the
        file was replaced, moved or written by someone else since, or in a forked child.
        """
        try:
            info = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False
        if not self._holds(info) or info.st_size != self._end:
            return False
        self._size = info.st_size
        self.write([line])
        return True

    def _holds(self, info: os.stat_result) -> bool:
        """Whether ``info`` (the path's ``stat``) is the file this process's descriptor holds."""
        return self._pid == os.getpid() and (info.st_dev, info.st_ino) == self._identity

    def _reopen(self) -> os.stat_result:
        self.close()
        self._fd = open_no_follow(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        self._closer = weakref.finalize(self, os.close, self._fd)
        self._pid = os.getpid()
        info = os.fstat(self._fd)
        self._identity = self._last_identity = (info.st_dev, info.st_ino)
        self._end = -1
        return info

    def close(self) -> None:
        """Close the descriptor (the next append opens it again)."""
        if self._closer is not None:
            self._closer()
        self._closer, self._fd, self._identity, self._end = None, -1, None, -1


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

    The descriptor stays open between uses (reopened after a ``fork``, or when the path names
    another file: a directory swapped in), so taking the lock costs at most three system calls
    (``flock``, a ``stat`` of the path, ``flock`` to release), not the checks
    ``filelock.FileLock`` makes on every acquire; the two exclude each other, since both
    ``flock`` the same file, which neither deletes.

    Args:
        path: The lock file (created if missing).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._pid = 0
        self._identity: tuple[int, int] | None = None
        self._closer: Callable[[], object] | None = None
        self._fallback = FileLock(str(path)) if fcntl is None else None

    def _descriptor(self) -> int:
        if self._fd is None or self._pid != os.getpid():
            self._open()
        assert self._fd is not None
        return self._fd

    def _open(self) -> None:
        if self._closer is not None:
            self._closer()
        with writing(self.path, "lock"):
            self._fd = open_no_follow(self.path, os.O_RDWR | os.O_CREAT)
        self._pid = os.getpid()
        self._closer = weakref.finalize(self, os.close, self._fd)
        info = os.fstat(self._fd)
        self._identity = (info.st_dev, info.st_ino)

    def _is_current(self) -> bool:
        """Whether the path still names the file locked (not after a directory swap)."""
        try:
            info = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        return (info.st_dev, info.st_ino) == self._identity

    def follow(self) -> None:
        """Holding the lock: if the path now names another lock file, lock that one instead.

        A writer that skipped the check when taking the lock (``held(verify=False)``) calls
        this when one of its files moved: a directory swapped in replaces every file of the
        recording, the lock file too.
        """
        if self._fallback is not None:  # pragma: no cover - not POSIX: filelock locks by path
            return
        fd = self._descriptor()
        while not self._is_current():
            fcntl.flock(fd, fcntl.LOCK_UN)
            self._open()
            fd = self._descriptor()
            fcntl.flock(fd, fcntl.LOCK_EX)

    def held(self, *, verify: bool = True) -> _Held:
        """Hold the lock (thread lock first, then the file lock) for the ``with`` block.

        When the lock file was replaced while waiting (an ``all`` run swapped the directory
        in), the new one is opened and locked instead, so every writer of the directory now at
        the path excludes every other. ``verify=False`` skips that check (one ``stat``) for a
        caller that calls :meth:`follow` when it sees one of the recording's files moved.
        """
        return _Held(self, verify)

    def _acquire(self, verify: bool) -> None:
        self._thread_lock.acquire()
        try:
            if self._fallback is not None:
                self._fallback.acquire()
                return
            fcntl.flock(self._descriptor(), fcntl.LOCK_EX)
            if verify:
                try:
                    self.follow()
                except BaseException:
                    fcntl.flock(self._descriptor(), fcntl.LOCK_UN)
                    raise
        except BaseException:
            self._thread_lock.release()
            raise

    def _release(self) -> None:
        try:
            if self._fallback is not None:
                self._fallback.release()
            else:
                fcntl.flock(self._descriptor(), fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()


class _Held:
    """:meth:`WriterLock.held`'s context manager (a class: the probe takes the lock per token)."""

    __slots__ = ("lock", "verify")

    def __init__(self, lock: WriterLock, verify: bool) -> None:
        self.lock = lock
        self.verify = verify

    def __enter__(self) -> None:
        self.lock._acquire(self.verify)

    def __exit__(self, *exc_info: object) -> None:
        self.lock._release()
