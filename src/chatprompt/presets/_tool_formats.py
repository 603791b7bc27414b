"""Shared pieces of the Qwen3-family and other tool-calling formats.

The published templates these formats reproduce read message fields loosely: a missing field is
Jinja's *undefined* (prints as nothing, is false, fails when added to text), ``a + b`` is Python's
``+`` (text plus a list fails), ``x.strip()`` fails on anything but text. The helpers here give the
Python renderers the same values and the same failures, raised as
:class:`~chatprompt.errors.TemplateError` carrying the message Jinja's error carries, so that a
renderer accepts exactly the conversations its template accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn

from chatprompt._conversation import Conversation
from chatprompt.errors import TemplateError
from chatprompt.presets._jinja_values import jinja_str, tojson

__all__ = [
    "Undefined",
    "attr",
    "concat",
    "contains",
    "first_message",
    "glm_argument",
    "glm_header",
    "glm_reasoning",
    "glm_tool_turn",
    "item",
    "items",
    "iterate",
    "last_user_index",
    "method",
    "qwen3_render",
    "qwen_tool_call",
    "qwen_tools_list",
    "split_think",
    "text",
    "to_json",
    "tool_response_turn",
    "unwrap_function",
    "var_is_false",
    "var_is_falsy",
    "visible_text",
    "written_value",
    "xml_call_arguments",
]


def _type_repr(owner: object) -> str:
    if owner is None:
        return "None"
    kind = type(owner)
    if kind.__module__ == "builtins":
        return f"{kind.__name__} object"
    return f"{kind.__module__}.{kind.__name__} object"


class Undefined:
    """What a template sees for a field a message does not have (Jinja's ``Undefined``)."""

    __slots__ = ("hint",)

    def __init__(self, hint: str) -> None:
        self.hint = hint

    def fail(self) -> NoReturn:
        """Raise the error Jinja raises when a template uses the missing value."""
        raise TemplateError(self.hint)

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def __iter__(self) -> Any:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return type(other) is Undefined

    def __hash__(self) -> int:
        return 0

    def __add__(self, other: object) -> NoReturn:
        self.fail()

    def __radd__(self, other: object) -> NoReturn:
        self.fail()


def attr(owner: Any, name: str) -> Any:
    """``owner.name`` (or ``owner[name]``) as a template reads it."""
    if isinstance(owner, Undefined):
        owner.fail()
    if isinstance(owner, Mapping) and name in owner:
        return owner[name]
    return Undefined(f"{_type_repr(owner)!r} has no attribute {name!r}")


def item(owner: Any, index: int) -> Any:
    """``owner[index]`` for a list index, as a template reads it."""
    if isinstance(owner, Undefined):
        owner.fail()
    try:
        return owner[index]
    except (IndexError, KeyError, TypeError):
        return Undefined(f"{_type_repr(owner)!r} has no element {index!r}")


def first_message(conversation: Conversation) -> Any:
    """``messages[0]``: the first message, or undefined when there is none."""
    return item(list(conversation.messages), 0)


def concat(*values: Any) -> Any:
    """``a + b + ...`` as a template evaluates it (left to right, Python's ``+``)."""
    total = values[0]
    for value in values[1:]:
        try:
            total = total + value
        except TypeError as error:
            raise TemplateError(str(error)) from None
    return total


def text(value: Any) -> str:
    """``{{ value }}``: how a template prints a value (undefined prints nothing)."""
    if isinstance(value, Undefined):
        return ""
    return jinja_str(value)


def method(value: Any, name: str, *args: Any) -> Any:
    """``value.name(*args)`` for a string method (``strip``, ``split``, ``startswith``, ...)."""
    if isinstance(value, Undefined):
        value.fail()
    bound = getattr(value, name, None) if isinstance(value, str) else None
    if bound is None:
        raise TemplateError(f"{_type_repr(value)!r} has no attribute {name!r}")
    return bound(*args)


def contains(needle: Any, haystack: Any) -> bool:
    """``needle in haystack`` as a template evaluates it."""
    if isinstance(haystack, Undefined):
        return False
    try:
        return needle in haystack
    except TypeError as error:
        raise TemplateError(str(error)) from None


def iterate(value: Any) -> list[Any]:
    """The items a template's ``{% for x in value %}`` walks over."""
    if isinstance(value, Undefined):
        return []
    if isinstance(value, Mapping):
        return list(value)
    try:
        return list(value)
    except TypeError as error:
        raise TemplateError(str(error)) from None


def to_json(value: Any) -> str:
    """``{{ value | tojson }}``."""
    if isinstance(value, Undefined):
        raise TemplateError("Object of type Undefined is not JSON serializable")
    return tojson(value)


def items(value: Any) -> list[tuple[Any, Any]]:
    """``value | items``: a mapping's pairs, nothing for undefined."""
    if isinstance(value, Undefined):
        return []
    if not isinstance(value, Mapping):
        raise TemplateError("Can only get item pairs from a mapping.")
    return list(value.items())


def written_value(value: Any) -> str:
    """A mapping or non-text sequence as JSON, anything else as printed (``| string``)."""
    return to_json(value) if isinstance(value, (Mapping, list, tuple)) else text(value)


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


# --- Qwen3 -----------------------------------------------------------------------------------

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
        out += "\n" + to_json(tool)
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
    written = arguments if isinstance(arguments, str) and not json_always else to_json(arguments)
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
    first = first_message(conversation)
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


# --- GLM -------------------------------------------------------------------------------------

_GLM_TOOLS_INTRO = (
    "<|system|>\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
)
_GLM_TOOLS_OUTRO = (
    "</tools>\n\nFor each function call, output the function name and arguments within the "
    "following XML format:\n"
)


def glm_header(conversation: Conversation, call_format: str) -> str:
    """``[gMASK]<sop>`` and, when tools are offered, the system turn listing them."""
    out = "[gMASK]<sop>"
    if conversation.tools:
        out += _GLM_TOOLS_INTRO + "".join(to_json(tool) + "\n" for tool in conversation.tools)
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
    return value if isinstance(value, str) else to_json(value)


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
        output = attr(result, "output") if isinstance(result, Mapping) else Undefined("")
        out += opening + text(result if isinstance(output, Undefined) else output) + closing
    return out


def var_is_falsy(conversation: Conversation, name: str) -> bool:
    """``name is defined and not name``: the caller passed a false value."""
    return name in conversation.template_vars and not conversation.template_vars[name]
