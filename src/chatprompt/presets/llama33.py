"""Llama 3.3 instruct: Meta's published chat template with tools, builtin tools and dates.

The published template is byte for byte Llama 3.1's: ``Today Date`` defaults to the fixed
``26 Jul 2024``, and ``builtin_tools`` is known (see :func:`render_llama3`).
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._llama3 import published_date, render_llama3

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

NAMES: tuple[str, ...] = ("llama-3.3", "llama3.3")
MODEL_IDS: tuple[str, ...] = ("meta-llama/Llama-3.3-70B-Instruct",)
BOS_TOKEN = "<|begin_of_text|>"
EOS_TOKEN = "<|eot_id|>"
STOP_STRS: tuple[str, ...] = ("<|eot_id|>", "<|eom_id|>", "<|end_of_text|>")
REFERENCE = "meta-llama/Llama-3.3-70B-Instruct chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "date", "builtin_tools", "custom_tools"}
)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Llama 3.3 chat template does.

    Raises:
        TemplateError: Where the template refuses the conversation (tools but no first user
            message, more than one tool call in a message, ...).
    """
    return render_llama3(
        conversation, bos_token=BOS_TOKEN, default_date=published_date, builtin_tools=True
    )


class Llama33ChatPrompt(FormatModulePrompt):
    """Llama 3.3 Instruct, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.LLAMA3
