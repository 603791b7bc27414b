"""Replacing a recording directory all at once, sessions that share it, and cleaning up.

A recording made from scratch (``once`` without a recording, ``all``) is written into a
staging directory beside it, ``.<name>.recording-<pid>-<random>``, holding a ``.session`` file
with the recording session's token. :func:`install` puts it in place under a lock on the
parent directory:

- if the recording in place was made by the same session (its ``.session`` holds the same
  token: another test or pytest-xdist worker of the same run), the staged lines are appended
  to it, so a recording shared by many tests ends up holding every episode the session made;
- else the two directories are exchanged in one ``renameat2(RENAME_EXCHANGE)`` (Linux), so the
  path always holds the old recording or the new one, and the old one is deleted. Where the
  exchange is not available, the old one is renamed to ``.<name>.replaced-<random>`` and the
  new one into place; a run killed between the two renames is undone by :func:`recover`.

:func:`recover` (called at every open, and before every swap) puts a ``.replaced-*`` back when
the path is missing, and deletes ``.replaced-*`` leftovers and staging directories whose
process is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock

from transformer_mock._files import (
    WriterLock,
    append_lines,
    jsonl_lines,
    write_atomically,
    writing,
)
from transformer_mock._format import EPISODES_FILE, LOCK_FILE, META_FILE, TOKENIZER_FILE
from transformer_mock._loader import load_meta
from transformer_mock.errors import RecordingFormatError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "KILL_ENV",
    "SESSION_ENV",
    "SESSION_FILE",
    "install",
    "new_session",
    "recover",
    "session_of",
    "staging_dir",
]

SESSION_FILE = ".session"
"""The token of the recording session that made the recording (not data; need not be committed)."""

SESSION_ENV = "TRANSFORMER_MOCK_SESSION"
"""Environment variable naming the current recording session (the pytest plugin sets it)."""

KILL_ENV = "TRANSFORMER_MOCK_KILL_AT"
"""Test hook: the swap step at which the process SIGKILLs itself (crash-safety tests)."""

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def new_session() -> str:
    """A fresh session token."""
    return uuid.uuid4().hex


def kill_point(step: str) -> None:
    """SIGKILL this process when :data:`KILL_ENV` names ``step`` (crash-safety tests only)."""
    if os.environ.get(KILL_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _parent_lock(path: Path) -> Iterator[None]:
    """Exclude other swaps of recordings in ``path.parent`` (threads and processes)."""
    parent = path.parent
    if fcntl is None:  # pragma: no cover - not POSIX
        with FileLock(str(parent / f".{path.name}.swap-lock")):
            yield
        return
    fd = os.open(parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def session_of(path: Path) -> str | None:
    """The session token of the recording in ``path``, or None."""
    try:
        with (path / SESSION_FILE).open("rb") as file:
            return file.read(256).decode("ascii", "replace").strip() or None
    except OSError:
        return None


def staging_dir(path: Path, session: str) -> Path:
    """A new, empty staging directory beside ``path`` for a recording of ``session``."""
    staging = path.parent / f".{path.name}.recording-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with writing(staging, "create the staging directory"):
        path.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    write_atomically(staging / SESSION_FILE, (session + "\n").encode("ascii"))
    return staging


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - other systems
        return False
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # pragma: no cover - glibc < 2.28, musl
        return False
    path_type, fd_type = ctypes.c_char_p, ctypes.c_int
    function.argtypes = [fd_type, path_type, fd_type, path_type, ctypes.c_uint]
    result = function(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # pragma: no cover - filesystem
        return False
    raise OSError(code, os.strerror(code), str(second))


def _merge(staging: Path, path: Path) -> None:
    """Append the staged recording's lines to the same session's recording in ``path``."""
    staged, target = load_meta(staging), load_meta(path)
    if (
        staged.tokenizer_card.fingerprint != target.tokenizer_card.fingerprint
        or staged.model_config != target.model_config
    ):
        raise RecordingFormatError(
            f"{path}: this session recorded it with tokenizer "
            f"{target.tokenizer_card.name_or_path!r} and model {target.model_class}, and now "
            f"with {staged.tokenizer_card.name_or_path!r} and {staged.model_class}; give the "
            f"two a different dirname (the new recording is kept in {str(staging)!r})"
        )
    with WriterLock(path / LOCK_FILE).held():
        for name in (TOKENIZER_FILE, EPISODES_FILE):
            lines = [line for _, line in jsonl_lines(staging / name)]
            if lines:
                append_lines(path / name, lines)


def install(staging: Path, path: Path, session: str) -> None:
    """Put the staged recording at ``path``: appended to the session's own, or swapped in.

    Raises:
        RecordingFormatError: the session's recording in place was made with another
            tokenizer or model (the staged one is kept).
        RecordingPathError: the parent directory or the recording cannot be written.
    """
    with writing(path, "put the new recording in place at"), _parent_lock(path):
        _recover_locked(path)
        if session_of(path) == session and (path / META_FILE).is_file():
            _merge(staging, path)
            shutil.rmtree(staging, ignore_errors=True)
            return
        if not os.path.lexists(path):
            kill_point("rename")
            os.rename(staging, path)
            return
        kill_point("exchange")
        if _exchange(staging, path):
            kill_point("exchanged")
            old = staging
        else:
            old = path.parent / f".{path.name}.replaced-{uuid.uuid4().hex[:8]}"
            os.rename(path, old)
            kill_point("moved-aside")
            os.rename(staging, path)
        kill_point("swapped")
        shutil.rmtree(old, ignore_errors=True)


def _leftovers(path: Path) -> tuple[list[Path], list[Path]]:
    """``.replaced-*`` directories and staging directories of dead processes beside ``path``."""
    replaced_prefix = f".{path.name}.replaced-"
    staging_prefix = f".{path.name}.recording-"
    replaced, stale = [], []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return [], []
    for name in names:
        if name.startswith(replaced_prefix):
            replaced.append(path.parent / name)
        elif name.startswith(staging_prefix):
            pid_text = name[len(staging_prefix) :].split("-", 1)[0]
            if pid_text.isdigit() and not _alive(int(pid_text)):
                stale.append(path.parent / name)
    return sorted(replaced), sorted(stale)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _recover_locked(path: Path) -> None:
    replaced, stale = _leftovers(path)
    if replaced and not os.path.lexists(path):
        os.rename(replaced.pop(), path)  # an interrupted swap: undo it, the old one is whole
    for leftover in replaced + stale:
        shutil.rmtree(leftover, ignore_errors=True)


def recover(path: Path) -> None:
    """Undo a swap interrupted beside ``path`` and delete leftovers of dead runs."""
    if not any(_leftovers(path)):
        return
    try:
        with _parent_lock(path):
            _recover_locked(path)
    except OSError:  # a read-only checkout: replay what is there
        return
