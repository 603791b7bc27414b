"""DeepSeek-R1-Distill-Llama: DeepSeek's published chat template for the Llama distills.

The last system message's content comes first. An assistant message with content ``None``
writes its tool calls (arguments as JSON text); one with content writes that content cut to
what follows its last ``</think>`` (its tool calls are not written, as the template leaves them
out). ``tools`` are not written (the template does not read them).
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

NAMES: tuple[str, ...] = ("deepseek-r1-distill-llama",)
MODEL_IDS: tuple[str, ...] = (
    "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
    "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
)
STOP_STRS: tuple[str, ...] = (EOS_TOKEN,)
REFERENCE = "deepseek-ai/DeepSeek-R1-Distill-Llama-8B chat template"
FEATURES: frozenset[str] = frozenset({"tool_calls", "tool_results", "reasoning"})
LAYOUT = Layout(
    joins_system_messages=False,
    calls_by_key=False,
    splits_think=True,
    output_separator="\n",
    generation_prompt=token("Assistant") + "<think>\n",
)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the published template does.

    Raises:
        TemplateError: A content, tool call type, name or arguments is not text where the
            template joins it, or a field the template reads is missing.
    """
    return render_deepseek(conversation, LAYOUT)


class DeepSeekR1DistillLlamaChatPrompt(FormatModulePrompt):
    """DeepSeek-R1-Distill-Llama, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.DEEPSEEK_R1
