"""Stockmark GPT-NeoX Japanese (plain text continuation)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._plain import PlainConcatPromptBase

__all__ = ["StockmarkChatPrompt"]


class StockmarkChatPrompt(PlainConcatPromptBase):
    """Stockmark GPT-NeoX Japanese (``stockmark/gpt-neox-japanese-1.4b``), a base model: the
    messages are concatenated as they are. ChatStream's module ran an assertion on import and
    repeated the previous message for the pending slot; neither happens here."""

    names: ClassVar[tuple[str, ...]] = ("stockmark",)
    model_ids: ClassVar[tuple[str, ...]] = ("stockmark/gpt-neox-japanese-1.4b",)
