"""The GLM-4.6 / GLM-4.7 tool-calling pieces (MiniMax-M2 reads content the same way).

``[gMASK]<sop>`` and the tools system turn, ``visible_text`` (the text of a content that may be
a list of parts), reasoning split out of ``<think>``, tool-call argument values and
``<|observation|>`` tool turns, with the template's own value semantics
(:mod:`chatprompt.presets._jinja_values`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chatprompt._conversation import Conversation
from chatprompt.presets._jinja_values import UNDEFINED, Undefined, attr, iterate, text, tojson
from chatprompt.presets._qwen import split_think

_GLM_TOOLS_INTRO = (
    "<|system|>\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
)
_GLM_TOOLS_OUTRO = (
    "</tools>\n\nFor each function call, output the function name and arguments within the "
    "following XML format:\n"
)

__all__ = [
    "glm_argument",
    "glm_header",
    "glm_reasoning",
    "glm_tool_turn",
    "last_user_index",
    "var_is_falsy",
    "visible_text",
]


def glm_header(conversation: Conversation, call_format: str) -> str:
    """``[gMASK]<sop>`` and, when tools are offered, the system turn listing them."""
    out = "[gMASK]<sop>"
    if conversation.tools:
        out += _GLM_TOOLS_INTRO + "".join(tojson(tool) + "\n" for tool in conversation.tools)
        out += _GLM_TOOLS_OUTRO + call_format
    return out


def visible_text(content: Any) -> str:
    """GLM's ``visible_text``: text as is, the text parts (and bare strings) of a list, else
    the value printed."""
    if isinstance(content, str):
        return content
    if isinstance(content, (list, tuple, Undefined)):
        out = ""
        for part in content:
            if isinstance(part, Mapping) and attr(part, "type") == "text":
                out += text(attr(part, "text"))
            elif isinstance(part, str):
                out += part
        return out
    return text(content)


def last_user_index(messages: Sequence[Any]) -> int:
    """The index of the last ``user`` message, ``-1`` when there is none."""
    found = -1
    for index, message in enumerate(messages):
        if attr(message, "role") == "user":
            found = index
    return found


def glm_reasoning(message: Any) -> tuple[str, str]:
    """An assistant message's ``(visible text, reasoning)``: ``reasoning_content`` when it is
    text, else what a ``<think>...</think>`` in the text holds."""
    content = visible_text(attr(message, "content"))
    given = attr(message, "reasoning_content")
    if isinstance(given, str):
        return content, given
    if "</think>" in content:
        answer, reasoning = split_think(content)
        return str(answer), str(reasoning)
    return content, ""


def glm_argument(value: Any) -> str:
    """A tool-call argument value: text as is, anything else as JSON."""
    return value if isinstance(value, str) else tojson(value)


def glm_tool_turn(messages: Sequence[Any], index: int, opening: str, closing: str) -> str:
    """A ``tool`` message as ``<tool_response>`` blocks after ``<|observation|>``.

    Text content joins the observation of the ``tool`` messages before it; other content opens
    its own observation with one response per item (the item's ``output`` when it has one).
    """
    content = attr(messages[index], "content")
    if isinstance(content, str):
        out = ""
        if index == 0 or attr(messages[index - 1], "role") != "tool":
            out += "<|observation|>"
        return out + opening + content + closing
    out = "<|observation|>"
    for result in iterate(content):
        output = attr(result, "output") if isinstance(result, Mapping) else UNDEFINED
        out += opening + text(result if isinstance(output, Undefined) else output) + closing
    return out


def var_is_falsy(conversation: Conversation, name: str) -> bool:
    """``name is defined and not name``: the caller passed a false value."""
    return name in conversation.template_vars and not conversation.template_vars[name]
