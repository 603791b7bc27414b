"""Qwen-style tool calling and the Qwen3 template (also what Hermes 3, QwQ, Qwen3-Coder,
Qwen3.5 and Nemotron Nano v2 share with it).

The ``# Tools`` system block with one JSON schema a line, ``<tool_call>`` JSON blocks,
``<tool_response>`` turns, Qwen3-Coder's XML ``<parameter=name>`` arguments and the
``<think>`` splitting, written with the template's own value semantics
(:mod:`chatprompt.presets._jinja_values`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from chatprompt._conversation import Conversation
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    concat,
    contains,
    item,
    items,
    iterate,
    method,
    text,
    tojson,
)

__all__ = [
    "qwen3_render",
    "qwen_tool_call",
    "qwen_tools_list",
    "split_think",
    "tool_response_turn",
    "unwrap_function",
    "var_is_false",
    "written_value",
    "xml_call_arguments",
]


def written_value(value: Any) -> str:
    """A mapping or non-text sequence as JSON, anything else as printed (``| string``)."""
    return tojson(value) if isinstance(value, (Mapping, list, tuple)) else text(value)


def unwrap_function(tool_call: Any) -> Any:
    """``tool_call.function`` when the key is there (even when null), else the call itself."""
    function = attr(tool_call, "function")
    return tool_call if isinstance(function, Undefined) else function


def xml_call_arguments(tool_call: Any) -> str:
    """A call's arguments as Qwen's XML ``<parameter=name>`` lines (they must be a mapping)."""
    arguments = attr(tool_call, "arguments")
    if isinstance(arguments, Undefined):
        return ""
    return "".join(
        text(concat("<parameter=", name, ">\n")) + written_value(value) + "\n</parameter>\n"
        for name, value in items(arguments)
    )


def var_is_false(conversation: Conversation, name: str) -> bool:
    """``name is defined and name is false``: the caller passed exactly ``False``."""
    return conversation.template_vars.get(name) is False


_QWEN_TOOLS_INTRO = (
    "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>"
)
_QWEN_TOOLS_OUTRO = (
    "\n</tools>\n\nFor each function call, return a json object with function name and arguments "
    "within <tool_call></tool_call> XML tags:\n<tool_call>\n"
    '{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call><|im_end|>\n'
)


def qwen_tools_list(tools: Iterable[Any]) -> str:
    """The ``# Tools`` section Qwen templates put in the system turn, one JSON schema a line."""
    out = _QWEN_TOOLS_INTRO
    for tool in tools:
        out += "\n" + tojson(tool)
    return out + _QWEN_TOOLS_OUTRO


def qwen_tools_system(first: Any, tools: Iterable[Any]) -> str:
    """The system turn Qwen3 writes when tools are offered (system text first)."""
    out = "<|im_start|>system\n"
    if attr(first, "role") == "system":
        out += text(concat(attr(first, "content"), "\n\n"))
    return out + qwen_tools_list(tools)


def qwen_tool_call(
    tool_call: Any, *, unwrap_if_defined: bool = False, json_always: bool = False
) -> str:
    """One ``<tool_call>`` block: ``{"name": ..., "arguments": ...}``.

    Args:
        tool_call: The call, OpenAI-shaped (``{"function": {...}}``) or the function itself.
        unwrap_if_defined: Take ``function`` whenever present (QwQ), not only when it is true.
        json_always: Write string arguments as a JSON string too (QwQ), not verbatim.
    """
    function = attr(tool_call, "function")
    if not isinstance(function, Undefined) if unwrap_if_defined else function:
        tool_call = function
    arguments = attr(tool_call, "arguments")
    written = arguments if isinstance(arguments, str) and not json_always else tojson(arguments)
    return (
        '<tool_call>\n{"name": "'
        + text(attr(tool_call, "name"))
        + '", "arguments": '
        + written
        + "}\n</tool_call>"
    )


