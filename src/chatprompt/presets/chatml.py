"""Plain ChatML (OpenHermes 2.5)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._chatml import ChatMLBase

__all__ = ["ChatMLChatPrompt"]


class ChatMLChatPrompt(ChatMLBase):
    """Plain ChatML, no BOS and no default system (``teknium/OpenHermes-2.5-Mistral-7B``).

    Follows OpenHermes 2.5's published chat template.
    """

    names: ClassVar[tuple[str, ...]] = ("chatml", "openhermes")
    model_ids: ClassVar[tuple[str, ...]] = (
        "teknium/OpenHermes-2.5-Mistral-7B",
        "teknium/OpenHermes-2-Mistral-7B",
    )
    reference: ClassVar[str] = "teknium/OpenHermes-2.5-Mistral-7B chat template"
