"""Drop the episodes a test run did not replay, as told by the pytest plugin's usage file."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from token_trace import TokenTrace
from transformer_mock._episode_ids import checked_episode_id
from transformer_mock._files import WriterLock
from transformer_mock._store import (
    EPISODES_FILE,
    LOCK_FILE,
    Recording,
    parse_json,
    read_bounded,
    read_episodes,
    write_atomically,
)
from transformer_mock.errors import RecordingFormatError

__all__ = ["USAGE_FORMAT_VERSION", "PruneResult", "prune_recording", "read_usage"]

USAGE_FORMAT_VERSION = 1
"""The usage file's ``format_version`` this release reads."""


def read_usage(path: str | os.PathLike[str]) -> dict[Path, set[str]]:
    """Read a usage file: ``{"format_version": 1, "recordings": {dir: [episode id, ...]}}``.

    A relative directory is taken relative to the usage file's folder.

    Returns:
        The replayed episode ids of each recording directory (resolved).

    Raises:
        RecordingFormatError: the file is missing or malformed.
    """
    file = Path(path)
    data = read_bounded(file, 1 << 30)
    if data is None:
        raise RecordingFormatError(f"{file}: no such usage file")
    usage = parse_json(data, str(file))
    if not isinstance(usage, dict) or usage.get("format_version") != USAGE_FORMAT_VERSION:
        raise RecordingFormatError(
            f"{file}: not a usage file of format_version {USAGE_FORMAT_VERSION} "
            f"(got {str(usage)!r:.80})"
        )
    recordings = usage.get("recordings")
    if not isinstance(recordings, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids)
        for ids in recordings.values()
    ):
        raise RecordingFormatError(
            f"{file}: 'recordings' must map directories to lists of episode ids"
        )
    used: dict[Path, set[str]] = {}
    for directory, ids in recordings.items():
        used.setdefault((file.parent / directory).resolve(), set()).update(ids)
    return used


@attrs.frozen
class PruneResult:
    """What :func:`prune_recording` kept and dropped.

    Attributes:
        kept: The episodes kept, in recording order.
        dropped: The episodes dropped, in recording order.
        dropped_ids: The episode id of each dropped episode.
    """

    kept: list[TokenTrace]
    dropped: list[TokenTrace]
    dropped_ids: list[str]


def prune_recording(
    path: str | os.PathLike[str], used: set[str], *, dry_run: bool = False
) -> PruneResult:
    """Keep only the episodes whose :func:`episode_id` is in ``used``.

    ``episodes.jsonl`` is rewritten all at once (a temporary file renamed over it) while holding
    the writers' file lock, so a probe appending at the same time loses nothing and a reader
    sees the old file or the new one. ``tokenizer.jsonl`` is kept as it is: the usage file names
    episodes, not the encode calls and decodes a test made, so no piece or encode is known to be
    unneeded (and running probes rely on the pieces they wrote).

    Raises:
        RecordingFormatError: the recording does not load, or an episode has no id (a number
            in it is not finite).
        RecordingPathError: the recording cannot be written (read-only), naming the path.
    """
    directory = Path(path)
    Recording.load(directory)  # every file valid before anything changes
    episodes_path = directory / EPISODES_FILE
    with WriterLock(directory / LOCK_FILE).held():
        lines = read_episodes(episodes_path)
        ids = [checked_episode_id(trace, f"{episodes_path}, line {n}") for n, _, trace in lines]
        keep = [identity in used for identity in ids]
        result = PruneResult(
            kept=[trace for (_, _, trace), kept in zip(lines, keep, strict=True) if kept],
            dropped=[trace for (_, _, trace), kept in zip(lines, keep, strict=True) if not kept],
            dropped_ids=[identity for identity, kept in zip(ids, keep, strict=True) if not kept],
        )
        if result.dropped and not dry_run:
            text = "".join(
                line + "\n" for (_, line, _), kept in zip(lines, keep, strict=True) if kept
            )
            write_atomically(episodes_path, text.encode("utf-8"))
    return result
