"""Nous Hermes 2 (ChatML after a BOS)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._chatml import ChatMLBase

__all__ = ["NousHermes2ChatPrompt"]


class NousHermes2ChatPrompt(ChatMLBase):
    """Nous Hermes 2 (``NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO``): ``<s>`` then ChatML.

    Follows the model's published chat template.
    """

    names: ClassVar[tuple[str, ...]] = ("nous-hermes-2",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO",
        "NousResearch/Nous-Hermes-2-Mixtral-8x7B-SFT",
        "NousResearch/Nous-Hermes-2-Mistral-7B-DPO",
    )
    bos_token: ClassVar[str] = "<s>"
    reference: ClassVar[str] = "NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO chat template"
