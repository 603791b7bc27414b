"""What a model's output holds once split: answer, reasoning and tool calls."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs

__all__ = ["ParsedResponse", "StreamDelta", "ToolCall", "ToolCallDelta", "merge_tool_calls"]


@attrs.frozen
class ToolCall:
    """One tool (function) call the model wrote.

    Attributes:
        name: The function's name, or ``None`` when the call is too broken to tell.
        arguments: The arguments, parsed from the model's JSON (or the format's own syntax), or
            ``None`` when they do not parse.
        id: The call's id where the format writes one (Mistral, Kimi K2, Command R7B).
        error: Why the call could not be parsed (broken JSON, unknown structure); ``None`` for a
            good call. A malformed call is reported here, never raised and never shown as
            answer text.
        raw: The model's text for the call, as written.
    """

    name: str | None
    arguments: dict[str, Any] | None
    id: str | None = None
    error: str | None = None
    raw: str = ""


@attrs.frozen
class ToolCallDelta:
    """News about the tool call at ``index``: fields that are ``None`` carry nothing new.

    The name comes as soon as it is known; ``arguments``, ``id``, ``error`` and ``raw`` come
    together when the call is complete.
    """

    index: int
    name: str | None = None
    arguments: dict[str, Any] | None = None
    id: str | None = None
    error: str | None = None
    raw: str | None = None


@attrs.frozen
class ParsedResponse:
    """A whole output, split.

    Attributes:
        content: The answer, what a chat UI shows in the main area.
        reasoning: The model's reasoning (thinking), ``""`` when there is none.
        tool_calls: The tool calls in the order the model wrote them.
    """

    content: str = ""
    reasoning: str = ""
    tool_calls: tuple[ToolCall, ...] = ()


class StreamDelta(NamedTuple):
    """What one step of a stream adds to each channel (a named tuple: one is made per token,
    so it must be cheap to make).

    Attributes:
        content: Answer text.
        reasoning: Reasoning text.
        tool_calls: News about tool calls.
    """

    content: str = ""
    reasoning: str = ""
    tool_calls: tuple[ToolCallDelta, ...] = ()


def merge_tool_calls(deltas: Iterable[ToolCallDelta]) -> tuple[ToolCall, ...]:
    """The tool calls that a sequence of deltas adds up to (later news wins)."""
    fields: dict[int, dict[str, Any]] = {}
    for delta in deltas:
        known = fields.setdefault(delta.index, {"name": None, "arguments": None, "raw": ""})
        for name in ("name", "arguments", "id", "error", "raw"):
            value = getattr(delta, name)
            if value is not None:
                known[name] = value
    return tuple(ToolCall(**fields[index]) for index in sorted(fields))
