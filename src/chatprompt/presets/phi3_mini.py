"""Phi-3 mini instruct (system-capable template)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._phi3 import Phi3Base

__all__ = ["Phi3MiniChatPrompt"]


class Phi3MiniChatPrompt(Phi3Base):
    """Phi-3 mini instruct (``microsoft/Phi-3-mini-4k-instruct``, ``-128k-instruct``).

    Follows the model's published (mid-2024, system-capable) chat template: no BOS,
    ``<|{role}|>\\n{content}<|end|>\\n`` per message, ``<|assistant|>\\n`` as the
    generation prompt and ``<|endoftext|>`` at the end without one.
    """

    names: ClassVar[tuple[str, ...]] = ("phi-3", "phi-3-mini", "phi3")
    model_ids: ClassVar[tuple[str, ...]] = (
        "microsoft/Phi-3-mini-4k-instruct",
        "microsoft/Phi-3-mini-128k-instruct",
    )
    reference: ClassVar[str] = "microsoft/Phi-3-mini-4k-instruct chat template"
