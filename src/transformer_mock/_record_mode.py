"""When a :class:`MockTransformer` may run the real model and record: the record modes."""

from __future__ import annotations

import enum

from transformer_mock.errors import InvalidRecordModeError

__all__ = ["RecordMode"]


class RecordMode(str, enum.Enum):
    """The record modes, as VCR.py and pytest-recording users know them."""

    NONE = "none"
    """Replay only: every input the recording does not hold raises UnrecordedInputError."""
    ONCE = "once"
    """Record everything when the recording does not exist yet; otherwise replay only."""
    NEW_EPISODES = "new_episodes"
    """Replay what the recording holds; run the real model on the rest and record it."""
    ALL = "all"
    """Run the real model on everything and replace the recording with what it produced."""

    @classmethod
    def parse(cls, value: object) -> RecordMode:
        """The mode named by ``value`` (a member or its value).

        Raises:
            InvalidRecordModeError: ``value`` names no mode; the message lists the valid ones.
        """
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(repr(mode.value) for mode in cls)
            raise InvalidRecordModeError(
                f"there is no record mode {value!r}; valid record modes are: {valid}"
            ) from None
