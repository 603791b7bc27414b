"""Gemma 4 instruct: Google's published chat template with tools, thinking and media parts.

``<bos>``, then turns ``<|turn>{role}\\n ... <turn|>\\n`` (``model`` for the assistant). A system
(or developer) message, ``enable_thinking`` (``<|think|>``) and the tool declarations open a
system turn. Tools are declared in Gemma's own notation (``<|tool>declaration:name{...}<tool|>``,
strings quoted as ``<|"|>...<|"|>``, keys sorted case-insensitively); a tool call is written
``<|tool_call>call:name{key:value,...}<tool_call|>`` and the ``tool`` messages that follow it as
``<|tool_response>response:name{...}<tool_response|>`` inside the same model turn. Reasoning is
written back only for tool-calling turns after the last user message; thinking channels in an
answer's text are removed. Image, audio and video parts are written as ``<|image|>``,
``<|audio|>`` and ``<|video|>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import TemplateError
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    Undefined,
    concat,
    contains,
    dictsort,
    item,
    iterate,
    method,
    text,
    trim,
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

NAMES: tuple[str, ...] = ("gemma-4", "gemma4")
MODEL_IDS: tuple[str, ...] = ("google/gemma-4-31B-it",)
BOS_TOKEN = "<bos>"
EOS_TOKEN = "<eos>"
STOP_STRS: tuple[str, ...] = ("<turn|>", "<eos>")
REFERENCE = "google/gemma-4-31B-it chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "enable_thinking", "parts", "images"}
)

_Q = '<|"|>'
_STANDARD_KEYS = ("description", "type", "properties", "required", "nullable")
_MEDIA = {"image": "<|image|>", "audio": "<|audio|>", "video": "<|video|>"}


def _upper(value: Any) -> str:
    """``value | upper``."""
    return text(value).upper()


def _is_sequence(value: Any) -> bool:
    """``value is sequence``: anything with a length and items (a missing value too)."""
    return isinstance(value, (Undefined, str, list, tuple, dict))


def _argument(value: Any, escape_keys: bool = True) -> str:
    """The template's ``format_argument``: a JSON value in Gemma's notation."""
    if isinstance(value, str):
        return _Q + value + _Q
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        pairs = (
            (concat(_Q, key, _Q) if escape_keys else text(key)) + ":" + _argument(v, escape_keys)
            for key, v in dictsort(value)
        )
        return "{" + ",".join(pairs) + "}"
    if _is_sequence(value):
        return "[" + ",".join(_argument(v, escape_keys) for v in iterate(value)) + "]"
    return text(value)


def _quoted_list(values: Any) -> str:
    return ",".join(_Q + text(value) + _Q for value in iterate(values))


def _comma(out: list[str], needed: bool) -> bool:
    if needed:
        out.append(",")
    return True


def _array_items(items: Mapping[str, Any]) -> str:
    out = ["items:{"]
    found_first = False
    for key, value in dictsort(items):
        if value is None:
            continue
        if found_first:
            out.append(",")
        found_first = True
        if key == "properties":
            out += ["properties:{", _parameters(value) if isinstance(value, Mapping) else "", "}"]
        elif key == "required":
            out += ["required:[", _quoted_list(value), "]"]
        elif key == "type" and isinstance(value, str):
            out.append("type:" + _argument(value.upper()))
        elif key == "type":
            out.append("type:" + _argument([_upper(v) for v in iterate(value)] if value else []))
        else:
            out.append(text(key) + ":" + _argument(value))
    out.append("}")
    return "".join(out)


def _parameters(properties: Any) -> str:
    """The template's ``format_parameters``: a tool's properties in Gemma's notation."""
    out: list[str] = []
    found_first = False
    for key, value in dictsort(properties):
        if key in _STANDARD_KEYS:
            continue
        if found_first:
            out.append(",")
        found_first = True
        out.append(text(key) + ":{")
        comma = False
        description = item(value, "description")
        if description:
            out += ["description:", _Q, text(description), _Q]
            comma = True
        kind = _upper(item(value, "type"))
        if kind == "STRING":
            enum = item(value, "enum")
            if enum:
                comma = _comma(out, comma)
                out.append("enum:" + _argument(enum))
        elif kind == "ARRAY":
            items = item(value, "items")
            if isinstance(items, Mapping) and items:
                comma = _comma(out, comma)
                out.append(_array_items(items))
        if item(value, "nullable"):
            comma = _comma(out, comma)
            out.append("nullable:true")
        if kind == "OBJECT":
            nested = item(value, "properties")
            if isinstance(nested, Mapping) or isinstance(value, Mapping):
                comma = _comma(out, comma)
                inner = nested if isinstance(nested, Mapping) else value
                out += ["properties:{", _parameters(inner), "}"]
            required = item(value, "required")
            if required:
                comma = _comma(out, comma)
                out += ["required:[", _quoted_list(required), "]"]
        _comma(out, comma)
        out += ["type:", _Q, kind, _Q, "}"]
    return "".join(out)


