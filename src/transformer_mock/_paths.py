"""Where recordings live: ``<parent_dir_path>/<dirname>``."""

from __future__ import annotations

import os
import time
from pathlib import Path, PurePath

from transformer_mock.errors import RecordingPathError

__all__ = ["default_parent_dir", "recording_dir", "timestamp_dirname"]

NAME_MAX = 255
"""Longest file name (bytes) a recording directory's components may have (Linux, macOS)."""

PATH_MAX = 4096
"""Longest absolute path (bytes) of a recording directory (Linux's limit; macOS's is 1024)."""


def default_parent_dir() -> Path:
    """``$XDG_CACHE_HOME/chatstream/probe_data``, or ``~/.cache/chatstream/probe_data``."""
    cache_home = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache_home) if cache_home else Path.home() / ".cache"
    return base / "chatstream" / "probe_data"


def timestamp_dirname() -> str:
    """A directory name from the current UTC time, e.g. ``20260101-120000-123456``."""
    now = time.time()
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime(now)) + f"-{int(now % 1 * 1e6):06d}"


def recording_dir(
    dirname: str | os.PathLike[str] | None, parent_dir_path: str | os.PathLike[str] | None
) -> Path:
    """The recording directory for ``dirname`` under ``parent_dir_path`` (defaults applied).

    Raises:
        RecordingPathError: ``dirname`` is absolute, has a ``..`` component or is empty, so it
            would not name a directory inside the parent (an absolute location goes in
            ``parent_dir_path``), is not text or holds a NUL, has a component longer than
            :data:`NAME_MAX` bytes or makes a path longer than :data:`PATH_MAX` bytes, or one
            of its components is a symbolic link (writes never follow links out of the parent).
    """
    parent = Path(parent_dir_path) if parent_dir_path is not None else default_parent_dir()
    if dirname is None:
        return parent / timestamp_dirname()
    text = os.fspath(dirname)
    relative = PurePath(text) if isinstance(text, str) and "\0" not in text else None
    if relative is None:
        problem = "is not text without NUL characters"
    elif relative.is_absolute() or relative.anchor:
        problem = "is an absolute path"
    elif ".." in relative.parts:
        problem = "has a '..' component"
    elif not relative.parts:
        problem = "is empty"
    elif too_long := _too_long(parent / relative):
        problem = too_long
    elif link := _first_link(parent, relative):
        problem = f"has a symbolic link as a component ({str(link)!r})"
    else:
        return parent / relative
    raise RecordingPathError(
        f"dirname {text!r} {problem}: it must name a directory inside the parent "
        f"directory {str(parent)!r}; pass an absolute location as parent_dir_path and a plain "
        "name as dirname"
    )


def _first_link(parent: Path, relative: PurePath) -> Path | None:
    """The first component of ``relative`` under ``parent`` that is a symbolic link, if any."""
    path = parent
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


def _too_long(path: Path) -> str | None:
    """Why ``path`` is too long for the file system, or None."""
    longest = max(len(os.fsencode(part)) for part in path.parts)
    if longest > NAME_MAX:
        return f"has a component of {longest} bytes, longer than the limit of {NAME_MAX}"
    length = len(os.fsencode(os.path.abspath(path)))
    if length >= PATH_MAX:
        return f"makes a path of {length} bytes, longer than the limit of {PATH_MAX - 1}"
    return None
