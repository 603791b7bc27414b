"""TinyLlama chat (Zephyr's format)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets.zephyr import ZephyrChatPrompt

__all__ = ["TinyLlamaChatPrompt"]


class TinyLlamaChatPrompt(ZephyrChatPrompt):
    """TinyLlama chat (``TinyLlama/TinyLlama-1.1B-Chat-v1.0``).

    Follows the model's published chat template, which is Zephyr's text.
    """

    names: ClassVar[tuple[str, ...]] = ("tinyllama",)
    model_ids: ClassVar[tuple[str, ...]] = ("TinyLlama/TinyLlama-1.1B-Chat-v1.0",)
    bos_token: ClassVar[str] = "<s>"
    reference: ClassVar[str] = "TinyLlama/TinyLlama-1.1B-Chat-v1.0 chat template"
