"""CyberAgent OpenCALM (plain text continuation)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._plain import PlainConcatPromptBase

__all__ = ["OpenCalmChatPrompt"]


class OpenCalmChatPrompt(PlainConcatPromptBase):
    """OpenCALM (``cyberagent/open-calm-7b`` and siblings), a base model: the messages are
    concatenated as they are. ChatStream appended the previous message a second time when
    the response slot was pending; this preset does not."""

    names: ClassVar[tuple[str, ...]] = ("open-calm", "opencalm")
    model_ids: ClassVar[tuple[str, ...]] = tuple(
        f"cyberagent/open-calm-{size}" for size in ("small", "medium", "large", "1b", "3b", "7b")
    )
