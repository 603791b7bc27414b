"""Mistral 7B instruct v0.3: Mistral's published v3 template with tools.

``<s>[INST] {user}[/INST] {answer}</s>``; the system text is merged into the *last* message
when that is a user message (``[INST] {system}\\n\\n{user}[/INST]``) and dropped otherwise;
offered tools are written as ``[AVAILABLE_TOOLS]`` before the last user message; an
assistant's tool calls as ``[TOOL_CALLS] [...]</s>`` (9-character ids; its content is not
written); ``tool`` results as ``[TOOL_RESULTS] {...}[/TOOL_RESULTS]``. Mistral Nemo's template
is the same without the spaces (:func:`render_mistral_v3` takes the spacing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import MessageOrderError
from chatprompt.presets._base import ALTERNATE_AFTER_SYSTEM
from chatprompt.presets._format_base import FormatPromptBase
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    concat,
    item,
    iterate,
    length,
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
    "MistralV03ChatPrompt",
    "render",
    "render_mistral_v3",
]

NAMES: tuple[str, ...] = ("mistral-v0.3",)
MODEL_IDS: tuple[str, ...] = (
    "mistralai/Mistral-7B-Instruct-v0.3",
    "mistralai/Mistral-Large-Instruct-2407",
)
BOS_TOKEN = "<s>"
EOS_TOKEN = "</s>"
STOP_STRS: tuple[str, ...] = ("</s>",)
REFERENCE = "mistralai/Mistral-7B-Instruct-v0.3 chat template"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results"})

_CALL_ID = "Tool call IDs should be alphanumeric strings with length 9!"
_ROLES = (
    "Only user and assistant roles are supported, with the exception of an initial optional "
    "system message!"
)


def _check_alternation(loop: Sequence[dict[str, Any]], offset: int) -> None:
    """The template's check: user and assistant alternate, tool messages and calls aside."""
    turn = 0
    for position, message in enumerate(loop):
        role = attr(message, "role")
        if role in ("tool", "tool_results") or not isinstance(
            attr(message, "tool_calls"), Undefined
        ):
            continue
        if (role == "user") != (turn % 2 == 0):
            error = template_error(ALTERNATE_AFTER_SYSTEM, index=position + offset, message=message)
            raise MessageOrderError(str(error))
        turn += 1


def _tool_schema(function: Any) -> str:
    if isinstance(function, Undefined):
        function.fail()
    if not isinstance(function, dict):  # `function.items` is undefined: calling it fails
        attr(function, "items").fail()
    fields = (
        f'"{key}": "{value}"' if isinstance(value, str) else f'"{key}": {tojson(value)}'
        for key, value in function.items()
        if key != "return"
    )
    return '{"type": "function", "function": {' + ", ".join(fields) + "}}"


def _available_tools(tools: Sequence[Any], space: str) -> str:
    schemas = [_tool_schema(attr(tool, "function")) for tool in tools]
    closing = "]" if schemas else ""
    return f"[AVAILABLE_TOOLS]{space}[" + ", ".join(schemas) + closing + "[/AVAILABLE_TOOLS]"


def _call_id(value: Any, index: int, message: dict[str, Any]) -> Any:
    if isinstance(value, Undefined) or length(value) != 9:
        raise template_error(_CALL_ID, index=index, message=message)
    return value


def _tool_calls(message: dict[str, Any], index: int, space: str, eos_token: str) -> str:
    out = f"[TOOL_CALLS]{space}["
    calls = iterate(attr(message, "tool_calls"))
    for position, call in enumerate(calls):
        out += tojson(attr(call, "function"))[:-1]
        call_id = _call_id(attr(call, "id"), index, message)
        out += text(concat(', "id": "', call_id, '"}'))
        out += ", " if position < len(calls) - 1 else "]" + eos_token
    return out


