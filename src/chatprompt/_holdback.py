"""Text filters for a stream that hold back only what could still turn into a match.

A model's text arrives in pieces, and a stop string or a replacement's source (rinna's
``<NL>``) can be split across them. Each filter takes pieces in and gives pieces out so that
the concatenated output equals the one-shot operation on the concatenated input, while holding
back only the shortest suffix that could still begin a match (not a fixed window of
``max(len(key)) - 1`` characters).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["ReplacementFilter", "StopStringFilter", "partial_match_start"]


def partial_match_start(text: str, keys: Sequence[str]) -> int:
    """Where the longest suffix of ``text`` that is a proper prefix of some key begins.

    Returns ``len(text)`` when no suffix of ``text`` could begin a key.
    """
    longest = max((len(key) for key in keys), default=1) - 1
    firsts = {key[0] for key in keys if key}
    for start in range(max(0, len(text) - longest), len(text)):
        if text[start] in firsts:
            tail = text[start:]
            for key in keys:
                if key.startswith(tail):
                    return start
    return len(text)


class ReplacementFilter:
    """Applies ``(old, new)`` pairs in order, exactly as chained ``str.replace`` calls do.

    Each pair is its own stage, so ``[("a", "b"), ("b", "c")]`` turns ``a`` into ``c`` as
    ``text.replace("a", "b").replace("b", "c")`` does; a stage holds back a suffix only while
    it is a proper prefix of its ``old``. Pairs with an empty ``old`` or ``old == new`` change
    nothing and are dropped.
    """

    def __init__(self, replacements: Iterable[tuple[str, str]]) -> None:
        self._stages = [_ReplaceStage(old, new) for old, new in replacements if old and old != new]

    def __bool__(self) -> bool:
        return bool(self._stages)

    def feed(self, text: str) -> str:
        """Take ``text``; return what is now safe to release, replacements applied."""
        for stage in self._stages:
            text = stage.feed(text)
        return text

    def flush(self) -> str:
        """Release everything held back: no more text is coming."""
        out = ""
        for stage in self._stages:
            out = stage.feed(out) + stage.flush()
        return out


class _ReplaceStage:
    def __init__(self, old: str, new: str) -> None:
        self._old = old
        self._new = new
        self._pending = ""

    def feed(self, text: str) -> str:
        if not self._pending and self._old[0] not in text:
            return text  # the common case: nothing here could begin a match
        buffer = self._pending + text
        pieces: list[str] = []
        start = 0
        # The same left-to-right, non-overlapping scan as str.replace.
        while (found := buffer.find(self._old, start)) >= 0:
            pieces += (buffer[start:found], self._new)
            start = found + len(self._old)
        cut = partial_match_start(buffer[start:], (self._old,)) + start
        pieces.append(buffer[start:cut])
        self._pending = buffer[cut:]
        return "".join(pieces)

    def flush(self) -> str:
        out, self._pending = self._pending, ""
        return out


class StopStringFilter:
    """Releases text up to the first occurrence of any stop string, never a part of one.

    Once a stop string is found, :attr:`stop_str` names it and every later piece is dropped.
    Where two stop strings begin at the same place, the longer one is named. Empty stop strings
    are ignored.
    """

    def __init__(self, stop_strs: Iterable[str]) -> None:
        self._stops = tuple(sorted({s for s in stop_strs if s}, key=len, reverse=True))
        self._firsts = frozenset(stop[0] for stop in self._stops)
        self._pending = ""
        self.stop_str: str | None = None

    def __bool__(self) -> bool:
        return bool(self._stops)

    def feed(self, text: str) -> str:
        """Take ``text``; return what is now known to come before any stop string."""
        if self.stop_str is not None:
            return ""
        if not self._pending and self._firsts.isdisjoint(text):
            return text  # the common case: nothing here could begin a stop string
        buffer = self._pending + text
        cut = partial_match_start(buffer, self._stops)
        # A longer stop string that began before a complete one could still complete: wait.
        return self._release(buffer, cut)

    def flush(self) -> str:
        """Release what was held back: no more text is coming, so no partial match completes."""
        if self.stop_str is not None:
            return ""
        return self._release(self._pending, len(self._pending))

    def _release(self, buffer: str, cut: int) -> str:
        hits = [(position, stop) for stop in self._stops if (position := buffer.find(stop)) >= 0]
        if hits:
            position, stop = min(hits, key=lambda hit: hit[0])
            if position <= cut:
                self.stop_str = stop
                self._pending = ""
                return buffer[:position]
        self._pending = buffer[cut:]
        return buffer[:cut]
