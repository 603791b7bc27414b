"""gpt-oss (OpenAI's open-weight models): the harmony format its published chat template writes.

Every prompt opens with a system message (model identity, knowledge cutoff, today's date from
``strftime_now``, the reasoning effort, the built-in ``browser`` / ``python`` tools, the valid
channels), then a developer message holding the caller's system text and the function tools
written as a TypeScript namespace. Assistant turns go to the ``final`` channel; a tool call goes
to ``functions.<name>`` on the ``commentary`` channel with its arguments as JSON (a string
argument is written as a JSON string), preceded by its reasoning on the ``analysis`` channel
unless a later assistant turn answers. As in the template: only the first tool call of a message
is written, a tool result goes to the most recent call's function, reasoning of earlier turns is
dropped, and a final assistant turn with ``add_generation_prompt=False`` ends with ``<|return|>``
after its reasoning.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import TemplateError
from chatprompt.presets import _jinja_values
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    UNDEFINED,
    Undefined,
    attr,
    contains,
    is_defined,
    item,
    iterate,
    join,
    operand,
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

NAMES: tuple[str, ...] = ("gpt-oss",)
MODEL_IDS: tuple[str, ...] = ("openai/gpt-oss-20b", "openai/gpt-oss-120b")
BOS_TOKEN = "<|startoftext|>"
EOS_TOKEN = "<|return|>"
STOP_STRS: tuple[str, ...] = ("<|return|>", "<|call|>")
REFERENCE = "openai/gpt-oss-120b chat template"
FEATURES = frozenset(
    {
        "tools",
        "tool_calls",
        "tool_results",
        "reasoning",
        "reasoning_effort",
        "builtin_tools",
        "model_identity",
        "date",
    }
)

_DEFAULT_IDENTITY = "You are ChatGPT, a large language model trained by OpenAI."
_CHANNELS = (
    "# Valid channels: analysis, commentary, final. Channel must be included for every message."
)
_FUNCTIONS_CHANNEL = "\nCalls to these tools must go to the commentary channel: 'functions'."
_CHANNEL_TAGS = ("<|channel|>analysis<|message|>", "<|channel|>final<|message|>")
_TAGS_IN_FIELD = (
    "You have passed a message containing <|channel|> tags in the {} field. Instead of doing "
    "this, you should pass analysis messages (the string between '<|message|>' and '<|end|>') "
    "in the 'thinking' field, and final messages (the string between '<|message|>' and "
    "'<|end|>') in the 'content' field."
)
_CONTENT_AND_THINKING = (
    "Cannot pass both content and thinking in an assistant message with tool calls! Put the "
    "analysis message in one or the other, but not both."
)
_NO_TOOL_CALL = (
    "Message has tool role, but there was no previous assistant message with a tool call!"
)
_ARRAY_ITEM_TYPES = {
    "string": "string[]",
    "number": "number[]",
    "integer": "number[]",
    "boolean": "boolean[]",
}
_SCALAR_TYPES = {"number": "number", "integer": "number", "boolean": "boolean"}
_DEFAULT_INDENT = " " * 20
_PROPERTY_INDENT = "\n" + " " * 16

_BROWSER = (
    "## browser\n\n"
    "// Tool for browsing.\n"
    "// The `cursor` appears in brackets before each browsing display: `[{cursor}]`.\n"
    "// Cite information from the tool using the following format:\n"
    "// `【{cursor}†L{line_start}(-L{line_end})?】`, for example: `【6†L9-L11】` or `【8†L3】`.\n"
    "// Do not quote more than 10 words directly from the tool output.\n"
    "// sources=web (default: web)\n"
    "namespace browser {\n\n"
    "// Searches for information related to `query` and displays `topn` results.\n"
    "type search = (_: {\n"
    "query: string,\n"
    "topn?: number, // default: 10\n"
    "source?: string,\n"
    "}) => any;\n\n"
    "// Opens the link `id` from the page indicated by `cursor` starting at line number `loc`, "
    "showing `num_lines` lines.\n"
    "// Valid link ids are displayed with the formatting: `【{id}†.*】`.\n"
    "// If `cursor` is not provided, the most recent page is implied.\n"
    "// If `id` is a string, it is treated as a fully qualified URL associated with `source`.\n"
    "// If `loc` is not provided, the viewport will be positioned at the beginning of the "
    "document or centered on the most relevant passage, if available.\n"
    "// Use this function without `id` to scroll to a new location of an opened page.\n"
    "type open = (_: {\n"
    "id?: number | string, // default: -1\n"
    "cursor?: number, // default: -1\n"
    "loc?: number, // default: -1\n"
    "num_lines?: number, // default: -1\n"
    "view_source?: boolean, // default: false\n"
    "source?: string,\n"
    "}) => any;\n\n"
    "// Finds exact matches of `pattern` in the current page, or the page given by `cursor`.\n"
    "type find = (_: {\n"
    "pattern: string,\n"
    "cursor?: number, // default: -1\n"
    "}) => any;\n\n"
    "} // namespace browser\n\n"
)
_PYTHON = (
    "## python\n\n"
    "Use this tool to execute Python code in your chain of thought. The code will not be shown "
    "to the user. This tool should be used for internal reasoning, but not for code that is "
    "intended to be visible to the user (e.g. when creating plots, tables, or files).\n\n"
    "When you send a message containing Python code to python, it will be executed in a "
    "stateful Jupyter notebook environment. python will respond with the output of the "
    "execution or time out after 120.0 seconds. The drive at '/mnt/data' can be used to save "
    "and persist user files. Internet access for this session is UNKNOWN. Depends on the "
    "cluster.\n\n"
)


def _nullable(spec: Any) -> str:
    return " | null" if attr(spec, "nullable") else ""


def _array_type(spec: Any, where: str) -> str:
    items = item(spec, "items")
    if not items:
        return "any[]" + _nullable(spec)
    item_type = item(items, "type")
    written = _ARRAY_ITEM_TYPES.get(item_type) if isinstance(item_type, str) else None
    if written is None:
        inner = _ts_type(items, f"{where} items")
        written = "any[]" if inner == "object | object" or len(inner) > 50 else inner + "[]"
    return written + _nullable(spec)


def _union_type(variants: Any, where: str) -> str:
    listed = iterate(variants, f"{where} oneOf")
    pieces = []
    for index, variant in enumerate(listed):
        pieces.append(_ts_type(variant, f"{where} oneOf[{index}]"))
        description = attr(variant, "description")
        if description:
            pieces.append("// " + operand(description, f"{where} oneOf[{index}] description"))
        default = attr(variant, "default")
        if is_defined(default):
            pieces.append(_DEFAULT_INDENT + "// default: " + tojson(default))
        if index < len(listed) - 1:
            pieces.append(" | \n")
    return "".join(pieces)


def _properties(properties: Any, where: str) -> list[tuple[str, Any]]:
    if not isinstance(properties, dict):
        raise TemplateError(f"{where} properties {properties!r} has no items()")
    return list(properties.items())


def _object_type(spec: Any, where: str) -> str:
    properties = attr(spec, "properties")
    if not properties:
        return "object"
    required = attr(spec, "required") or []
    entries = _properties(properties, where)
    pieces = ["{\n"]
    for index, (name, sub_spec) in enumerate(entries):
        pieces.append(name)
        if not contains(name, required, f"{where} required"):
            pieces.append("?")
        pieces.append(": " + _PROPERTY_INDENT + _ts_type(sub_spec, f"{where}.{name}"))
        if index < len(entries) - 1:
            pieces.append(", ")
    pieces.append("}")
    return "".join(pieces)


def _ts_type(spec: Any, where: str) -> str:
    """A JSON schema written as the template's TypeScript type."""
    kind = attr(spec, "type")
    if kind == "array":
        return _array_type(spec, where)
    if isinstance(kind, (list, tuple)) and kind:
        return join(kind, " | ", where) if len(kind) > 1 else text(kind[0])
    variants = attr(spec, "oneOf")
    if variants:
        return _union_type(variants, where)
    if kind == "string":
        enum = attr(spec, "enum")
        if enum:
            return '"' + join(enum, '" | "', f"{where} enum") + '"'
        return "string" + _nullable(spec)
    if kind == "object":
        return _object_type(spec, where)
    if isinstance(kind, str):
        return _SCALAR_TYPES.get(kind, "any")
    return "any"


