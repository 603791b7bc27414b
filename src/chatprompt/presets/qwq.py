"""QwQ-32B, Qwen's reasoning model: ChatML, ``<tool_call>`` JSON, the answer opens ``<think>``."""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import attr, concat, item, iterate, method, text
from chatprompt.presets._qwen import qwen_tool_call, qwen_tools_list, tool_response_turn

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

NAMES: tuple[str, ...] = ("qwq", "qwq-32b")
MODEL_IDS: tuple[str, ...] = ("Qwen/QwQ-32B",)
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "Qwen/QwQ-32B chat template"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results", "reasoning"})


def _answer(message: Any, is_last: bool) -> Any:
    """The assistant's text; before the last message only what follows ``</think>``."""
    if is_last:
        return attr(message, "content")
    return method(method(attr(message, "content"), "split", "</think>")[-1], "lstrip", "\n")


def render(conversation: Conversation) -> str:
    """Render as QwQ-32B's published template does.

    Earlier assistant turns keep only the text after ``</think>``; tool-call arguments are
    always written as JSON (a string argument becomes a JSON string); the generation prompt
    opens a ``<think>`` block.
    """
    messages = conversation.messages
    first = item(conversation.messages, 0)
    out = ""
    if conversation.tools:
        out += "<|im_start|>system\n"
        if attr(first, "role") == "system":
            out += text(attr(first, "content"))
        out += "\n\n" + qwen_tools_list(conversation.tools)
    elif attr(first, "role") == "system":
        out += text(concat("<|im_start|>system\n", attr(first, "content"), "<|im_end|>\n"))
    last = len(messages) - 1
    for index, message in enumerate(messages):
        role = attr(message, "role")
        if role == "user" or (role == "system" and index):
            out += text(
                concat("<|im_start|>", role, "\n", attr(message, "content"), "<|im_end|>", "\n")
            )
        elif role == "assistant" and not attr(message, "tool_calls"):
            content = _answer(message, index == last)
            out += text(concat("<|im_start|>", role, "\n", content, "<|im_end|>", "\n"))
        elif role == "assistant":
            content = _answer(message, index == last)
            out += "<|im_start|>" + role
            if attr(message, "content"):
                out += text(concat("\n", content))
            for tool_call in iterate(attr(message, "tool_calls")):
                out += "\n" + qwen_tool_call(tool_call, unwrap_if_defined=True, json_always=True)
            out += "<|im_end|>\n"
        elif role == "tool":
            out += tool_response_turn(messages, index, attr(message, "content"))
    if conversation.add_generation_prompt:
        out += "<|im_start|>assistant\n<think>\n"
    return out


class QwQChatPrompt(FormatModulePrompt):
    """QwQ-32B, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.QWQ
