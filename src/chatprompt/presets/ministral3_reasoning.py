"""Ministral 3 Reasoning: ``[SYSTEM_PROMPT]``, ``[THINK]`` chunks, ``[TOOL_CALLS]name[ARGS]``, as
its published chat template writes them.

Without a system message the default one (how to think inside ``[THINK]...[/THINK]``) is
written. Tools are written once, as JSON, after the system prompt. Reasoning is written only
where the caller gives it as a ``thinking`` chunk in a system or assistant message's content;
a message's ``reasoning_content`` is dropped, as the template drops it. A user message's content
may be text and image parts (two parts are written sorted by type, as the template sorts them,
so an image comes before the text). As in the template, ``add_generation_prompt`` changes
nothing (a prompt ends with ``[/INST]``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    is_defined,
    item,
    iterate,
    length,
    operand,
    sort_by,
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

NAMES: tuple[str, ...] = ("ministral-3-reasoning",)
MODEL_IDS: tuple[str, ...] = ("mistralai/Ministral-3-14B-Reasoning-2512",)
BOS_TOKEN = "<s>"
EOS_TOKEN = "</s>"
STOP_STRS: tuple[str, ...] = ("</s>",)
REFERENCE = "mistralai/Ministral-3-14B-Reasoning-2512 chat template"
FEATURES = frozenset({"tools", "tool_calls", "tool_results", "reasoning", "parts", "images"})

_DEFAULT_SYSTEM = (
    "# HOW YOU SHOULD THINK AND ANSWER\n\nFirst draft your thinking process (inner monologue) "
    "until you arrive at a response. Format your response using Markdown, and use LaTeX for any "
    "mathematical equations. Write both your thoughts and the response in the same language as "
    "the input.\n\nYour thinking process must follow the template below:[THINK]Your thoughts "
    "or/and draft, like working through an exercise on scratch paper. Be as casual and as long "
    "as you want until you are confident to generate the response to the user.[/THINK]Here, "
    "provide a self-contained response."
)
_ALTERNATE = (
    "After the optional system message, conversation roles must alternate user and assistant "
    "roles except for tool calls and results."
)
_SYSTEM_CHUNKS = "Only text and thinking chunks are supported in system message contents."
_ASSISTANT_CHUNKS = "Only text and thinking chunks are supported in assistant message contents."
_USER_CHUNKS = "Only text, image and image_url chunks are supported in user message content."
_USER_CONTENT = "User message must have a string or a list of chunks in content"
_ASSISTANT_CONTENT = (
    "Assistant message must have a string or a list of chunks in content or a list of tool calls."
)
_ROLES = "Only user, assistant and tool roles are supported, got "


def _chunks(blocks: Any, message: dict[str, Any], index: int, rule: str) -> str:
    """Text, ``[THINK]`` and (for users) ``[IMG]`` chunks; any other kind raises ``rule``."""
    pieces = []
    for block in iterate(blocks, f"message {index} content"):
        kind = item(block, "type")
        if kind == "text":
            pieces.append(text(item(block, "text")))
        elif rule == _USER_CHUNKS and kind in ("image", "image_url"):
            pieces.append("[IMG]")
        elif rule != _USER_CHUNKS and kind == "thinking":
            thinking = operand(item(block, "thinking"), f"message {index} thinking chunk")
            pieces.append(f"[THINK]{thinking}[/THINK]")
        else:
            raise template_error(rule, index=index, message=message)
    return "".join(pieces)


def _user(message: dict[str, Any], index: int) -> str:
    content = attr(message, "content")
    if isinstance(content, str):
        return f"[INST]{content}[/INST]"
    size = length(content, f"message {index} content")
    if size <= 0:
        raise template_error(_USER_CONTENT, index=index, message=message)
    blocks = sort_by(content, "type", f"message {index} content") if size == 2 else content
    return "[INST]" + _chunks(blocks, message, index, _USER_CHUNKS) + "[/INST]"


def _has_calls(calls: Any, where: str) -> bool:
    return is_defined(calls) and calls is not None and length(calls, where) > 0


def _assistant(message: dict[str, Any], index: int) -> str:
    where = f"message {index}"
    content = attr(message, "content")
    calls = attr(message, "tool_calls")
    empty = content is None or content == "" or length(content, f"{where} content") == 0
    if empty and not _has_calls(calls, f"{where} tool_calls"):
        raise template_error(_ASSISTANT_CONTENT, index=index, message=message)
    pieces = []
    if isinstance(content, str) and content != "":
        pieces.append(content)
    elif length(content, f"{where} content") > 0:
        pieces.append(_chunks(content, message, index, _ASSISTANT_CHUNKS))
    if _has_calls(calls, f"{where} tool_calls"):
        for call in iterate(calls, f"{where} tool_calls"):
            function = item(call, "function")
            name = item(function, "name", f"{where} tool call function")
            arguments = item(function, "arguments", f"{where} tool call function")
            if not isinstance(arguments, str):
                arguments = tojson(arguments, f"{where} tool call arguments")
            elif arguments == "":
                arguments = "{}"
            pieces.append("[TOOL_CALLS]" + operand(name, f"{where} tool call name") + "[ARGS]")
            pieces.append(arguments)
    pieces.append(EOS_TOKEN)
    return "".join(pieces)


def _check_alternation(messages: tuple[dict[str, Any], ...], offset: int) -> None:
    position = 0
    for index in range(offset, len(messages)):
        message = messages[index]
        role = message.get("role")
        calls = attr(message, "tool_calls")
        if role == "user" or (
            role == "assistant" and not _has_calls(calls, f"message {index} tool_calls")
        ):
            if (role == "user") != (position % 2 == 0):
                raise template_error(_ALTERNATE, index=index, message=message)
            position += 1


def render(conversation: Conversation) -> str:
    """The prompt Ministral 3 Reasoning's chat template writes for ``conversation``.

    Raises:
        TemplateError: where the template raises: user and assistant turns that do not
            alternate (tool calls and results aside), an empty user message or assistant
            message without tool calls, a chunk kind the role does not take, a role other than
            user / assistant / tool after the first message, or a value the template cannot
            write.
    """
    messages = conversation.messages
    if not messages:
        Undefined(messages, 0).fail()  # the template reads messages[0]
    pieces = [BOS_TOKEN]
    first = messages[0]
    if first.get("role") == "system":
        content = attr(first, "content")
        if not isinstance(content, str):
            content = _chunks(content, first, 0, _SYSTEM_CHUNKS)
        pieces.append(f"[SYSTEM_PROMPT]{content}[/SYSTEM_PROMPT]")
        offset = 1
    else:
        pieces.append(f"[SYSTEM_PROMPT]{_DEFAULT_SYSTEM}[/SYSTEM_PROMPT]")
        offset = 0
    tools = conversation.tools
    if tools:
        pieces.append(f"[AVAILABLE_TOOLS]{tojson(list(tools))}[/AVAILABLE_TOOLS]")
    _check_alternation(messages, offset)
    for index in range(offset, len(messages)):
        message = messages[index]
        role = attr(message, "role")
        if role == "user":
            pieces.append(_user(message, index))
        elif role == "assistant":
            pieces.append(_assistant(message, index))
        elif role == "tool":
            result = text(attr(message, "content"))
            pieces.append(f"[TOOL_RESULTS]{result}[/TOOL_RESULTS]")
        else:
            got = operand(role, f"message {index} role")
            raise template_error(f"{_ROLES}{got}.", index=index, message=message)
    return "".join(pieces)


class Ministral3ReasoningChatPrompt(FormatModulePrompt):
    """Ministral 3 reasoning, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.MINISTRAL_REASONING