def _declaration(tool: Any) -> str:
    """The template's ``format_function_declaration``."""
    function = item(tool, "function")
    out = ["declaration:", text(item(function, "name")), "{description:", _Q]
    out += [text(item(function, "description")), _Q]
    parameters = item(function, "parameters")
    if parameters:
        out.append(",parameters:{")
        properties = item(parameters, "properties")
        if properties:
            out += ["properties:{", _parameters(properties), "},"]
        required = item(parameters, "required")
        if required:
            out += ["required:[", _quoted_list(required), "],"]
        kind = item(parameters, "type")
        if kind:
            out += ["type:", _Q, _upper(kind), _Q, "}"]
    if contains("response", function):
        response = item(function, "response")
        out.append(",response:{")
        description = item(response, "description")
        if description:
            out += ["description:", _Q, text(description), _Q, ","]
        if _upper(item(response, "type")) == "OBJECT":
            out += ["type:", _Q, _upper(item(response, "type")), _Q, "}"]
    out.append("}")
    return "".join(out)


def _strip_thinking(value: Any) -> str:
    """The template's ``strip_thinking``: an answer without its thinking channels."""
    parts = method(value, "split", "<channel|>")
    return "".join(part.split("<|channel>")[0] for part in parts).strip()


def _response_block(name: Any, response: Any) -> str:
    """The template's ``format_tool_response_block``."""
    if isinstance(response, Mapping):
        pairs = (text(key) + ":" + _argument(v, False) for key, v in dictsort(response))
        body = text(concat("response:", name, "{")) + ",".join(pairs) + "}"
    else:
        body = text(concat("response:", name, "{value:", _argument(response, False), "}"))
    return "<|tool_response>" + body + "<tool_response|>"


def _method(value: Any, name: str, key: str) -> Any:
    """``value.get(key)`` as the template calls it."""
    if not isinstance(value, dict):
        raise TemplateError(Undefined(value, name).message)
    return value.get(key)


def _tool_calls(calls: Any) -> str:
    out = []
    for call in iterate(calls):
        function = item(call, "function")
        out.append(concat("<|tool_call>call:", item(function, "name"), "{"))
        arguments = item(function, "arguments")
        if isinstance(arguments, Mapping):
            pairs = (text(k) + ":" + _argument(v, False) for k, v in dictsort(arguments))
            out.append(",".join(pairs))
        elif isinstance(arguments, str):
            out.append(arguments)
        out.append("}<tool_call|>")
    return "".join(out)


def _tool_result(message: dict[str, Any], follow: dict[str, Any]) -> str:
    """The response block for ``follow``, a ``tool`` message after ``message``'s tool calls."""
    name = follow.get("name")
    for call in iterate(message["tool_calls"]):
        if _method(call, "get", "id") == follow.get("tool_call_id"):
            name = item(item(call, "function"), "name")
    body = follow.get("content")
    if isinstance(body, str) or not _is_sequence(body):
        return _response_block(name, body)
    joined = ""
    for part in iterate(body):
        if _method(part, "get", "type") == "text":
            joined = concat(joined, part.get("text"))
    return _response_block(name, joined)


