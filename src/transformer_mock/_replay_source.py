"""Replay's token source: a loaded recording, searched by content, with honest miss reports."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from token_trace import TokenTrace
from transformer_mock._matcher import Cursor, EpisodeIndex, episode_id
from transformer_mock.errors import UnrecordedInputError

__all__ = ["ReplaySource", "mismatch_error"]

WINDOW = 8
"""Tokens of context shown on each side of a difference."""


class ReplaySource:
    """Finds the recorded next token for any token sequence, in any order, from any thread.

    Args:
        label: The recording directory, for messages.
        index: The recorded episodes.
        describe: Decodes ids for messages (ids never recorded shown as ``<id N?>``).
        piece: The piece of one id, for messages.
    """

    def __init__(
        self,
        label: str,
        index: EpisodeIndex,
        describe: Callable[[list[int]], str],
        piece: Callable[[int], str],
    ) -> None:
        self.label = label
        self.index = index
        self._describe = describe
        self._piece = piece
        self._used: set[int] = set()
        self._used_lock = threading.Lock()

    def cursor_for(
        self, tokens: Sequence[int], prefer: Callable[[TokenTrace], bool] | None = None
    ) -> Cursor:
        """The episode position continuing ``tokens``; UnrecordedInputError if there is none."""
        cursor = self.index.find(tokens, prefer)
        if cursor is None:
            raise mismatch_error(self.label, self.index, list(tokens), self._describe)
        with self._used_lock:
            self._used.add(cursor.index)
        return cursor

    def covers(self, tokens: Sequence[int]) -> bool:
        """Whether some episode continues ``tokens`` (nothing is marked used)."""
        return any(cursor.next_token is not None for cursor in self.index.fitting(tokens))

    def used_episodes(self) -> list[TokenTrace]:
        """The episodes :meth:`cursor_for` has returned a cursor into, in recording order."""
        with self._used_lock:
            used = sorted(self._used)
        return [self.index.episodes[i] for i in used]

    def describe_token(self, token_id: int) -> str:
        """``repr`` of the token's piece."""
        return repr(self._piece(token_id))


def mismatch_error(
    label: str, index: EpisodeIndex, tokens: list[int], describe: Callable[[list[int]], str]
) -> UnrecordedInputError:
    """Why ``tokens`` cannot be continued: the episode ends there, or where it differs."""
    count = len(index.episodes)
    ended = index.fitting(tokens)
    if ended:
        cursor = max(ended, key=lambda c: c.index)
        trace = cursor.trace
        tail = describe(tokens[-WINDOW:])
        return UnrecordedInputError(
            f"recording {label!r} has no token after these {len(tokens)} tokens: episode "
            f"{cursor.index} (id {episode_id(trace)}) ends there (finish_reason "
            f"{trace.finish_reason.value!r}, {len(trace.generated_ids)} generated tokens) and "
            f"the application asked for generated token {cursor.position + 1}; last text: {tail!r}",
            recording=label,
            position=len(tokens),
            closest=episode_id(trace),
        )
    if count == 0:
        return UnrecordedInputError(
            f"recording {label!r} holds no episodes; cannot continue these {len(tokens)} tokens",
            recording=label,
        )
    closest = index.closest(tokens)
    assert closest is not None
    episode, common = closest
    trace = index.episodes[episode]
    recorded = list(trace.all_ids)
    start = max(0, common - WINDOW)
    message = "\n".join(
        [
            f"no recorded episode continues these {len(tokens)} tokens in recording {label!r} "
            f"({count} episodes)",
            f"closest: episode {episode} (id {episode_id(trace)}), same first {common} tokens "
            f"(its prompt has {len(trace.prompt_ids)}, it generated {len(trace.generated_ids)})",
            f"first difference at token position {common}:",
            _side("recorded", recorded, start, common, describe),
            _side("got     ", tokens, start, common, describe),
        ]
    )
    return UnrecordedInputError(
        message, recording=label, position=common, closest=episode_id(trace)
    )


def _side(
    name: str, ids: list[int], start: int, at: int, describe: Callable[[list[int]], str]
) -> str:
    before = describe(ids[start:at])
    around = describe(ids[start : at + WINDOW])
    after = around[len(before) :] if around.startswith(before) else describe(ids[at : at + WINDOW])
    shown_after = repr(after) if at < len(ids) else "<end>"
    return f"  {name}: {before!r} | {shown_after}  ids {ids[at : at + WINDOW]!r}"
