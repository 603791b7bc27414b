"""Kimi K2 Instruct: Moonshot AI's published chat template (the original 2025-07 release).

``<|im_system|>tool_declare<|im_middle|>{tools as JSON}<|im_end|>`` when there are tools, a
default system message when the first message is not one, then every message as
``<|im_{kind}|>{role}<|im_middle|>...<|im_end|>``. Tool calls are numbered
``functions.{name}:{index}`` with their arguments as JSON (a string argument is written as a
JSON string); a tool result is written as ``## Return of {tool_call_id}\\n{content}`` with a
literal backslash-n, as the template has it. An image part is written as a media placeholder
followed by a newline.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    concat,
    contains,
    item,
    iterate,
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
    "parts_text",
    "render",
]

NAMES: tuple[str, ...] = ("kimi-k2", "kimi-k2-instruct")
MODEL_IDS: tuple[str, ...] = ("moonshotai/Kimi-K2-Instruct",)
BOS_TOKEN = "[BOS]"
EOS_TOKEN = "[EOS]"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "[EOS]")
REFERENCE = "moonshotai/Kimi-K2-Instruct chat template (2025-07 release)"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results", "parts", "images"})

_HEADERS = {
    "system": "<|im_system|>system<|im_middle|>",
    "user": "<|im_user|>user<|im_middle|>",
    "assistant": "<|im_assistant|>assistant<|im_middle|>",
    "tool": "<|im_system|>tool<|im_middle|>",
}
_MEDIA = "<|media_start|>image<|media_content|><|media_pad|><|media_end|>\n"
GENERATION_PROMPT = _HEADERS["assistant"]


def parts_text(content: Any) -> str:
    """A list of content parts as Kimi's templates write it (images as placeholders)."""
    out = []
    for part in iterate(content):
        is_image = (
            item(part, "type") == "image" or contains("image", part) or contains("image_url", part)
        )
        out.append(_MEDIA if is_image else text(item(part, "text")))
    return "".join(out)


def _tool_calls(calls: Any) -> str:
    out = ["<|tool_calls_section_begin|>"]
    for index, call in enumerate(iterate(calls)):
        function = item(call, "function")
        call_id = concat("functions.", item(function, "name"), ":", str(index))
        arguments = tojson(item(function, "arguments"))
        out.append(f"<|tool_call_begin|>{call_id}<|tool_call_argument_begin|>{arguments}")
        out.append("<|tool_call_end|>")
    out.append("<|tool_calls_section_end|>")
    return "".join(out)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Kimi K2 Instruct chat template does.

    Raises:
        TemplateError: A tool call has no function name or arguments, or a content cannot be
            read as the template reads it.
    """
    messages = conversation.messages
    out = []
    if conversation.tools:
        out.append(f"<|im_system|>tool_declare<|im_middle|>{tojson(conversation.tools)}<|im_end|>")
    if messages and messages[0].get("role") != "system":
        out.append(_HEADERS["system"] + "You are a helpful assistant<|im_end|>")
    for message in messages:
        role = message.get("role")
        out.append(_HEADERS.get(role, "") if isinstance(role, str) else "")
        content = item(message, "content")
        if role == "assistant" and message.get("tool_calls"):
            if content:
                out.append(text(content))
            out.append(_tool_calls(message["tool_calls"]))
        elif role == "tool":
            out.append(f"## Return of {text(item(message, 'tool_call_id'))}\\n{text(content)}")
        elif isinstance(content, str):
            out.append(content)
        elif content is not None:
            out.append(parts_text(content))
        out.append("<|im_end|>")
    if conversation.add_generation_prompt:
        out.append(GENERATION_PROMPT)
    return "".join(out)


class KimiK2ChatPrompt(FormatModulePrompt):
    """Kimi K2 Instruct, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.KIMI_K2
