"""Phi-3 mini instruct, the template it was first released with."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._phi3 import Phi3UserTurnBase

__all__ = ["Phi3OriginalChatPrompt"]


class Phi3OriginalChatPrompt(Phi3UserTurnBase):
    """Phi-3 mini instruct with its first published chat template (April 2024): ``<s>``, then
    ``<|user|>\\n{user}<|end|>\\n<|assistant|>\\n`` per request and ``{answer}<|end|>\\n`` per
    answer; system messages are dropped, as that template does."""

    names: ClassVar[tuple[str, ...]] = ("phi-3-original",)
    model_ids: ClassVar[tuple[str, ...]] = ()
    reference: ClassVar[str] = "microsoft/Phi-3-mini-4k-instruct chat template (first release)"
    bos_at_start: ClassVar[bool] = True
