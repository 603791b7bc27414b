"""Qwen3 (hybrid thinking), the chat template the models were released with (April 2025)."""

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

NAMES: tuple[str, ...] = ("qwen3-launch",)
MODEL_IDS: tuple[str, ...] = ()
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "Qwen/Qwen3-0.6B chat template as released (April 2025 revision)"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "enable_thinking"}
)


def render(conversation: Conversation) -> str:
    """Render as Qwen3's launch template does.

    Same layout as :mod:`chatprompt.presets.qwen3`, but a message's content is used as given: a
    list of parts fails where the template adds it to text (and a ``tool`` result prints it as
    Python's ``str``), and a reasoning field is taken whatever its type.
    """
    return qwen3_render(conversation, revised=False)


class Qwen3LaunchChatPrompt(FormatModulePrompt):
    """Qwen3 as first released, byte for byte as that chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.QWEN3