def _parameter_default(spec: Any, where: str) -> str:
    default = attr(spec, "default")
    if not is_defined(default):
        return ""
    if attr(spec, "enum"):
        return ", // default: " + operand(default, f"{where} default")
    if attr(spec, "oneOf"):
        return "// default: " + operand(default, f"{where} default")
    return ", // default: " + tojson(default)


def _function(tool: Any, index: int) -> str:
    where = f"tools[{index}]"
    function = attr(tool, "function", where)
    where_function = f"{where}.function"
    description = operand(attr(function, "description", where_function), f"{where} description")
    name = operand(attr(function, "name", where_function), f"{where} name")
    pieces = [f"// {description}\ntype {name} = "]
    parameters = attr(function, "parameters")
    properties = attr(parameters, "properties") if parameters else UNDEFINED
    if not properties:
        pieces.append("() => any;\n\n")
        return "".join(pieces)
    required = attr(parameters, "required") or []
    pieces.append("(_: {\n")
    for name, spec in _properties(properties, where):
        where_parameter = f"{where} parameter {name!r}"
        description = attr(spec, "description")
        if description:
            pieces.append("// " + operand(description, f"{where_parameter} description") + "\n")
        pieces.append(name)
        if not contains(name, required, f"{where} required"):
            pieces.append("?")
        pieces.append(": " + _ts_type(spec, where_parameter))
        pieces.append(_parameter_default(spec, where_parameter))
        pieces.append(",\n")
    pieces.append("}) => any;\n\n")
    return "".join(pieces)


