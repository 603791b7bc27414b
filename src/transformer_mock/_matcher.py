"""Find the recorded episode that continues a token sequence (content-addressed replay)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import attrs

from token_trace import TokenTrace
from transformer_mock._format import episode_id  # one id for messages, usage reports and prune

__all__ = ["Cursor", "EpisodeIndex", "common_prefix", "episode_id"]


@attrs.frozen
class Cursor:
    """A place in an episode: the sequence so far is ``prompt_ids + generated_ids[:position]``.

    Attributes:
        index: The episode's index in the recording.
        trace: The episode.
        position: How many generated ids the sequence already holds.
    """

    index: int
    trace: TokenTrace
    position: int

    @property
    def next_token(self) -> int | None:
        """The recorded id that comes next, or None at the end of the episode."""
        generated = self.trace.generated_ids
        return generated[self.position] if self.position < len(generated) else None

    def advance(self, token_id: int) -> Cursor | None:
        """The cursor after ``token_id``, or None if the episode does not go on with it."""
        if self.next_token != token_id:
            return None
        return Cursor(self.index, self.trace, self.position + 1)


class EpisodeIndex:
    """Episodes indexed by prompt, so a sequence finds its episode without scanning them all.

    Where several episodes fit a sequence, only those with a next id count, and an episode that
    another one extends (a sequence recorded again in full) is dropped. If the rest all start at
    this point (the same prompt recorded several times, e.g. a "regenerate" button), each new
    start takes the next of them in recording order, round-robin; otherwise the one recorded
    last wins.
    """

    def __init__(self, episodes: Sequence[TokenTrace] = ()) -> None:
        self.episodes: list[TokenTrace] = []
        self._by_prompt: dict[tuple[int, ...], list[int]] = {}
        self._prompt_lengths: list[int] = []
        self._starts: dict[tuple[int, ...], int] = {}
        self._lock = threading.Lock()
        for trace in episodes:
            self.add(trace)

    def add(self, trace: TokenTrace) -> int:
        """Add an episode; returns its index."""
        with self._lock:  # readers in other threads see the old lists or the new ones
            index = len(self.episodes)
            self.episodes.append(trace)
            self._by_prompt[trace.prompt_ids] = [*self._by_prompt.get(trace.prompt_ids, []), index]
            length = len(trace.prompt_ids)
            if length not in self._prompt_lengths:
                self._prompt_lengths = sorted([*self._prompt_lengths, length])
            return index

    def fitting(self, tokens: Sequence[int]) -> list[Cursor]:
        """Every episode whose prompt starts ``tokens`` and whose ids go on as ``tokens`` do."""
        sequence = tuple(tokens)
        found = []
        for length in self._prompt_lengths:
            if length > len(sequence):
                break
            for index in self._by_prompt.get(sequence[:length], ()):
                trace = self.episodes[index]
                position = len(sequence) - length
                if trace.generated_ids[:position] == sequence[length:]:
                    found.append(Cursor(index, trace, position))
        return found

    def find(
        self, tokens: Sequence[int], prefer: Callable[[TokenTrace], bool] | None = None
    ) -> Cursor | None:
        """The cursor to continue ``tokens`` with, or None if no episode has a next id for it.

        Args:
            tokens: The sequence so far.
            prefer: Among several fitting episodes, keep those it accepts (if any).
        """
        live = [cursor for cursor in self.fitting(tokens) if cursor.next_token is not None]
        if len(live) > 1:
            live = [
                cursor
                for cursor in live
                if not any(
                    len(other.trace.all_ids) > len(cursor.trace.all_ids)
                    and other.trace.all_ids[: len(cursor.trace.all_ids)] == cursor.trace.all_ids
                    for other in live
                )
            ]
        if len(live) > 1 and prefer is not None:
            live = [cursor for cursor in live if prefer(cursor.trace)] or live
        if not live:
            return None
        if len(live) > 1 and all(cursor.position == 0 for cursor in live):
            key = tuple(tokens)
            with self._lock:
                count = self._starts.get(key, 0)
                self._starts[key] = count + 1
            return live[count % len(live)]
        return max(live, key=lambda cursor: cursor.index)

    def closest(self, tokens: Sequence[int]) -> tuple[int, int] | None:
        """``(episode index, common prefix length)`` of the episode sharing most leading ids."""
        best: tuple[int, int] | None = None
        sequence = tuple(tokens)
        for index, trace in enumerate(self.episodes):
            common = common_prefix(trace.all_ids, sequence)
            if best is None or common >= best[1]:
                best = (index, common)
        return best


def common_prefix(left: Sequence[object], right: Sequence[object]) -> int:
    """How many leading items ``left`` and ``right`` share."""
    count = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        count += 1
    return count
