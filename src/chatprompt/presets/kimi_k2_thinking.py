"""Kimi K2 Thinking: Moonshot AI's published chat template.

Like Kimi K2 Instruct with these differences: tools are declared as compact JSON; the default
system message is Kimi's own; a message's ``name`` replaces its role in the header; a tool call
is written under its own ``id`` with its arguments as given (text as is, anything else as
JSON); a tool result is followed by a real newline. Every assistant message opens with
``<think>...</think>``: empty up to the last assistant message without tool calls, and after it
holding the message's ``reasoning_content``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import item, iterate, text, tojson
from chatprompt.presets.kimi_k2 import GENERATION_PROMPT, parts_text

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

NAMES: tuple[str, ...] = ("kimi-k2-thinking",)
MODEL_IDS: tuple[str, ...] = ("moonshotai/Kimi-K2-Thinking",)
BOS_TOKEN = "[BOS]"
EOS_TOKEN = "[EOS]"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "[EOS]")
REFERENCE = "moonshotai/Kimi-K2-Thinking chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "parts", "images"}
)

_DEFAULT_SYSTEM = (
    "<|im_system|>system<|im_middle|>You are Kimi, an AI assistant created by Moonshot AI."
    "<|im_end|>"
)


def _content(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    return "" if content is None else parts_text(content)


def _header(message: dict[str, Any]) -> str:
    role = item(message, "role")
    name = text(message.get("name") or role)
    if role == "user":
        return f"<|im_user|>{name}<|im_middle|>"
    if role == "assistant":
        return f"<|im_assistant|>{name}<|im_middle|>"
    return f"<|im_system|>{name}<|im_middle|>"


def _tool_calls(calls: Any) -> str:
    out = ["<|tool_calls_section_begin|>"]
    for call in iterate(calls):
        arguments = item(item(call, "function"), "arguments")
        written = arguments if isinstance(arguments, str) else tojson(arguments)
        call_id = text(item(call, "id"))
        out.append(f"<|tool_call_begin|>{call_id}<|tool_call_argument_begin|>{written}")
        out.append("<|tool_call_end|>")
    out.append("<|tool_calls_section_end|>")
    return "".join(out)


def _message(message: dict[str, Any], keeps_reasoning: bool) -> str:
    out = [_header(message)]
    role = message.get("role")
    if role == "assistant":
        reasoning = text(message.get("reasoning_content", "")) if keeps_reasoning else ""
        out += ["<think>", reasoning, "</think>", _content(message)]
        if message.get("tool_calls"):
            out.append(_tool_calls(message["tool_calls"]))
    elif role == "tool":
        out.append(f"## Return of {text(item(message, 'tool_call_id'))}\n{_content(message)}")
    elif item(message, "content") is not None:
        out.append(_content(message))
    out.append("<|im_end|>")
    return "".join(out)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Kimi K2 Thinking chat template does.

    Raises:
        TemplateError: A tool call has no function or its arguments are missing, or a content
            cannot be read as the template reads it.
    """
    messages = conversation.messages
    last_answer = next(
        (
            index
            for index in range(len(messages) - 1, -1, -1)
            if messages[index].get("role") == "assistant" and not messages[index].get("tool_calls")
        ),
        -1,
    )
    out = []
    if conversation.tools:
        tools = tojson(conversation.tools, separators=(",", ":"))
        out.append(f"<|im_system|>tool_declare<|im_middle|>{tools}<|im_end|>")
    if not messages or messages[0].get("role") != "system":
        out.append(_DEFAULT_SYSTEM)
    out += [_message(message, index > last_answer) for index, message in enumerate(messages)]
    if conversation.add_generation_prompt:
        out.append(GENERATION_PROMPT)
    return "".join(out)


class KimiK2ThinkingChatPrompt(FormatModulePrompt):
    """Kimi K2 Thinking, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.KIMI_K2_THINKING
