"""MiniMax-M2: ``]~b]role`` turns ending ``[e~[``, ``<minimax:tool_call>`` XML invocations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._glm import last_user_index, visible_text
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    concat,
    item,
    iterate,
    method,
    template_error,
    text,
    tojson,
)

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "render",
]

NAMES: tuple[str, ...] = ("minimax-m2",)
MODEL_IDS: tuple[str, ...] = ("MiniMaxAI/MiniMax-M2",)
BOS_TOKEN = ""
EOS_TOKEN = "[e~["
STOP_STRS: tuple[str, ...] = ("[e~[",)
REFERENCE = "MiniMaxAI/MiniMax-M2 chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "parts", "model_identity"}
)

_TOOLS_INTRO = (
    "\n\n# Tools\nYou may call one or more tools to assist with the user query.\n"
    "Here are the tools available in JSONSchema format:\n\n<tools>\n"
)
_TOOLS_OUTRO = (
    "</tools>\n\nWhen making tool calls, use XML format to invoke tools and pass parameters:\n"
    '\n<minimax:tool_call>\n<invoke name="tool-name-1">\n'
    '<parameter name="param-key-1">param-value-1</parameter>\n'
    '<parameter name="param-key-2">param-value-2</parameter>\n...\n</invoke>\n'
    "</minimax:tool_call>"
)
_NO_PREVIOUS_CALL = (
    "Message has tool role, but there was no previous assistant message with a tool call!"
)


def _system(system: Any, conversation: Conversation) -> str:
    if system and attr(system, "content"):
        out = visible_text(attr(system, "content"))
    else:
        out = text(conversation.var("model_identity", "You are a helpful assistant."))
    labels = (("current_date", "Current date: "), ("current_location", "Current location: "))
    for key, label in labels:
        value = attr(system, key) if system else None
        if value:
            out += "\n" + text(concat(label, value))
    return out


def _reasoning(message: Any) -> tuple[str, str]:
    content = visible_text(attr(message, "content"))
    given = attr(message, "reasoning_content")
    if isinstance(given, str):
        return content, given
    if "</think>" in content:
        before = content.split("</think>")[0].strip("\n")
        return content.split("</think>")[-1].strip("\n"), before.split("<think>")[-1].strip("\n")
    return content, ""


def _invoke(tool_call: Any) -> str:
    function = attr(tool_call, "function")
    if function:
        tool_call = function
    out = text(concat('<invoke name="', attr(tool_call, "name"), '">')) + "\n"
    arguments = attr(tool_call, "arguments")
    if isinstance(arguments, Undefined):
        arguments.fail()
    if not isinstance(arguments, Mapping):
        method(arguments, "items")  # fails as the template's ``arguments.items()`` does
    for key, value in arguments.items():
        written = value if isinstance(value, str) else tojson(value)
        out += text(concat('<parameter name="', key, '">')) + written + "</parameter>\n"
    return out + "</invoke>\n"


def _tool_result(result: Any) -> str:
    output = attr(result, "output")
    if isinstance(output, Undefined):
        body = attr(result, "text")
        if attr(result, "type") != "text" or isinstance(body, Undefined):
            body = result
    else:
        body = output
    return "\n<response>" + text(body) + "\n</response>"


def _messages(messages: Sequence[Any]) -> str:
    out = ""
    last_user = last_user_index(messages)
    last_call_name: Any = None
    last = len(messages) - 1
    for index, message in enumerate(messages):
        role = attr(message, "role")
        if role == "assistant":
            out += "]~b]ai\n"
            content, reasoning = _reasoning(message)
            if reasoning and index > last_user:
                out += "<think>\n" + reasoning + "\n</think>\n\n"
            out += content
            tool_calls = attr(message, "tool_calls")
            if tool_calls:
                out += "\n<minimax:tool_call>\n"
                out += "".join(_invoke(tool_call) for tool_call in iterate(tool_calls))
                out += "</minimax:tool_call>"
                last_call_name = attr(attr(item(tool_calls, -1), "function"), "name")
            else:
                last_call_name = None
            out += "[e~[\n"
        elif role == "tool":
            if last_call_name is None:
                raise template_error(_NO_PREVIOUS_CALL, index=index, message=message)
            if index == 0 or attr(messages[index - 1], "role") != "tool":
                out += "]~b]tool"
            content = attr(message, "content")
            if isinstance(content, str):
                out += "\n<response>" + content + "</response>"
            else:
                out += "".join(_tool_result(result) for result in iterate(content))
            if index == last or attr(messages[index + 1], "role") != "tool":
                out += "[e~[\n"
        elif role == "user":
            out += "]~b]user\n" + visible_text(attr(message, "content")) + "[e~[\n"
    return out


def render(conversation: Conversation) -> str:
    """Render as MiniMax-M2's published template does.

    The system turn is the first system message's text (or ``model_identity``, by default
    ``You are a helpful assistant.``), with its ``current_date`` / ``current_location``, then
    the tools as JSON. Reasoning is written for the assistant turns after the last user
    message; tool calls are ``<invoke>`` blocks with one ``<parameter>`` per argument (a
    mapping); a ``tool`` message needs an assistant tool call before it, as the template
    requires.
    """
    messages: Sequence[Any] = conversation.messages
    system: Any = None
    if messages and attr(messages[0], "role") == "system":
        system = messages[0]
        messages = messages[1:]
    out = "]~!b[]~b]system\n" + _system(system, conversation)
    if conversation.tools:
        out += _TOOLS_INTRO
        out += "".join(
            "<tool>" + tojson(attr(tool, "function")) + "</tool>\n" for tool in conversation.tools
        )
        out += _TOOLS_OUTRO
    out += "[e~[\n" + _messages(messages)
    if conversation.add_generation_prompt:
        out += "]~b]ai\n<think>\n"
    return out


class MiniMaxM2ChatPrompt(FormatModulePrompt):
    """MiniMax-M2, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.MINIMAX_M2
