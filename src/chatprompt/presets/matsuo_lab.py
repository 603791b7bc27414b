"""Matsuo Lab's Japanese GPT-NeoX instruction model (single-turn)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt._content import PromptTTL
from chatprompt.presets.stabilityai_jp import StabilityAIJapaneseChatPrompt

__all__ = ["MatsuoLabChatPrompt"]


class MatsuoLabChatPrompt(StabilityAIJapaneseChatPrompt):
    """Matsuo Lab instruction SFT (``matsuo-lab/weblab-10b-instruction-sft``).

    Japanese StableLM's Alpaca-style layout with child messages as ``### 入力:``, but only the
    last exchange goes into the prompt (``PromptTTL.SINGLE_TURN`` by default) and ``Q:`` also
    stops generation.
    """

    names: ClassVar[tuple[str, ...]] = ("matsuo-lab", "weblab")
    model_ids: ClassVar[tuple[str, ...]] = (
        "matsuo-lab/weblab-10b-instruction-sft",
        "matsuo-lab/weblab-10b",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("### 指示: ", "Q:")

    def __init__(self) -> None:
        super().__init__()
        self.set_prompt_ttl(PromptTTL.SINGLE_TURN)