def _content(content: Any, role: Any) -> tuple[str, str | None]:
    """The message's text and media, and the media kind written last (if any)."""
    if isinstance(content, str):
        return (_strip_thinking(content) if role == "model" else content.strip()), None
    if not _is_sequence(content):
        return "", None
    out = []
    last_media = None
    for part in iterate(content):
        kind = item(part, "type")
        if kind == "text":
            value = item(part, "text")
            out.append(_strip_thinking(value) if role == "model" else trim(value))
        elif kind in _MEDIA:
            out.append(_MEDIA[kind])
            last_media = kind
    return "".join(out), last_media


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Gemma 4 chat template does.

    Template variables: ``enable_thinking`` (``<|think|>`` in the system turn; without it the
    generation prompt closes an empty thought channel).

    Raises:
        TemplateError: The conversation is empty, or a value cannot be written where the
            template writes it (a role, tool name or tool result name that is not text, ...).
    """
    messages = conversation.messages
    variables = conversation.template_vars
    thinking = "enable_thinking" in variables and variables["enable_thinking"]
    tools = conversation.tools
    first = item(messages, 0)
    system_role = item(first, "role") in ("system", "developer")
    state: str | None = None
    out = [BOS_TOKEN]
    loop_messages = messages
    if thinking or tools or system_role:
        out.append("<|turn>system\n")
        if thinking:
            out.append("<|think|>\n")
            state = "think"
        if system_role:
            out.append(trim(item(first, "content")))
            loop_messages = messages[1:]
        if tools:
            out += [f"<|tool>{_declaration(tool).strip()}<tool|>" for tool in tools]
            state = "tool"
        out.append("<turn|>\n")
    roles = [item(message, "role") for message in loop_messages]
    last_user = max((i for i, role in enumerate(roles) if role == "user"), default=-1)
    for index, message in enumerate(loop_messages):
        if roles[index] == "tool":
            continue
        state = None
        role = "model" if roles[index] == "assistant" else roles[index]
        previous = next((r for r in reversed(roles[:index]) if r != "tool"), None)
        if not (role == "model" and previous == "assistant"):
            out.append(concat("<|turn>", role, "\n"))
        reasoning = message.get("reasoning") or message.get("reasoning_content")
        if reasoning and index > last_user and message.get("tool_calls"):
            out.append(concat("<|channel>thought\n", reasoning, "\n<channel|>"))
        if item(message, "tool_calls"):
            out.append(_tool_calls(message["tool_calls"]))
            state = "tool_call"
        responded = False
        if message.get("tool_responses"):
            for response in iterate(message["tool_responses"]):
                name = item(response, "name")
                name = "unknown" if isinstance(name, Undefined) else name
                out.append(_response_block(name, item(response, "response")))
                responded = True
                state = "tool_response"
        elif message.get("tool_calls"):
            following = index + 1
            while following < len(loop_messages) and roles[following] == "tool":
                out.append(_tool_result(message, loop_messages[following]))
                responded = True
                state = "tool_response"
                following += 1
        written, media = _content(item(message, "content"), role)
        out.append(written)
        state = media or state
        if state == "tool_call" and not responded:
            out.append("<|tool_response>")
        elif not (responded and not message.get("content")):
            out.append("<turn|>\n")
    if conversation.add_generation_prompt and state not in ("tool_response", "tool_call"):
        out.append("<|turn>model\n")
        if not variables.get("enable_thinking", False):
            out.append("<|channel>thought\n<channel|>")
    return "".join(out)


class Gemma4ChatPrompt(FormatModulePrompt):
    """Gemma 4 instruction-tuned, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GEMMA4
