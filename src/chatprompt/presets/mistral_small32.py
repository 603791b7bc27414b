"""Mistral Small 3.2: ``[SYSTEM_PROMPT]``, ``[AVAILABLE_TOOLS]``, ``[TOOL_CALLS]``, as its
published chat template writes them.

The system prompt is always written: the caller's first system message, or Mistral's default one
carrying today's date (``strftime_now``). The tools are written as JSON before the last user
message. A tool call is ``[TOOL_CALLS]name[CALL_ID]id[ARGS]arguments-as-JSON`` (a string argument
is written as a JSON string) and needs a 9-character id, as does a tool result. User and
assistant content may be a list of text and image parts (an image is ``[IMG]``). As in the
template, only the first part of a list-valued system message is written, and
``add_generation_prompt`` changes nothing (a prompt ends with ``[/INST]``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets import _jinja_values
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    attr,
    is_defined,
    item,
    iterate,
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

NAMES: tuple[str, ...] = ("mistral-small-3.2",)
MODEL_IDS: tuple[str, ...] = ("mistralai/Mistral-Small-3.2-24B-Instruct-2506",)
BOS_TOKEN = "<s>"
EOS_TOKEN = "</s>"
STOP_STRS: tuple[str, ...] = ("</s>",)
REFERENCE = "mistralai/Mistral-Small-3.2-24B-Instruct-2506 chat template"
FEATURES = frozenset({"tools", "tool_calls", "tool_results", "parts", "images", "date"})

_ALTERNATE = (
    "After the optional system message, conversation roles must alternate "
    "user/assistant/user/assistant/..."
)
_CALL_ID = "Tool call IDs should be alphanumeric strings with length 9!"
_ROLES = "Only system, user, assistant, and tool roles are supported!"
_USER_BLOCKS = "Only text and image blocks are supported in message content!"
_ASSISTANT_BLOCKS = "Only text and image blocks are supported in assistant content!"

_DEFAULT_SYSTEM = (
    "You are Mistral Small 3, a Large Language Model (LLM) created by Mistral AI, a French "
    "startup headquartered in Paris.\nYour knowledge base was last updated on 2023-10-01. The "
    "current date is {today}.\n\nWhen you're not sure about some information or when the user's "
    "request requires up-to-date or specific data, you must use the available tools to fetch the "
    "information. Do not hesitate to use tools whenever they can provide a more accurate or "
    "complete response. If no relevant tools are available, then clearly state that you don't "
    "have the information and avoid making up anything.\n\nIf the user's question is not clear, "
    "ambiguous, or does not provide enough context for you to accurately answer the question, you "
    "do not try to answer it right away and you rather ask the user to clarify their request "
    '(e.g. "What are some good restaurants around me?" => "Where are you?" or "When is the next '
    'flight to Tokyo" => "Where do you travel from?").\nYou are always very attentive to dates, '
    "and when asked about information at specific dates, you discard information that is at "
    "another date.\nYou follow these instructions in all languages, and always respond to the "
    "user in the language they use or request.\nNext sections describe the capabilities that you "
    "have.\n\n# WEB BROWSING INSTRUCTIONS\n\nYou cannot perform any web search or access internet "
    "to open URLs, links etc. If it seems like the user is expecting you to do so, you clarify "
    "the situation and ask the user to copy paste the text directly in the chat.\n\n# MULTI-MODAL "
    "INSTRUCTIONS\n\nYou have the ability to read images, but you cannot generate images. You "
    "also cannot transcribe audio files or videos.\nYou cannot read nor transcribe audio files or "
    "videos.\n\n# TOOL CALLING INSTRUCTIONS\n\nYou may have access to tools that you can use to "
    "fetch information or perform actions. You must use these tools in the following "
    "situations:\n\n1. When the request requires up-to-date information.\n2. When the request "
    "requires specific data that you do not have in your knowledge base.\n3. When the request "
    "involves actions that you cannot perform without tools.\n\nAlways prioritize using tools to "
    "provide the most accurate and helpful response. If tools are not available, inform the user "
    "that you cannot perform the requested action at the moment."
)


def _system_content(message: dict[str, Any], where: str) -> Any:
    """What the template reads as a system message's text (undefined until written)."""
    content = attr(message, "content")
    if not isinstance(content, str):
        content = item(item(content, 0, f"{where} content"), "text", f"{where} content[0]")
    return content


