"""``PlainConcatPromptBase``: messages written one after another with nothing between."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["PlainConcatPromptBase"]


class PlainConcatPromptBase(LinePromptBase):
    """Messages concatenated as they are; the pending answer adds nothing (ChatStream repeated
    the previous message there, and failed on an empty first message)."""

    message_head: ClassVar[str] = ""
    message_tail: ClassVar[str] = ""
    pending_head: ClassVar[str] = ""
