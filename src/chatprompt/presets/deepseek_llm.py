"""DeepSeek LLM chat (``User:`` / ``Assistant:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["DeepSeekLLMChatPrompt"]


class DeepSeekLLMChatPrompt(TemplatePromptBase):
    """DeepSeek LLM chat (``deepseek-ai/deepseek-llm-7b-chat``, ``-67b-chat``).

    Follows the model's published chat template: the BOS, the system text followed by a
    blank line, ``User: {content}\\n\\n`` and ``Assistant: {content}<｜end▁of▁sentence｜>``,
    and ``Assistant:`` as the generation prompt.
    """

    names: ClassVar[tuple[str, ...]] = ("deepseek", "deepseek-llm")
    model_ids: ClassVar[tuple[str, ...]] = (
        "deepseek-ai/deepseek-llm-7b-chat",
        "deepseek-ai/deepseek-llm-67b-chat",
    )
    bos_token: ClassVar[str] = "<｜begin▁of▁sentence｜>"
    eos_token: ClassVar[str] = "<｜end▁of▁sentence｜>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<｜end▁of▁sentence｜>", "User:")
    reference: ClassVar[str] = "deepseek-ai/deepseek-llm-7b-chat chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [self.bos_token]
        if system is not None:
            parts.append(f"{system}\n\n")
        for turn in turns:
            if turn.role == USER:
                parts.append(f"User: {turn.content}\n\n")
            else:
                parts.append(f"Assistant: {turn.content}{self.eos_token}")
        if add_generation_prompt:
            parts.append("Assistant:")
        return "".join(parts)
