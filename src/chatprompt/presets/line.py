"""LINE Japanese large LM instruction models (``ユーザー:`` / ``システム:``)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["LineChatPrompt"]


class LineChatPrompt(LinePromptBase):
    """LINE instruction models (``line-corporation/japanese-large-lm-3.6b-instruction-sft``).

    Each message is ``{role}: {text}\\n``; the pending answer ``システム: ``; the requester
    prefix ``ユーザー: `` stops generation. ChatStream wrote no newline after an answer
    (``…システム: Hi!ユーザー: …``); here every message ends with one.
    """

    names: ClassVar[tuple[str, ...]] = ("line",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "line-corporation/japanese-large-lm-3.6b-instruction-sft",
        "line-corporation/japanese-large-lm-1.7b-instruction-sft",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("ユーザー: ",)
    requester_name: ClassVar[str] = "ユーザー"
    responder_name: ClassVar[str] = "システム"
    pending_head: ClassVar[str] = "{role}: "
