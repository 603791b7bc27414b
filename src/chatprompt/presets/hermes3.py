"""Hermes 3 (Llama 3.1), its ``tool_use`` chat template: ChatML, a function-calling system turn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import TemplateError
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import Undefined, attr, concat, items, iterate, text, tojson
from chatprompt.presets._qwen import unwrap_function

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "TEMPLATE_NAME",
    "render",
]

NAMES: tuple[str, ...] = ("hermes-3-tool-use", "hermes3-tool-use")
MODEL_IDS: tuple[str, ...] = ("NousResearch/Hermes-3-Llama-3.1-8B",)
TEMPLATE_NAME = "tool_use"
"""The model's named template this format is (transformers picks it when tools are passed)."""
BOS_TOKEN = "<|begin_of_text|>"
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|end_of_text|>")
REFERENCE = "NousResearch/Hermes-3-Llama-3.1-8B chat template 'tool_use'"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results"})

_INTRO = (
    "<|im_start|>system\nYou are a function calling AI model. You are provided with function "
    "signatures within <tools></tools> XML tags. You may call one or more functions to assist "
    "with the user query. Don't make assumptions about what values to plug into functions. Here "
    "are the available tools: <tools> "
)
_OUTRO = (
    " </tools>Use the following pydantic model json schema for each tool call you will make: "
    '{"properties": {"name": {"title": "Name", "type": "string"}, "arguments": {"title": '
    '"Arguments", "type": "object"}}, "required": ["name", "arguments"], "title": '
    '"FunctionCall", "type": "object"}}\nFor each function call return a json object with '
    "function name and arguments within <tool_call></tool_call> XML tags as follows:\n"
    '<tool_call>\n{"name": <function-name>, "arguments": <args-dict>}\n</tool_call><|im_end|>\n'
)
_BASIC_TYPES = {"string": "str", "number": "float", "integer": "int", "boolean": "bool"}


def _basic_type(kind: Any) -> str | None:
    try:
        return _BASIC_TYPES.get(kind)
    except TypeError:  # an unhashable type value (a list) is not a basic type
        return None


def _python_type(spec: Any) -> str:
    """A JSON schema's type as the template writes it in Python notation (``list[Union[]]``...)."""
    kind = attr(spec, "type")
    basic = _basic_type(kind)
    if basic is not None:
        return basic
    if kind == "array":  # the template passes the schema's items() to itself: no type there
        return "list[Union[]]"
    if kind == "object":
        extra = attr(spec, "additionalProperties")
        if isinstance(extra, Undefined):
            return "dict"
        return "dict[str, " + _python_type(extra) + "]"
    if isinstance(kind, str) and kind:
        # The template walks the text's characters, each again a text: it never ends.
        raise TemplateError(f"maximum recursion depth exceeded writing the JSON type {kind!r}")
    if isinstance(kind, (Undefined, str, list, tuple, dict)):
        return "Union[" + ",".join(_python_type({"type": each}) for each in iterate(kind)) + "]"
    return "Any"


def _tool(tool: Any) -> str:
    tool = unwrap_function(tool)
    name = attr(tool, "name")
    parameters = attr(tool, "parameters")
    properties = items(attr(parameters, "properties"))
    signature = ", ".join(
        text(concat(param, ": ", _python_type(fields))) for param, fields in properties
    )
    out = text(concat('{"type": "function", "function": {"name": "', name, '", '))
    out += text(concat('"description": "', name, "("))
    out += signature + ")"
    returns = attr(tool, "return")
    if not isinstance(returns, Undefined):
        out += " -> " + _python_type(returns)
    out += text(concat(" - ", attr(tool, "description"), "\n\n"))
    for index, (param, fields) in enumerate(properties):
        if index == 0:
            out += "    Args:\n"
        out += text(concat("        ", param, "(", _python_type(fields), "): "))
        out += text(attr(fields, "description")).strip()
    if not isinstance(returns, Undefined):
        description = attr(returns, "description")
        if not isinstance(description, Undefined):
            out += text(concat("\n    Returns:\n        ", description))
    out += '", "parameters": '
    out += "{}" if not len(attr(parameters, "properties")) else tojson(parameters)
    return out + "}"