def qwen_tool_calls(message: Any, content: Any) -> str:
    """An assistant message's tool calls, each on its own line after any content."""
    out = ""
    tool_calls = attr(message, "tool_calls")
    if tool_calls:
        for index, tool_call in enumerate(iterate(tool_calls)):
            if index or content:
                out += "\n"
            out += qwen_tool_call(tool_call)
    return out


def is_tool_response(content: Any) -> bool:
    """A user message that only carries a ``<tool_response>`` (not a new query)."""
    return bool(
        method(content, "startswith", "<tool_response>")
        and method(content, "endswith", "</tool_response>")
    )


def last_query_index(messages: Sequence[Any], *, string_content_only: bool) -> int:
    """The index of the last user message that is a real query, not a tool response."""
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if attr(message, "role") != "user":
            continue
        content = attr(message, "content")
        if string_content_only and not isinstance(content, str):
            continue
        if not is_tool_response(content):
            return index
    return len(messages) - 1


def split_think(content: Any) -> tuple[Any, Any]:
    """Split ``<think>reasoning</think>answer`` into ``(answer, reasoning)``."""
    answer = method(method(content, "split", "</think>")[-1], "lstrip", "\n")
    before = method(method(content, "split", "</think>")[0], "rstrip", "\n")
    reasoning = method(method(before, "split", "<think>")[-1], "lstrip", "\n")
    return answer, reasoning


def tool_response_turn(messages: Sequence[Any], index: int, body: Any) -> str:
    """A ``tool`` message as a ``<tool_response>``; consecutive ones share one user turn."""
    out = ""
    if index == 0 or attr(messages[index - 1], "role") != "tool":
        out += "<|im_start|>user"
    out += "\n<tool_response>\n" + text(body) + "\n</tool_response>"
    if index == len(messages) - 1 or attr(messages[index + 1], "role") != "tool":
        out += "<|im_end|>\n"
    return out


def qwen3_render(conversation: Conversation, *, revised: bool) -> str:
    """Qwen3's template; ``revised`` is the later hub revision (non-text content read as ``''``).

    The launch revision takes a message's content as it is (a list of parts fails where the
    template adds it to text); the revision renders a non-text content as empty text and takes
    reasoning only when it is text.
    """
    messages = conversation.messages
    first = item(conversation.messages, 0)
    out = ""
    if conversation.tools:
        out += qwen_tools_system(first, conversation.tools)
    elif attr(first, "role") == "system":
        out += text(concat("<|im_start|>system\n", attr(first, "content"), "<|im_end|>\n"))
    query_index = last_query_index(messages, string_content_only=revised)
    last = len(messages) - 1
    for index, message in enumerate(messages):
        role = attr(message, "role")
        raw = attr(message, "content")
        content = (raw if isinstance(raw, str) else "") if revised else raw
        if role == "user" or (role == "system" and index):
            out += text(concat("<|im_start|>", role, "\n", content, "<|im_end|>", "\n"))
        elif role == "assistant":
            reasoning: Any = ""
            given = attr(message, "reasoning_content")
            if revised:
                given_is_reasoning = isinstance(given, str)
            else:
                given_is_reasoning = given is not None and not isinstance(given, Undefined)
            if given_is_reasoning:
                reasoning = given
            elif contains("</think>", content):
                content, reasoning = split_think(content)
            if index > query_index and (index == last or reasoning):
                out += text(
                    concat(
                        "<|im_start|>",
                        role,
                        "\n<think>\n",
                        method(reasoning, "strip", "\n"),
                        "\n</think>\n\n",
                        method(content, "lstrip", "\n"),
                    )
                )
            else:
                out += text(concat("<|im_start|>", role, "\n", content))
            out += qwen_tool_calls(message, content) + "<|im_end|>\n"
        elif role == "tool":
            out += tool_response_turn(messages, index, content)
    if conversation.add_generation_prompt:
        out += "<|im_start|>assistant\n"
        if var_is_false(conversation, "enable_thinking"):
            out += "<think>\n\n</think>\n\n"
    return out
