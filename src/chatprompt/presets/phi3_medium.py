"""Phi-3 medium instruct."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._phi3 import Phi3UserTurnBase

__all__ = ["Phi3MediumChatPrompt"]


class Phi3MediumChatPrompt(Phi3UserTurnBase):
    """Phi-3 medium instruct (``microsoft/Phi-3-medium-4k-instruct``, ``-128k-instruct``).

    Follows the model's published chat template: as the first Phi-3 mini template without
    the BOS; system messages are dropped and ``add_generation_prompt`` has no effect.
    """

    names: ClassVar[tuple[str, ...]] = ("phi-3-medium",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "microsoft/Phi-3-medium-4k-instruct",
        "microsoft/Phi-3-medium-128k-instruct",
    )
    reference: ClassVar[str] = "microsoft/Phi-3-medium-128k-instruct chat template"