def _functions_namespace(tools: tuple[dict[str, Any], ...]) -> str:
    functions = "".join(_function(tool, index) for index, tool in enumerate(tools))
    return f"## functions\n\nnamespace functions {{\n\n{functions}}} // namespace functions"


def _system_message(conversation: Conversation) -> str:
    identity = conversation.var("model_identity", UNDEFINED)
    if not is_defined(identity):
        identity = _DEFAULT_IDENTITY
    effort = conversation.var("reasoning_effort", UNDEFINED)
    if not is_defined(effort):
        effort = "medium"
    pieces = [
        operand(identity, "model_identity") + "\n",
        "Knowledge cutoff: 2024-06\n",
        "Current date: " + _jinja_values.strftime_now("%Y-%m-%d") + "\n\n",
        "Reasoning: " + operand(effort, "reasoning_effort") + "\n\n",
    ]
    builtin_tools = conversation.var("builtin_tools", UNDEFINED)
    if builtin_tools:
        listed = iterate(builtin_tools, "builtin_tools")
        pieces.append("# Tools\n\n")
        if "browser" in listed:
            pieces.append(_BROWSER)
        if "python" in listed:
            pieces.append(_PYTHON)
    pieces.append(_CHANNELS)
    if conversation.tools:
        pieces.append(_FUNCTIONS_CHANNEL)
    return "<|start|>system<|message|>" + "".join(pieces) + "<|end|>"


def _developer_message(developer: Any, conversation: Conversation) -> str:
    if not (developer or conversation.tools):
        return ""
    pieces = ["<|start|>developer<|message|>"]
    if developer:
        pieces.append("# Instructions\n\n" + text(developer) + "\n\n")
    if conversation.tools:
        pieces.append("# Tools\n\n" + _functions_namespace(conversation.tools))
    pieces.append("<|end|>")
    return "".join(pieces)


def _check_channel_tags(message: dict[str, Any], index: int) -> None:
    for field in ("content", "thinking"):
        if field in message:
            value = message[field]
            where = f"message {index} {field}"
            if any(contains(tag, value, where) for tag in _CHANNEL_TAGS):
                raise template_error(_TAGS_IN_FIELD.format(field), index=index, message=message)


