"""Qwen3-Coder: ChatML with XML-style tool definitions and ``<function=...>`` tool calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import TemplateError
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import Undefined, attr, concat, item, iterate, text
from chatprompt.presets._qwen import unwrap_function, written_value, xml_call_arguments

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

NAMES: tuple[str, ...] = ("qwen3-coder",)
MODEL_IDS: tuple[str, ...] = (
    "Qwen/Qwen3-Coder-30B-A3B-Instruct",
    "Qwen/Qwen3-Coder-480B-A35B-Instruct",
)
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "Qwen/Qwen3-Coder-30B-A3B-Instruct chat template"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results"})

_DEFAULT_SYSTEM = (
    "You are Qwen, a helpful AI assistant that can interact with a computer to solve tasks."
)
_CALL_FORMAT = (
    "\n\nIf you choose to call a tool ONLY reply in the following format with NO suffix:\n\n"
    "<tool_call>\n<function=example_function_name>\n<parameter=example_parameter_1>\nvalue_1\n"
    "</parameter>\n<parameter=example_parameter_2>\nvalue_2\n</parameter>\n</function>\n"
    "</tool_call>\n\n<IMPORTANT>\nReminder:\n- Function calls MUST follow the specified format: "
    "the tool calling block MUST begin with an opening <tool_call> tag and end with a closing "
    "</tool_call> tag.\n- Required parameters MUST be specified\n- You may provide optional "
    "reasoning for your function call in natural language BEFORE the function call, but NOT "
    "after\n- If there is no function call available, answer the question like normal with your "
    "current knowledge and do not tell the user about function calls\n</IMPORTANT>"
)


def _extra_keys(fields: Any, handled: tuple[str, ...]) -> str:
    """The keys of ``fields`` not written elsewhere, each as ``<key>value</key>``."""
    if not isinstance(fields, Mapping):
        return ""
    return "".join(
        f"\n<{key}>{written_value(value)}</{key}>"
        for key, value in fields.items()
        if key not in handled
    )


def _tool(tool: Any) -> str:
    tool = unwrap_function(tool)
    out = "\n<function>\n<name>" + text(attr(tool, "name")) + "</name>"
    description = attr(tool, "description")
    if not isinstance(description, Undefined):
        out += "\n<description>" + text(description).strip() + "</description>"
    out += "\n<parameters>"
    parameters = attr(tool, "parameters")
    properties = attr(parameters, "properties") if isinstance(parameters, Mapping) else None
    if isinstance(properties, Mapping):
        for name, fields in properties.items():
            out += "\n<parameter>\n<name>" + text(name) + "</name>"
            kind = attr(fields, "type")
            if not isinstance(kind, Undefined):
                out += "\n<type>" + text(kind) + "</type>"
            field_description = attr(fields, "description")
            if not isinstance(field_description, Undefined):
                out += "\n<description>" + text(field_description).strip() + "</description>"
            out += _extra_keys(fields, ("name", "type", "description")) + "\n</parameter>"
    out += _extra_keys(parameters, ("type", "properties")) + "\n</parameters>"
    return out + _extra_keys(tool, ("type", "name", "description", "parameters")) + "\n</function>"


def _tool_call(tool_call: Any) -> str:
    tool_call = unwrap_function(tool_call)
    opening = text(concat("\n<tool_call>\n<function=", attr(tool_call, "name"), ">\n"))
    return opening + xml_call_arguments(tool_call) + "</function>\n</tool_call>"


def _has_tool_calls(tool_calls: Any) -> bool:
    if isinstance(tool_calls, Undefined) or tool_calls is None:
        return False
    try:
        return len(tool_calls) > 0
    except TypeError as error:
        raise TemplateError(str(error)) from None


def _turn(role: Any, content: Any) -> str:
    return text(concat("<|im_start|>", role, "\n", content, "<|im_end|>", "\n"))


def _messages(messages: Sequence[Any]) -> str:
    out = ""
    for index, message in enumerate(messages):
        role = attr(message, "role")
        content = attr(message, "content")
        if role == "assistant" and _has_tool_calls(attr(message, "tool_calls")):
            out += text(concat("<|im_start|>", role))
            if isinstance(content, str) and content.strip():
                out += "\n" + content.strip() + "\n"
            for tool_call in iterate(attr(message, "tool_calls")):
                out += _tool_call(tool_call)
            out += "<|im_end|>\n"
        elif role in ("user", "system", "assistant"):
            out += _turn(role, content)
        elif role == "tool":
            if index and attr(messages[index - 1], "role") != "tool":
                out += "<|im_start|>user\n"
            out += "<tool_response>\n" + text(content) + "\n</tool_response>\n"
            if index == len(messages) - 1 or attr(messages[index + 1], "role") != "tool":
                out += "<|im_end|>\n"
        else:
            out += text(concat("<|im_start|>", role, "\n", content, "<|im_end|>\n"))
    return out


def render(conversation: Conversation) -> str:
    """Render as Qwen3-Coder's published template does.

    Tools are described in XML (``<function>``, ``<parameters>``, one ``<parameter>`` per
    property, other schema keys as ``<key>value</key>``); a tool call is written as
    ``<function=name>`` with one ``<parameter=...>`` per argument, so its arguments must be a
    mapping (a JSON string fails, as in the template). A ``tool`` message right after the system
    message opens no user turn, as in the template.
    """
    messages: Sequence[Any] = conversation.messages
    first = item(conversation.messages, 0)
    system: Any = None
    has_system = False
    if attr(first, "role") == "system":
        system = attr(first, "content")
        has_system = not isinstance(system, Undefined)  # a system without content is ignored
        messages = messages[1:]
    tools = conversation.tools or ()
    out = ""
    if has_system:
        out += text(concat("<|im_start|>system\n", system))
    elif tools:
        out += "<|im_start|>system\n" + _DEFAULT_SYSTEM
    if tools:
        out += "\n\n# Tools\n\nYou have access to the following tools:\n\n<tools>"
        out += "".join(_tool(tool) for tool in tools) + "\n</tools>" + _CALL_FORMAT
    if has_system or tools:
        out += "<|im_end|>\n"
    out += _messages(messages)
    if conversation.add_generation_prompt:
        out += "<|im_start|>assistant\n"
    return out


class Qwen3CoderChatPrompt(FormatModulePrompt):
    """Qwen3-Coder, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.QWEN3_CODER
