"""GLM-4.7-Flash: GLM's ``<|user|>``/``<|assistant|>`` turns, compact XML-style tool calls."""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._glm import (
    glm_argument,
    glm_header,
    glm_reasoning,
    glm_tool_turn,
    last_user_index,
    var_is_falsy,
    visible_text,
)
from chatprompt.presets._jinja_values import attr, concat, iterate, method, text

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

NAMES: tuple[str, ...] = ("glm-4.7-flash", "glm4.7-flash")
MODEL_IDS: tuple[str, ...] = ("zai-org/GLM-4.7-Flash",)
BOS_TOKEN = ""
EOS_TOKEN = "<|endoftext|>"
STOP_STRS: tuple[str, ...] = ("<|endoftext|>", "<|user|>", "<|observation|>")
REFERENCE = "zai-org/GLM-4.7-Flash chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "enable_thinking", "parts"}
)

_CALL_FORMAT = (
    "<tool_call>{function-name}<arg_key>{arg-key-1}</arg_key><arg_value>{arg-value-1}"
    "</arg_value><arg_key>{arg-key-2}</arg_key><arg_value>{arg-value-2}</arg_value>..."
    "</tool_call>"
)


def _tool_call(tool_call: Any) -> str:
    function = attr(tool_call, "function")
    if function:
        tool_call = function
    out = text(concat("<tool_call>", attr(tool_call, "name")))
    for key, value in method(attr(tool_call, "arguments"), "items"):
        out += f"<arg_key>{text(key)}</arg_key><arg_value>{glm_argument(value)}</arg_value>"
    return out + "</tool_call>"


def _assistant(message: Any, keeps_reasoning: bool) -> str:
    content, reasoning = glm_reasoning(message)
    out = "<|assistant|>"
    if keeps_reasoning and reasoning:
        out += "<think>" + reasoning.strip() + "</think>"
    else:
        out += "</think>"
    out += content.strip()
    tool_calls = attr(message, "tool_calls")
    if tool_calls:
        out += "".join(_tool_call(tool_call) for tool_call in iterate(tool_calls))
    return out


def render(conversation: Conversation) -> str:
    """Render as GLM-4.7-Flash's published template does.

    Like GLM-4.6 without newlines between the parts of a turn: a turn without kept reasoning
    starts ``</think>``; reasoning is kept after the last user message, or everywhere with
    ``clear_thinking=False``; tool-call arguments must be a mapping. The generation prompt
    opens ``<think>``, or closes it with ``enable_thinking=False``.
    """
    messages = conversation.messages
    keep_all = var_is_falsy(conversation, "clear_thinking")
    out = glm_header(conversation, _CALL_FORMAT)
    last_user = last_user_index(messages)
    for index, message in enumerate(messages):
        role = attr(message, "role")
        content = attr(message, "content")
        if role == "user":
            out += "<|user|>" + visible_text(content)
        elif role == "assistant":
            out += _assistant(message, keep_all or index > last_user)
        elif role == "tool":
            out += glm_tool_turn(messages, index, "<tool_response>", "</tool_response>")
        elif role == "system":
            out += "<|system|>" + visible_text(content)
    if conversation.add_generation_prompt:
        thinking_off = var_is_falsy(conversation, "enable_thinking")
        out += "<|assistant|>" + ("</think>" if thinking_off else "<think>")
    return out


class GLM47FlashChatPrompt(FormatModulePrompt):
    """GLM-4.7-Flash, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GLM4