def _answered_later(later: tuple[dict[str, Any], ...]) -> bool:
    return any(
        message.get("role") == "assistant" and "tool_calls" not in message for message in later
    )


def _tool_call(
    message: dict[str, Any], index: int, later: tuple[dict[str, Any], ...]
) -> tuple[str, str]:
    """The assistant's tool call (its first one), and the function name it calls."""
    where = f"message {index}"
    call = item(message["tool_calls"], 0)
    function = attr(call, "function", f"{where} tool_calls[0]")
    if function:
        call = function
    content, thinking = message.get("content"), message.get("thinking")
    pieces = []
    if content and thinking:
        raise template_error(_CONTENT_AND_THINKING, index=index, message=message)
    if (content or thinking) and not _answered_later(later):
        analysis = operand(content or thinking, f"{where} {'content' if content else 'thinking'}")
        pieces.append(f"<|start|>assistant<|channel|>analysis<|message|>{analysis}<|end|>")
    name = operand(attr(call, "name"), f"{where} tool call name")
    content_type = attr(call, "content_type")
    if not is_defined(content_type):
        content_type = "json"
    content_type = operand(content_type, f"{where} tool call content_type")
    arguments = tojson(attr(call, "arguments"), f"{where} tool call arguments")
    pieces.append(
        f"<|start|>assistant to=functions.{name}<|channel|>commentary {content_type}"
        f"<|message|>{arguments}<|call|>"
    )
    return "".join(pieces), name


def render(conversation: Conversation) -> str:
    """The prompt gpt-oss's chat template writes for ``conversation``.

    Raises:
        TemplateError: where the template raises: ``<|channel|>`` tags in an assistant's content
            or thinking, both content and thinking on a tool call, a tool result with no tool
            call before it, or a value the template cannot write (a non-text content, a tool
            call without a name, ...).
    """
    messages = conversation.messages
    pieces = [_system_message(conversation)]  # written (and may fail) before messages[0] is read
    if not messages:
        Undefined(messages, 0).fail()
    first = messages[0]
    offset = 1 if first.get("role") in ("developer", "system") else 0
    developer = attr(first, "content") if offset else ""
    pieces.append(_developer_message(developer, conversation))
    last_call: str | None = None
    last = len(messages) - 1
    for index in range(offset, len(messages)):
        message = messages[index]
        role = message.get("role")
        where = f"message {index}"
        if role == "assistant":
            _check_channel_tags(message, index)
            if "tool_calls" in message:
                written, last_call = _tool_call(message, index, messages[index + 1 :])
                pieces.append(written)
            elif index == last and not conversation.add_generation_prompt:
                if "thinking" in message:
                    thinking = operand(message["thinking"], f"{where} thinking")
                    pieces.append(
                        f"<|start|>assistant<|channel|>analysis<|message|>{thinking}<|end|>"
                    )
                content = operand(attr(message, "content"), f"{where} content")
                pieces.append(f"<|start|>assistant<|channel|>final<|message|>{content}<|return|>")
            else:
                content = operand(attr(message, "content"), f"{where} content")
                pieces.append(f"<|start|>assistant<|channel|>final<|message|>{content}<|end|>")
                last_call = None
        elif role == "tool":
            if last_call is None:
                raise template_error(_NO_TOOL_CALL, index=index, message=message)
            result = tojson(attr(message, "content"), f"{where} content")
            pieces.append(
                f"<|start|>functions.{last_call} to=assistant<|channel|>commentary"
                f"<|message|>{result}<|end|>"
            )
        elif role == "user":
            content = operand(attr(message, "content"), f"{where} content")
            pieces.append(f"<|start|>user<|message|>{content}<|end|>")
    if conversation.add_generation_prompt:
        pieces.append("<|start|>assistant")
    return "".join(pieces)


class GptOssChatPrompt(FormatModulePrompt):
    """gpt-oss (harmony), byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GPT_OSS