def _tool_result(message: dict[str, Any], index: int, space: str) -> str:
    content = attr(message, "content")
    if not isinstance(content, Undefined) and not isinstance(attr(content, "content"), Undefined):
        content = attr(content, "content")
    out = f"[TOOL_RESULTS]{space}" + '{"content": ' + text(content) + ", "
    call_id = _call_id(attr(message, "tool_call_id"), index, message)
    return out + text(concat('"call_id": "', call_id, '"}[/TOOL_RESULTS]'))


def render_mistral_v3(
    conversation: Conversation, *, space: str, bos_token: str, eos_token: str, strip_answer: bool
) -> str:
    """Render ``conversation`` as Mistral's v3 templates (v0.3, Nemo) do.

    Args:
        conversation: What to render.
        space: The text after ``[INST]``, ``[AVAILABLE_TOOLS]``, ``[TOOL_CALLS]`` and
            ``[TOOL_RESULTS]`` and before an answer (v0.3: ``" "``; Nemo: ``""``).
        bos_token: The text written first.
        eos_token: The text after an answer and after tool calls.
        strip_answer: Write an answer stripped (v0.3) rather than as it is (Nemo).

    Raises:
        MessageOrderError: User and assistant messages do not alternate (the template's rule).
        TemplateError: The template's other refusals (a tool call id not 9 long, a role other
            than user, assistant and tool) and failures (no messages, content that is not
            text, ...).
    """
    messages = conversation.messages
    offset = 1 if attr(item(conversation.messages, 0), "role") == "system" else 0
    system = attr(messages[0], "content") if offset else Undefined("no system message")
    loop = messages[offset:]
    tools = conversation.tools
    last_user = next((m for m in reversed(loop) if attr(m, "role") == "user"), None)
    _check_alternation(loop, offset)
    out = [bos_token]
    for position, message in enumerate(loop):
        index = position + offset
        role = attr(message, "role")
        if role == "user":
            if tools is not None and message == last_user:
                out.append(_available_tools(tools, space))
            content = attr(message, "content")
            if position == len(loop) - 1 and not isinstance(system, Undefined):
                written = concat(f"[INST]{space}", system, "\n\n", content, "[/INST]")
            else:
                written = concat(f"[INST]{space}", content, "[/INST]")
            out.append(text(written))
        elif not isinstance(attr(message, "tool_calls"), Undefined):
            out.append(_tool_calls(message, index, space, eos_token))
        elif role == "assistant":
            content = attr(message, "content")
            if strip_answer:  # `" " + content | trim + eos_token`
                out.append(space + text(content).strip() + eos_token)
            else:
                out.append(text(concat(content, eos_token)))
        elif role in ("tool", "tool_results"):
            out.append(_tool_result(message, index, space))
        else:
            raise template_error(_ROLES, index=index, message=message)
    return "".join(out)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Mistral 7B v0.3 chat template does.

    Raises:
        MessageOrderError: User and assistant messages do not alternate.
        TemplateError: Where the template otherwise refuses or fails on the conversation.
    """
    return render_mistral_v3(
        conversation, space=" ", bos_token=BOS_TOKEN, eos_token=EOS_TOKEN, strip_answer=True
    )


class MistralV03ChatPrompt(FormatPromptBase):
    """Mistral 7B instruct v0.3 (``mistralai/Mistral-7B-Instruct-v0.3``), byte for byte its
    template: answers stripped, the system text merged into the last message when it is a user
    message, tools, tool calls with 9-character ids and tool results."""

    names: ClassVar[tuple[str, ...]] = NAMES
    output_format: ClassVar[OutputFormat | None] = _output_formats.MISTRAL_V3
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    bos_token: ClassVar[str] = BOS_TOKEN
    eos_token: ClassVar[str] = EOS_TOKEN
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = STOP_STRS
    requester_first: ClassVar[bool] = True
    reference: ClassVar[str] = REFERENCE
    features: ClassVar[frozenset[str]] = FEATURES

    def render_conversation(self, conversation: Conversation) -> str:
        return render(conversation)
