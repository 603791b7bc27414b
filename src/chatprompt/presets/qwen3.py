"""Qwen3 (hybrid thinking), the hub's current chat template."""

from __future__ import annotations

from typing import ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._qwen import qwen3_render

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

NAMES: tuple[str, ...] = ("qwen3",)
MODEL_IDS: tuple[str, ...] = tuple(
    f"Qwen/Qwen3-{size}{suffix}"
    for size in ("0.6B", "1.7B", "4B", "8B", "14B", "32B", "30B-A3B", "235B-A22B")
    for suffix in ("", "-FP8")
)
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "Qwen/Qwen3-1.7B chat template (the hub revision that reads non-text content as empty)"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "enable_thinking"}
)


def render(conversation: Conversation) -> str:
    """Render as Qwen3's published template does: ChatML, ``<tool_call>`` JSON, ``<think>``.

    Reasoning is written for the assistant turns after the last user query; a content that is
    not text renders as empty text, as the template does; ``enable_thinking=False`` closes an
    empty ``<think>`` block after the generation prompt.
    """
    return qwen3_render(conversation, revised=True)


class Qwen3ChatPrompt(FormatModulePrompt):
    """Qwen3, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.QWEN3
