"""DeepSeek-R1: DeepSeek's published chat template (the revision that opens the answer with
``<think>\\n``).

System messages come first, joined by a blank line. An assistant message's content is cut to
what follows its last ``</think>`` (earlier reasoning is not written back); one with
``tool_calls`` writes its content then its calls, whose arguments must be JSON text. ``tools``
are not written (the template does not read them).
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

NAMES: tuple[str, ...] = ("deepseek-r1",)
MODEL_IDS: tuple[str, ...] = ("deepseek-ai/DeepSeek-R1",)
STOP_STRS: tuple[str, ...] = (EOS_TOKEN,)
REFERENCE = "deepseek-ai/DeepSeek-R1 chat template"
FEATURES: frozenset[str] = frozenset({"tool_calls", "tool_results", "reasoning"})
LAYOUT = Layout(
    joins_system_messages=True,
    calls_by_key=True,
    splits_think=True,
    output_separator="",
    generation_prompt=token("Assistant") + "<think>\n",
)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the published template does.

    Raises:
        TemplateError: A content, tool call type, name or arguments is not text where the
            template joins it, or a field the template reads is missing.
    """
    return render_deepseek(conversation, LAYOUT)


class DeepSeekR1ChatPrompt(FormatModulePrompt):
    """DeepSeek-R1, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.DEEPSEEK_R1
