"""Phi-3.5 mini instruct."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._phi3 import Phi3Base

__all__ = ["Phi35MiniChatPrompt"]


class Phi35MiniChatPrompt(Phi3Base):
    """Phi-3.5 mini instruct (``microsoft/Phi-3.5-mini-instruct``).

    Follows the model's published chat template: Phi-3 mini's, except that an empty system
    message is left out.
    """

    names: ClassVar[tuple[str, ...]] = ("phi-3.5", "phi-3.5-mini")
    model_ids: ClassVar[tuple[str, ...]] = ("microsoft/Phi-3.5-mini-instruct",)
    reference: ClassVar[str] = "microsoft/Phi-3.5-mini-instruct chat template"
    skip_empty_system: ClassVar[bool] = True
