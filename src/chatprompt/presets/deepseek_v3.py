"""DeepSeek-V3: DeepSeek's published chat template (V3 and V3-Base).

System messages come first, joined by a blank line. An assistant message with content ``None``
writes its tool calls (arguments as JSON text); one with content writes that content (its tool
calls are not written, as the template leaves them out). ``tools`` are not written (the
template does not read them).
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._deepseek import BOS_TOKEN, EOS_TOKEN, Layout, render_deepseek, token
from chatprompt.presets._format_module import FormatModulePrompt

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "LAYOUT",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "render",
]

NAMES: tuple[str, ...] = ("deepseek-v3",)
MODEL_IDS: tuple[str, ...] = ("deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3-Base")
STOP_STRS: tuple[str, ...] = (EOS_TOKEN,)
REFERENCE = "deepseek-ai/DeepSeek-V3-Base chat template"
FEATURES: frozenset[str] = frozenset({"tool_calls", "tool_results"})
LAYOUT = Layout(
    joins_system_messages=True,
    calls_by_key=False,
    splits_think=False,
    output_separator="\n",
    generation_prompt=token("Assistant"),
)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the published template does.

    Raises:
        TemplateError: A content, tool call type, name or arguments is not text where the
            template joins it, or a field the template reads is missing.
    """
    return render_deepseek(conversation, LAYOUT)


class DeepSeekV3ChatPrompt(FormatModulePrompt):
    """DeepSeek-V3, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.DEEPSEEK_V3
