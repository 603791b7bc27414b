"""Episode ids, or a clear error for an episode that has none.

An episode's id hashes its JSON line, and JSON has no infinity: a recorded number past the float
range (a latency of ``1e400`` reads as ``inf``) leaves the episode without an id. The command
line and the pytest plugin name such an episode and its field instead of failing with a
traceback.
"""

from __future__ import annotations

import math
from typing import Any

from token_trace import TokenTrace
from transformer_mock._store import EPISODES_FILE, Recording, episode_id
from transformer_mock.errors import RecordingFormatError

__all__ = ["checked_episode_id", "episode_ids"]


def _non_finite(value: Any, where: str) -> tuple[str, float] | None:
    if isinstance(value, float):
        return None if math.isfinite(value) else (where, value)
    if isinstance(value, dict):
        children = [(f"{where}.{key}" if where else key, item) for key, item in value.items()]
    elif isinstance(value, (list, tuple)):
        children = [(f"{where}[{i}]", item) for i, item in enumerate(value)]
    else:
        return None
    for child_where, child in children:
        found = _non_finite(child, child_where)
        if found is not None:
            return found
    return None


def checked_episode_id(trace: TokenTrace, where: str) -> str:
    """The :func:`episode_id` of ``trace``, the episode found at ``where`` (file and line).

    Raises:
        RecordingFormatError: the episode holds a number that is not finite (the message names
            ``where`` and the field).
    """
    try:
        return episode_id(trace)
    except ValueError as error:
        found = _non_finite(trace.to_dict(), "")
        problem = f"{found[0]} is {found[1]!r}, not a finite number" if found else str(error)
        raise RecordingFormatError(f"{where}: {problem}, so the episode has no id") from None


def episode_ids(recording: Recording) -> list[str]:
    """The :func:`episode_id` of each episode of ``recording``, in recording order.

    Raises:
        RecordingFormatError: an episode holds a number that is not finite.
    """
    episodes_path = recording.path / EPISODES_FILE
    return [
        checked_episode_id(trace, f"{episodes_path}: episode {number}")
        for number, trace in enumerate(recording.episodes, start=1)
    ]
