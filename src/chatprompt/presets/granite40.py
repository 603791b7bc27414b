"""IBM Granite 4.0, as its published chat template writes it.

The system turn holds the caller's system text (string, or its text parts joined by newlines),
followed by the tools (one JSON object per line inside ``<tools></tools>``) and the documents
(inside ``<documents></documents>``) with their instructions; with none of these, a default
system prompt. Assistant turns write their tool calls as ``<tool_call>`` JSON objects (a string
``arguments`` is written as given); consecutive tool results share one user turn of
``<tool_response>`` blocks. Content given as parts keeps its text parts, joined by newlines.
Reasoning and messages of other roles are not written (the template drops them). The
``available_tools`` variable, when set, replaces ``tools``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._granite import BOS_TOKEN, EOS_TOKEN, STOP_STRS
from chatprompt.presets._jinja_values import (
    UNDEFINED,
    Undefined,
    attr,
    iterate,
    operand,
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

NAMES: tuple[str, ...] = ("granite-4.0",)
MODEL_IDS: tuple[str, ...] = (
    "ibm-granite/granite-4.0-h-small",
    "ibm-granite/granite-4.0-h-tiny",
    "ibm-granite/granite-4.0-h-micro",
    "ibm-granite/granite-4.0-micro",
)
REFERENCE = "ibm-granite/granite-4.0 chat template"
FEATURES = frozenset({"tools", "tool_calls", "tool_results", "documents", "parts"})

_TOOLS_PREFIX = (
    "You are a helpful assistant with access to the following tools. You may call one or more "
    "tools to assist with the user query.\n\nYou are provided with function signatures within "
    "<tools></tools> XML tags:\n<tools>"
)
_TOOLS_SUFFIX = (
    "\n</tools>\n\nFor each tool call, return a json object with function name and arguments "
    'within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, '
    '"arguments": <args-json-object>}\n</tool_call>. If a tool does not exist in the provided '
    "list of tools, notify the user that you do not have the ability to fulfill the request."
)
_DOCUMENTS_PREFIX = (
    "You are a helpful assistant with access to the following documents. You may use one or "
    "more documents to assist with the user query.\n\nYou are given a list of documents within "
    "<documents></documents> XML tags:\n<documents>"
)
_DOCUMENTS_SUFFIX = (
    "\n</documents>\n\nWrite the response to the user's input by strictly aligning with the "
    "facts in the provided documents. If the information needed to answer the question is not "
    "available in the documents, inform the user that the question cannot be answered based on "
    "the available data."
)
_DEFAULT_SYSTEM = (
    "You are a helpful assistant. Please ensure responses are professional, accurate, and safe."
)


def _listing(prefix: str, entries: Any, suffix: str, where: str) -> str:
    lines = "".join("\n" + tojson(entry) for entry in iterate(entries, where))
    return prefix + lines + suffix


def _text_of(content: Any, where: str) -> str:
    """A string content, or the text parts of a list joined by newlines (else ``""``)."""
    if isinstance(content, str):
        return content
    if not isinstance(content, (list, tuple, dict)):
        return ""
    joined = ""
    for entry in content:
        if attr(entry, "type") == "text":
            if joined != "":
                joined += "\n"
            joined += operand(attr(entry, "text"), f"{where} text part")
    return joined


def _system(conversation: Conversation, tools: Any) -> str:
    documents = conversation.documents
    tools_text = _listing(_TOOLS_PREFIX, tools, _TOOLS_SUFFIX, "tools") if tools else ""
    documents_text = (
        _listing(_DOCUMENTS_PREFIX, documents, _DOCUMENTS_SUFFIX, "documents") if documents else ""
    )
    offered = "\n\n".join(part for part in (tools_text, documents_text) if part)
    first = conversation.messages[0]
    if first.get("role") != "system":
        return offered
    system = _text_of(attr(first, "content"), "message 0")
    return system + "\n\n" + offered if offered else system


def _tool_calls(calls: Any, content: str, where: str) -> str:
    pieces = []
    for position, call in enumerate(iterate(calls, f"{where} tool_calls")):
        if position > 0 or content:
            pieces.append("\n")
        function = attr(call, "function", f"{where} tool call")
        if function:
            call = function
        arguments = attr(call, "arguments")
        if not isinstance(arguments, str):
            arguments = tojson(arguments, f"{where} tool call arguments")
        name = text(attr(call, "name"))
        pieces.append(f'<tool_call>\n{{"name": "{name}", "arguments": {arguments}}}\n</tool_call>')
    return "".join(pieces)


def render(conversation: Conversation) -> str:
    """The prompt Granite 4.0's chat template writes for ``conversation``.

    Raises:
        TemplateError: the conversation is empty, a role or a text part is not text, or a tool
            call has no arguments.
    """
    messages = conversation.messages
    if not messages:
        Undefined(messages, 0).fail()  # the template reads messages[0]
    tools: Any = conversation.tools
    available = conversation.var("available_tools", UNDEFINED)
    if available:
        tools = available
    system = _system(conversation, tools) or _DEFAULT_SYSTEM
    pieces = [f"<|start_of_role|>system<|end_of_role|>{system}<|end_of_text|>\n"]
    last = len(messages) - 1
    for index, message in enumerate(messages):
        where = f"message {index}"
        content = _text_of(attr(message, "content"), where)
        role = attr(message, "role")
        if role == "user" or (role == "system" and index > 0):
            pieces.append(f"<|start_of_role|>{role}<|end_of_role|>{content}<|end_of_text|>\n")
        elif role == "assistant":
            pieces.append(f"<|start_of_role|>assistant<|end_of_role|>{content}")
            calls = message.get("tool_calls")
            if calls:
                pieces.append(_tool_calls(calls, content, where))
            pieces.append("<|end_of_text|>\n")
        elif role == "tool":
            if index == 0 or messages[index - 1].get("role") != "tool":
                pieces.append("<|start_of_role|>user<|end_of_role|>")
            pieces.append(f"\n<tool_response>\n{content}\n</tool_response>")
            if index == last or messages[index + 1].get("role") != "tool":
                pieces.append("<|end_of_text|>\n")
    if conversation.add_generation_prompt:
        pieces.append("<|start_of_role|>assistant<|end_of_role|>")
    return "".join(pieces)


class Granite40ChatPrompt(FormatModulePrompt):
    """Granite 4.0, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.HERMES
