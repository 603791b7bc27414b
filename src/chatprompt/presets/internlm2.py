"""InternLM2 chat (ChatML after a BOS)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._chatml import ChatMLBase

__all__ = ["InternLM2ChatPrompt"]


class InternLM2ChatPrompt(ChatMLBase):
    """InternLM2 chat (``internlm/internlm2-chat-7b``): ``<s>`` then ChatML, no default system.

    Follows the model's published chat template.
    """

    names: ClassVar[tuple[str, ...]] = ("internlm2",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "internlm/internlm2-chat-7b",
        "internlm/internlm2-chat-20b",
        "internlm/internlm2_5-7b-chat",
    )
    bos_token: ClassVar[str] = "<s>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|im_end|>", "</s>")
    reference: ClassVar[str] = "internlm/internlm2-chat-7b chat template"
