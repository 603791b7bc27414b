"""NVIDIA Nemotron Nano v2: ``<SPECIAL_10>System``, ``<SPECIAL_11>User`` turns, ``<TOOLCALL>``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import TemplateError
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    attr,
    concat,
    contains,
    item,
    iterate,
    method,
    text,
    tojson,
)
from chatprompt.presets._qwen import unwrap_function

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

NAMES: tuple[str, ...] = ("nemotron-nano-v2",)
MODEL_IDS: tuple[str, ...] = ("nvidia/NVIDIA-Nemotron-Nano-9B-v2",)
BOS_TOKEN = "<s>"
EOS_TOKEN = "<SPECIAL_12>"
STOP_STRS: tuple[str, ...] = ("<SPECIAL_12>",)
REFERENCE = "nvidia/NVIDIA-Nemotron-Nano-9B-v2 chat template"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results", "reasoning"})

_TOOLS_OUTRO = (
    "]</AVAILABLE_TOOLS>\n\nIf you decide to call any tool(s), use the following format:\n"
    '<TOOLCALL>[{{"name": "tool_name1", "arguments": "tool_args1"}}, '
    '{{"name": "tool_name2", "arguments": "tool_args2"}}]</TOOLCALL>\n\n'
    "The user will execute tool-calls and return responses from tool(s) in this format:\n"
    '<TOOL_RESPONSE>[{{"tool_response1"}}, {{"tool_response2"}}]</TOOL_RESPONSE>\n\n'
    "Based on the tool responses, you can call additional tools if needed, correct tool calls if "
    "any errors are found, or just respond to the user."
)
_END = "\n<SPECIAL_12>\n"


def _or_empty(value: Any) -> Any:
    """``value | default('', true)``: the value, or ``''`` when it is false or undefined."""
    return value if value else ""


def _without_switches(value: Any) -> Any:
    """Text without its ``/think`` / ``/no_think`` switches, stripped."""
    removed = method(method(_or_empty(value), "replace", "/think", ""), "replace", "/no_think", "")
    return method(removed, "strip")


def _thinking(messages: Sequence[Any]) -> bool:
    """The last ``/think`` or ``/no_think`` in a user or system message decides; on by default."""
    thinking = True
    for message in messages:
        if attr(message, "role") in ("user", "system"):
            content = attr(message, "content")
            if contains("/think", content):
                thinking = True
            elif contains("/no_think", content):
                thinking = False
    return thinking


def _length(value: Any) -> int:
    """``value | length``."""
    try:
        return len(value)
    except TypeError as error:
        raise TemplateError(str(error)) from None


def _tool_calls(tool_calls: Any) -> str:
    calls = []
    for call in iterate(tool_calls):
        function = unwrap_function(call)
        # The template writes the name before it reads the arguments (and fails there first).
        opening = text(concat('{"name": "', attr(function, "name"), '", "arguments": '))
        arguments = attr(function, "arguments")
        calls.append(
            opening + (arguments if isinstance(arguments, str) else tojson(arguments)) + "}"
        )
    return "<TOOLCALL>[" + ", ".join(calls) + "]</TOOLCALL>"


def _assistant(message: Any) -> str:
    content = attr(message, "content")
    if content and contains("</think>", content):
        content = method(_or_empty(item(method(content, "split", "</think>"), 1)), "strip")
    shown = "" if content is None else method(_or_empty(content), "strip")
    out = "<SPECIAL_11>Assistant\n" + text(shown)
    tool_calls = attr(message, "tool_calls")
    if tool_calls:
        if method(_or_empty(content), "strip") != "":
            out += "\n"
        out += _tool_calls(tool_calls)
    return out + _END


def _turns(messages: Sequence[Any]) -> str:
    out = ""
    last = len(messages) - 1
    for index, message in enumerate(messages):
        role = attr(message, "role")
        if role == "user":
            out += "<SPECIAL_11>User\n" + text(_without_switches(attr(message, "content"))) + "\n"
        elif role == "tool":
            if index == 0 or attr(messages[index - 1], "role") != "tool":
                out += "<SPECIAL_11>User\n<TOOL_RESPONSE>["
            out += text(attr(message, "content"))
            if index == last or attr(messages[index + 1], "role") != "tool":
                out += "]</TOOL_RESPONSE>"
            else:
                out += ", "
        elif role == "assistant":
            out += _assistant(message)
    return out


def render(conversation: Conversation) -> str:
    """Render as Nemotron Nano v2's published template does.

    ``/think`` or ``/no_think`` in a user or system message switches reasoning (the last one
    wins) and is removed from the text; earlier assistant turns keep only what follows
    ``</think>``. A final assistant message is written after the opened thinking block (as a
    prefill with ``add_generation_prompt``, where its tool calls are dropped, as the template
    drops them).
    """
    messages: Sequence[Any] = conversation.messages
    thinking = _thinking(messages)
    first = item(conversation.messages, 0)
    system = ""
    out = "<SPECIAL_10>System\n"
    if attr(first, "role") == "system":
        system = text(_without_switches(attr(first, "content")))
        out += system
        messages = messages[1:]
    if conversation.tools:
        if system != "":
            out += "\n\n"
        out += "You can use the following tools to assist the user if required:\n<AVAILABLE_TOOLS>["
        out += ", ".join(tojson(unwrap_function(tool)) for tool in conversation.tools)
        out += _TOOLS_OUTRO
    out += "\n\n"
    final = item(list(messages), -1)
    final_content: Any = None
    final_calls: Any = []
    if attr(final, "role") == "assistant":
        final_content = text(method(_or_empty(attr(final, "content")), "strip"))
        final_calls = attr(final, "tool_calls") if "tool_calls" in final else []
        messages = messages[:-1]
    out += _turns(messages)
    think = "<think>\n" if thinking else "<think></think>"
    if conversation.add_generation_prompt:
        out += "<SPECIAL_11>Assistant\n" + think + (final_content or "")
        return out
    if final_content:
        out += "<SPECIAL_11>Assistant\n" + think + final_content + _END
    if _length(final_calls) > 0:
        out += "<SPECIAL_11>Assistant\n" + _tool_calls(final_calls) + "<SPECIAL_12>\n\n"
    return out


class NemotronNanoV2ChatPrompt(FormatModulePrompt):
    """NVIDIA Nemotron Nano 9B v2, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.NEMOTRON
