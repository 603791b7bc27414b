"""Meta's Llama 3.1 / 3.2 / 3.3 instruct format with tools, as the published templates write it.

The three published templates differ in two places only, which :func:`render_llama3` takes as
parameters: the ``Today Date`` written when the caller passes no ``date_string`` (3.1 and 3.3:
the fixed ``26 Jul 2024``; 3.2: today, from ``strftime_now``), and whether the template knows
``builtin_tools`` (3.1 and 3.3 do; 3.2 ignores the variable).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chatprompt._conversation import Conversation
from chatprompt.errors import TemplateError
from chatprompt.presets import _jinja_values
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    concat,
    contains,
    is_iterable,
    item,
    iterate,
    length,
    template_error,
    text,
    tojson,
    trim,
)

__all__ = ["published_date", "render_llama3", "today"]

_CALL_FORMAT = (
    'Respond in the format {"name": function name, "parameters": dictionary of argument name '
    "and its value}.Do not use variables.\n\n"
)
_TOOLS_IN_SYSTEM = (
    "You have access to the following functions. To call a function, please respond with JSON "
    "for a function call." + _CALL_FORMAT
)
_TOOLS_IN_USER = (
    "Given the following functions, please respond with a JSON for a function call with its "
    "proper arguments that best answers the given prompt.\n\n" + _CALL_FORMAT
)
_NO_FIRST_USER = "Cannot put tools in the first user message when there's no first user message!"
_SINGLE_CALL = "This model only supports single tool-calls at once!"


def header(role: str) -> str:
    """``<|start_header_id|>{role}<|end_header_id|>\\n\\n``."""
    return f"<|start_header_id|>{role}<|end_header_id|>\n\n"


def published_date() -> str:
    """The ``Today Date`` of the Llama 3.1 and 3.3 templates when none is passed."""
    return "26 Jul 2024"


def today() -> str:
    """The ``Today Date`` of the Llama 3.2 template when none is passed: today, ``%d %b %Y``."""
    return _jinja_values.strftime_now("%d %b %Y")


def _tool_list(tools: Any) -> str:
    return "".join(tojson(tool, indent=4) + "\n\n" for tool in iterate(tools))


def _builtin_call(call: Any, name: Any) -> str:
    arguments = item(call, "arguments")
    if isinstance(arguments, Undefined):
        pairs: list[tuple[Any, Any]] = []
    elif isinstance(arguments, Mapping):
        pairs = list(arguments.items())
    else:
        raise TemplateError(
            f"Can only get item pairs from a mapping. (builtin tool call arguments {arguments!r})"
        )
    written = ", ".join(concat(key, '="', value, '"') for key, value in pairs)
    return text(concat("<|python_tag|>", name, ".call(")) + written + ")"


def _tool_call(index: int, message: dict[str, Any], builtin_tools: Any, uses_builtin: bool) -> str:
    calls = message["tool_calls"]
    if length(calls) != 1:
        raise template_error(_SINGLE_CALL, index=index, message=message)
    call = item(item(calls, 0), "function")
    name = item(call, "name")
    if uses_builtin and contains(name, builtin_tools):
        written = _builtin_call(call, name)
    else:
        written = concat('{"name": "', name, '", ')  # the template fails on the name first
        written += '"parameters": ' + tojson(item(call, "arguments")) + "}"
    return header("assistant") + written + ("<|eom_id|>" if uses_builtin else "<|eot_id|>")


def render_llama3(
    conversation: Conversation,
    *,
    bos_token: str,
    default_date: Callable[[], str],
    builtin_tools: bool,
) -> str:
    """Render ``conversation`` as a Llama 3.1 / 3.2 / 3.3 template does.

    Template variables: ``date_string``, ``tools_in_user_message`` (default true: the tools go
    into the first user message, else into the system message), ``custom_tools`` (replaces
    ``tools``) and, where ``builtin_tools`` is true, ``builtin_tools`` (tool names written in
    the system message; a call to one is written as ``<|python_tag|>name.call(...)``, and every
    tool call then ends with ``<|eom_id|>``).

    Args:
        conversation: What to render.
        bos_token: The text the template writes first.
        default_date: The ``Today Date`` when ``date_string`` is not passed.
        builtin_tools: Whether this template reads the ``builtin_tools`` variable.

    Raises:
        TemplateError: Tools go into a first user message that is not there; an assistant
            message has other than one tool call; a value cannot be written where the template
            writes it (a role that is not text, a missing tool call, ...).
    """
    variables = conversation.template_vars
    tools = variables.get("custom_tools", conversation.tools)
    tools_in_user_message = variables.get("tools_in_user_message", True)
    date_string = variables["date_string"] if "date_string" in variables else default_date()
    uses_builtin = builtin_tools and "builtin_tools" in variables
    builtin = variables.get("builtin_tools")
    messages = conversation.messages
    first = item(messages, 0)
    offset = 0
    system_message = ""
    if attr(first, "role") == "system":
        system_message = trim(item(first, "content"))
        offset = 1
    out = [bos_token, header("system")]
    if uses_builtin or tools is not None:
        out.append("Environment: ipython\n")
    if uses_builtin:
        listed = iterate(builtin) if builtin else ()  # `reject` passes a falsy value as empty
        names = (text(name) for name in listed if name != "code_interpreter")
        out.append("Tools: " + ", ".join(names) + "\n\n")
    out.append("Cutting Knowledge Date: December 2023\n")
    out.append(concat("Today Date: ", date_string, "\n\n"))
    if tools is not None and not tools_in_user_message:
        out += [_TOOLS_IN_SYSTEM, _tool_list(tools)]
    out.append(system_message + "<|eot_id|>")
    if tools_in_user_message and tools is not None:
        if offset == len(messages):
            raise template_error(_NO_FIRST_USER)
        first_user_message = trim(item(messages[offset], "content"))
        offset += 1
        out += [header("user"), _TOOLS_IN_USER, _tool_list(tools), first_user_message, "<|eot_id|>"]
    for index in range(offset, len(messages)):
        message = messages[index]
        role = item(message, "role")
        if "tool_calls" in message:
            out.append(_tool_call(index, message, builtin, uses_builtin))
        elif role in ("tool", "ipython"):
            content = item(message, "content")
            written = tojson(content) if is_iterable(content) else text(content)
            out.append(header("ipython") + written + "<|eot_id|>")
        else:
            content = trim(item(message, "content"))
            out.append(concat("<|start_header_id|>", role, "<|end_header_id|>\n\n", content))
            out.append("<|eot_id|>")
    if conversation.add_generation_prompt:
        out.append(header("assistant"))
    return "".join(out)
