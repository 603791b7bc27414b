"""MPT chat (MosaicML's ChatML variant)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["MPTChatPrompt"]


class MPTChatPrompt(TemplatePromptBase):
    """MPT chat (``mosaicml/mpt-7b-chat``, ``mosaicml/mpt-30b-chat``).

    Follows ``mosaicml/mpt-30b-chat``'s published chat template, a ChatML variant: a default
    system message, the system block without ``<|im_end|>`` (as the template writes it),
    messages joined by ``\\n`` with no newline after the last one. ChatStream's "MPT chat"
    preset rendered RedPajama's ``<human>``/``<bot>`` format instead; this is the real one.
    """

    names: ClassVar[tuple[str, ...]] = ("mpt-chat", "mpt")
    model_ids: ClassVar[tuple[str, ...]] = (
        "mosaicml/mpt-7b-chat",
        "mosaicml/mpt-30b-chat",
    )
    bos_token: ClassVar[str] = "<|endoftext|>"
    eos_token: ClassVar[str] = "<|endoftext|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|im_end|>", "<|endoftext|>")
    needs_messages: ClassVar[bool] = True
    reference: ClassVar[str] = "mosaicml/mpt-30b-chat chat template"
    default_system_message: ClassVar[str] = (
        "A conversation between a user and an LLM-based AI assistant. "
        "The assistant gives helpful and honest answers."
    )

    def system_block(self, system: str) -> str:
        """The system text as the template writes it before the first message."""
        return f"<|im_start|>system\n{system.strip()}\n"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        if not turns:
            return ""
        system = self.default_system_message if system is None else system
        body = "\n".join(f"<|im_start|>{t.role}\n{t.content}<|im_end|>" for t in turns)
        prompt = self.system_block(system) + body
        if add_generation_prompt:
            prompt += "\n<|im_start|>assistant\n"
        return prompt
