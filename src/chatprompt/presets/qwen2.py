"""Qwen 1.5 and Qwen 2 chat (ChatML with a default system message)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._chatml import ChatMLBase

__all__ = ["Qwen2ChatPrompt"]


class Qwen2ChatPrompt(ChatMLBase):
    """Qwen 1.5 chat and Qwen 2 instruct (``Qwen/Qwen1.5-*-Chat``, ``Qwen/Qwen2-*-Instruct``).

    Follows their published chat template (the same text for both): ChatML, with
    ``You are a helpful assistant.`` as the system message when none is given.
    """

    names: ClassVar[tuple[str, ...]] = ("qwen2", "qwen", "qwen1.5")
    model_ids: ClassVar[tuple[str, ...]] = (
        "Qwen/Qwen1.5-0.5B-Chat",
        "Qwen/Qwen1.5-1.8B-Chat",
        "Qwen/Qwen1.5-4B-Chat",
        "Qwen/Qwen1.5-7B-Chat",
        "Qwen/Qwen1.5-14B-Chat",
        "Qwen/Qwen1.5-72B-Chat",
        "Qwen/Qwen2-0.5B-Instruct",
        "Qwen/Qwen2-1.5B-Instruct",
        "Qwen/Qwen2-7B-Instruct",
        "Qwen/Qwen2-72B-Instruct",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("<|im_end|>", "<|endoftext|>")
    reference: ClassVar[str] = "Qwen/Qwen1.5-4B-Chat and Qwen/Qwen2-7B-Instruct chat template"
    default_system_message: ClassVar[str | None] = "You are a helpful assistant."