def _tool_call(tool_call: Any) -> str:
    tool_call = unwrap_function(tool_call)
    out = '\n<tool_call>\n{"name": "' + text(attr(tool_call, "name")) + '", '
    arguments = attr(tool_call, "arguments")
    if not isinstance(arguments, Undefined):
        out += '"arguments": ' + (arguments if isinstance(arguments, str) else tojson(arguments))
    return out + "}\n</tool_call>"


def _tool_result(messages: Sequence[Any], index: int) -> str:
    message = messages[index]
    is_last = index == len(messages) - 1
    out = ""
    if index and messages[index - 1] and attr(messages[index - 1], "role") != "tool":
        out += "<|im_start|>tool\n"
    out += "<tool_response>\n" + text(attr(message, "content"))
    out += "\n</tool_response>" if is_last else "\n</tool_response>\n"
    if is_last or attr(messages[index + 1], "role") != "tool":
        out += "<|im_end|>"
    return out


def render(conversation: Conversation) -> str:
    """Render as Hermes 3's ``tool_use`` template does.

    The system turn lists every tool (a signature in Python notation and the schema); a system
    message of the conversation follows as its own turn. An assistant message with
    ``tool_calls`` is written as its ``<tool_call>`` blocks only (its text is dropped, as the
    template drops it); ``tool`` results are ``<tool_response>`` blocks in a ``tool`` turn. The
    template needs ``tools`` (it fails without them) and, as published, writes no newline after
    a tool turn's ``<|im_end|>``.
    """
    if conversation.tools is None:
        raise TemplateError("'NoneType' object is not iterable (the template needs tools)")
    messages = conversation.messages
    out = text(conversation.var("bos_token", BOS_TOKEN)) + _INTRO
    out += "\n".join(_tool(tool) for tool in conversation.tools) + _OUTRO
    for index, message in enumerate(messages):
        role = attr(message, "role")
        tool_calls = attr(message, "tool_calls")
        if role in ("user", "system") or (
            role == "assistant" and isinstance(tool_calls, Undefined)
        ):
            out += text(
                concat("<|im_start|>", role, "\n", attr(message, "content"), "<|im_end|>", "\n")
            )
        elif role == "assistant":
            out += "<|im_start|>assistant"
            out += "".join(_tool_call(tool_call) for tool_call in iterate(tool_calls))
            out += "<|im_end|>\n"
        elif role == "tool":
            out += _tool_result(messages, index)
    if conversation.add_generation_prompt:
        out += "<|im_start|>assistant\n"
    return out


def render_default(conversation: Conversation) -> str:
    """Render as Hermes 3's ``default`` template does: ``bos_token``, then ChatML (every
    message's role and content, nothing else), as Hermes 2 Pro's template."""
    out = text(conversation.var("bos_token", BOS_TOKEN))
    for message in conversation.messages:
        role, content = attr(message, "role"), attr(message, "content")
        out += text(concat("<|im_start|>", role, "\n", content, "<|im_end|>", "\n"))
    if conversation.add_generation_prompt:
        out += "<|im_start|>assistant\n"
    return out


class Hermes3ChatPrompt(FormatModulePrompt):
    """Hermes 3, byte for byte as its published chat templates.

    The model publishes two named templates and ``apply_chat_template`` picks ``tool_use``
    (:func:`render`) when tools are given, else ``default`` (:func:`render_default`).
    """

    names: ClassVar[tuple[str, ...]] = ("hermes-3", "hermes3")
    output_format: ClassVar[OutputFormat | None] = _output_formats.HERMES

    def render_conversation(self, conversation: Conversation) -> str:
        """The text the template ``apply_chat_template`` picks writes for ``conversation``."""
        if conversation.tools is None:
            return render_default(conversation)
        return render(conversation)
