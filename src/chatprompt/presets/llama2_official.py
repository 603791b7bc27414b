"""Llama 2 chat in Meta's own layout (the published chat template)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._inst import LlamaInstBase

__all__ = ["Llama2OfficialChatPrompt"]


class Llama2OfficialChatPrompt(LlamaInstBase):
    """Llama 2 chat (``meta-llama/Llama-2-*-chat-hf``) exactly as Meta formats it.

    Follows the chat template in the model's ``tokenizer_config.json`` and Meta's
    ``llama/generation.py`` ``chat_completion``: ``<s>[INST] {user} [/INST] {answer} </s>`` per
    exchange, contents stripped, the system text inside ``<<SYS>>`` in the first user message
    (no ``<<SYS>>`` block without a system message), no trailing space after the last
    ``[/INST]``. Unlike the ChatStream-compatible :class:`~chatprompt.Llama2ChatPrompt` there
    is no default system prompt.
    """

    names: ClassVar[tuple[str, ...]] = ("llama-2-official", "llama2-official", "llama-2-meta")
    model_ids: ClassVar[tuple[str, ...]] = (
        "meta-llama/Llama-2-7b-chat-hf",
        "meta-llama/Llama-2-13b-chat-hf",
        "meta-llama/Llama-2-70b-chat-hf",
    )
    reference: ClassVar[str] = (
        "meta-llama/Llama-2-7b-chat-hf chat template; Meta llama generation.py"
    )
