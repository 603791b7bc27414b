"""GLM-4.6: ``[gMASK]<sop>``, ``<|user|>``/``<|assistant|>`` turns, XML-style tool calls."""

from __future__ import annotations

from collections.abc import Mapping
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
from chatprompt.presets._jinja_values import attr, concat, iterate, template_error, text

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

NAMES: tuple[str, ...] = ("glm-4.6", "glm4.6")
MODEL_IDS: tuple[str, ...] = ("zai-org/GLM-4.6", "zai-org/GLM-4.6-FP8")
BOS_TOKEN = ""
EOS_TOKEN = "<|endoftext|>"
STOP_STRS: tuple[str, ...] = ("<|endoftext|>", "<|user|>", "<|observation|>")
REFERENCE = "zai-org/GLM-4.6 chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "enable_thinking", "parts"}
)

_CALL_FORMAT = (
    "<tool_call>{function-name}\n<arg_key>{arg-key-1}</arg_key>\n<arg_value>{arg-value-1}"
    "</arg_value>\n<arg_key>{arg-key-2}</arg_key>\n<arg_value>{arg-value-2}</arg_value>\n...\n"
    "</tool_call>"
)


def _tool_call(tool_call: Any) -> str:
    function = attr(tool_call, "function")
    if function:
        tool_call = function
    out = text(concat("\n<tool_call>", attr(tool_call, "name"))) + "\n"
    arguments = attr(tool_call, "arguments") or {}
    if not isinstance(arguments, Mapping):
        raise template_error(text(concat("Invalid tool call arguments passed: ", text(arguments))))
    for key, value in arguments.items():
        out += f"<arg_key>{text(key)}</arg_key>\n<arg_value>{glm_argument(value)}</arg_value>\n"
    return out + "</tool_call>"


def _assistant(message: Any, after_last_user: bool) -> str:
    content, reasoning = glm_reasoning(message)
    out = "<|assistant|>"
    if after_last_user and reasoning:
        out += "\n<think>" + reasoning.strip() + "</think>"
    else:
        out += "\n<think></think>"
    if content.strip():
        out += "\n" + content.strip()
    tool_calls = attr(message, "tool_calls")
    if tool_calls:
        out += "".join(_tool_call(tool_call) for tool_call in iterate(tool_calls))
    return out


def render(conversation: Conversation) -> str:
    """Render as GLM-4.6's published template does.

    Content may be text or a list of text parts. Reasoning is written for the assistant turns
    after the last user message (an empty ``<think></think>`` elsewhere); tool calls are
    ``<tool_call>name`` with ``<arg_key>``/``<arg_value>`` pairs, so their arguments must be a
    mapping (the template raises otherwise); ``enable_thinking=False`` appends ``/nothink`` to
    user turns and closes the thinking block after the generation prompt.
    """
    messages = conversation.messages
    no_think = var_is_falsy(conversation, "enable_thinking")
    out = glm_header(conversation, _CALL_FORMAT)
    last_user = last_user_index(messages)
    for index, message in enumerate(messages):
        role = attr(message, "role")
        content = attr(message, "content")
        if role == "user":
            shown = visible_text(content)
            out += "<|user|>\n" + shown
            if no_think and not shown.endswith("/nothink"):
                out += "/nothink"
        elif role == "assistant":
            out += _assistant(message, index > last_user)
        elif role == "tool":
            out += glm_tool_turn(messages, index, "\n<tool_response>\n", "\n</tool_response>")
        elif role == "system":
            out += "<|system|>\n" + visible_text(content)
    if conversation.add_generation_prompt:
        out += "<|assistant|>" + ("\n<think></think>" if no_think else "")
    return out


class GLM46ChatPrompt(FormatModulePrompt):
    """GLM-4.6, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GLM4
