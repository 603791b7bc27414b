"""Phi-4-mini-instruct: Microsoft's published chat template (``<|role|>text<|end|>``).

Every message is written as ``<|{role}|>{content}<|end|>``, content unstripped, whatever the
role. Tools are not read from ``tools=``: a system message carries them as text in its own
``tools`` field, written between ``<|tool|>`` and ``<|/tool|>``. Without a generation prompt the
prompt ends with the end-of-text token. Tool calls and reasoning are not written (the template
leaves them out).
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import concat, item

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

NAMES: tuple[str, ...] = ("phi-4-mini", "phi4-mini")
MODEL_IDS: tuple[str, ...] = ("microsoft/Phi-4-mini-instruct",)
BOS_TOKEN = "<|endoftext|>"
EOS_TOKEN = "<|endoftext|>"
STOP_STRS: tuple[str, ...] = ("<|end|>", "<|endoftext|>")
REFERENCE = "microsoft/Phi-4-mini-instruct chat template"
FEATURES: frozenset[str] = frozenset({"system_tools"})


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Phi-4-mini-instruct chat template does.

    Raises:
        TemplateError: A role, content or system ``tools`` value is not text.
    """
    out = []
    for message in conversation.messages:
        role = item(message, "role")
        opening = concat("<|", role, "|>", item(message, "content"))
        tools = message.get("tools")
        if role == "system" and tools is not None:
            out.append(concat(opening, "<|tool|>", tools, "<|/tool|>", "<|end|>"))
        else:
            out.append(opening + "<|end|>")
    out.append("<|assistant|>" if conversation.add_generation_prompt else EOS_TOKEN)
    return "".join(out)


class Phi4MiniChatPrompt(FormatModulePrompt):
    """Phi-4-mini-instruct, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.PHI4_MINI