def _system_turn(content: Any, where: str) -> str:
    return "[SYSTEM_PROMPT]" + operand(content, f"{where} content") + "[/SYSTEM_PROMPT]"


def _blocks(message: dict[str, Any], index: int, rule: str) -> str:
    pieces = []
    for block in iterate(attr(message, "content"), f"message {index} content"):
        kind = item(block, "type")
        if kind == "text":
            pieces.append(text(item(block, "text")))
        elif kind in ("image", "image_url"):
            pieces.append("[IMG]")
        else:
            raise template_error(rule, index=index, message=message)
    return "".join(pieces)


def _check_id(value: Any, index: int, message: dict[str, Any]) -> str:
    if not (isinstance(value, str) and len(value) == 9):
        raise template_error(_CALL_ID, index=index, message=message)
    return value


def _tool_calls(message: dict[str, Any], index: int) -> str:
    pieces = []
    where = f"message {index} tool call"
    for call in iterate(message["tool_calls"], f"message {index} tool_calls"):
        name = operand(attr(attr(call, "function", where), "name", f"{where} function"), where)
        call_id = _check_id(attr(call, "id"), index, message)
        arguments = item(item(call, "function"), "arguments", f"{where} function")
        pieces.append(
            f"[TOOL_CALLS]{name}[CALL_ID]{call_id}[ARGS]" + tojson(arguments, f"{where} arguments")
        )
    return "".join(pieces)


def _check_alternation(messages: tuple[dict[str, Any], ...], offset: int) -> None:
    position = 0
    for index in range(offset, len(messages)):
        message = messages[index]
        if message.get("role") == "tool" or message.get("tool_calls"):
            continue
        if (message.get("role") == "user") != (position % 2 == 0):
            raise template_error(_ALTERNATE, index=index, message=message)
        position += 1


def _tool_result(message: dict[str, Any], index: int) -> str:
    content = attr(message, "content")
    if is_defined(content) and is_defined(attr(content, "content")):
        content = content["content"]
    call_id = _check_id(attr(message, "tool_call_id"), index, message)
    return f"[TOOL_RESULTS]{call_id}[TOOL_CONTENT]{text(content)}[/TOOL_RESULTS]"


def render(conversation: Conversation) -> str:
    """The prompt Mistral Small 3.2's chat template writes for ``conversation``.

    Raises:
        TemplateError: where the template raises: roles that do not alternate user/assistant
            after the system message (tool calls and results aside), a tool call or result id
            that is not a 9-character string, an unknown role, a part that is neither text nor
            image, or a value the template cannot write.
    """
    messages = conversation.messages
    offset = 0
    if messages and messages[0].get("role") == "system":
        system = _system_content(messages[0], "message 0")
        offset = 1
    else:
        system = _DEFAULT_SYSTEM.format(today=_jinja_values.strftime_now("%Y-%m-%d"))
    _check_alternation(messages, offset)  # before the system text is written (and may fail)
    system = _system_turn(system, "message 0")
    users = [message for message in messages[offset:] if message.get("role") == "user"]
    pieces = [BOS_TOKEN, system]
    for index in range(offset, len(messages)):
        message = messages[index]
        role = message.get("role")
        if role == "system":
            where = f"message {index}"
            pieces.append(_system_turn(_system_content(message, where), where))
        elif role == "user":
            if conversation.tools is not None and message == users[-1]:
                tools = tojson(list(conversation.tools))
                pieces.append(f"[AVAILABLE_TOOLS]{tools}[/AVAILABLE_TOOLS]")
            content = attr(message, "content")
            if not isinstance(content, str):
                content = _blocks(message, index, _USER_BLOCKS)
            pieces.append(f"[INST]{content}[/INST]")
        elif role == "assistant":
            if message.get("tool_calls"):
                pieces.append(_tool_calls(message, index))
            elif isinstance(message.get("content"), str):
                pieces.append(message["content"])
            else:
                pieces.append(_blocks(message, index, _ASSISTANT_BLOCKS))
            pieces.append(EOS_TOKEN)
        elif role in ("tool_results", "tool"):
            pieces.append(_tool_result(message, index))
        else:
            raise template_error(_ROLES, index=index, message=message)
    return "".join(pieces)


class MistralSmall32ChatPrompt(FormatModulePrompt):
    """Mistral Small 3.2, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.MISTRAL_V11
