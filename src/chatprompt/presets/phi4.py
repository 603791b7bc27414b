"""Phi-4: Microsoft's published chat template (``<|im_start|>role<|im_sep|>text<|im_end|>``).

System, user and assistant messages are written as they are (not stripped); the template writes
no other role, and no tool calls or reasoning: those are left out, as the template leaves them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import concat, item, text

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "render",
    "turn",
]

NAMES: tuple[str, ...] = ("phi-4", "phi4")
MODEL_IDS: tuple[str, ...] = ("microsoft/phi-4",)
BOS_TOKEN = "<|endoftext|>"
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "microsoft/phi-4 chat template"
FEATURES: frozenset[str] = frozenset()

GENERATION_PROMPT = "<|im_start|>assistant<|im_sep|>"


def turn(role: str, message: dict[str, Any]) -> str:
    """``<|im_start|>{role}<|im_sep|>{content}<|im_end|>``.

    Raises:
        TemplateError: The content is not text.
    """
    return text(concat(f"<|im_start|>{role}<|im_sep|>", item(message, "content"), "<|im_end|>"))


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Phi-4 chat template does.

    Raises:
        TemplateError: A system, user or assistant message's content is not text.
    """
    out = [
        turn(message["role"], message)
        for message in conversation.messages
        if message.get("role") in ("system", "user", "assistant")
    ]
    if conversation.add_generation_prompt:
        out.append(GENERATION_PROMPT)
    return "".join(out)


class Phi4ChatPrompt(FormatModulePrompt):
    """Phi-4, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = None
