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
        """The token's piece."""
        return self._piece(token_id)


def mismatch_error(
    label: str, index: EpisodeIndex, tokens: list[int], describe: Callable[[list[int]], str]
) -> UnrecordedInputError:
    """Why ``tokens`` cannot be continued: the episode ends there, or where it differs."""
    count = len(index.episodes)
    ended = index.fitting(tokens)
    if ended:
        cursor = max(ended, key=lambda c: c.index)
        trace = cursor.trace
        return UnrecordedInputError(
            recording=label,
            position=len(tokens),
            closest=episode_id(trace),
            tokens=len(tokens),
            episodes=count,
            episode=cursor.index,
            generated=len(trace.generated_ids),
            finish_reason=trace.finish_reason.value,
            asked=cursor.position + 1,
            last_text=describe(tokens[-WINDOW:]),
        )
    if count == 0:
        return UnrecordedInputError(recording=label, tokens=len(tokens), episodes=0)
    closest = index.closest(tokens)
    assert closest is not None
    episode, common = closest
    trace = index.episodes[episode]
    start = max(0, common - WINDOW)
    return UnrecordedInputError(
        recording=label,
        position=common,
        closest=episode_id(trace),
        tokens=len(tokens),
        episodes=count,
        episode=episode,
        prompt_length=len(trace.prompt_ids),
        generated=len(trace.generated_ids),
        recorded=_side(list(trace.all_ids), start, common, describe),
        got=_side(tokens, start, common, describe),
    )


def _side(ids: list[int], start: int, at: int, describe: Callable[[list[int]], str]) -> str:
    before = describe(ids[start:at])
    around = describe(ids[start : at + WINDOW])
    after = around[len(before) :] if around.startswith(before) else describe(ids[at : at + WINDOW])
    shown_after = repr(after) if at < len(ids) else "<end>"
    return f"{before!r} | {shown_after}  ids {ids[at : at + WINDOW]!r}"
