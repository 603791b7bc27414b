"""Phi-3 small instruct."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._phi3 import Phi3Base

__all__ = ["Phi3SmallChatPrompt"]


class Phi3SmallChatPrompt(Phi3Base):
    """Phi-3 small instruct (``microsoft/Phi-3-small-8k-instruct``, ``-128k-instruct``).

    Follows the model's published chat template: ``<|endoftext|>`` as BOS first, then the
    Phi-3 message layout.
    """

    names: ClassVar[tuple[str, ...]] = ("phi-3-small",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "microsoft/Phi-3-small-8k-instruct",
        "microsoft/Phi-3-small-128k-instruct",
    )
    bos_token: ClassVar[str] = "<|endoftext|>"
    reference: ClassVar[str] = "microsoft/Phi-3-small-8k-instruct chat template"
    bos_at_start: ClassVar[bool] = True
