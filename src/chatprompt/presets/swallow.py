"""Swallow instruct (tokyotech-llm, Japanese Llama 2)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._inst import LlamaInstBase

__all__ = ["SwallowInstructChatPrompt"]


class SwallowInstructChatPrompt(LlamaInstBase):
    """Swallow instruct (``tokyotech-llm/Swallow-7b-instruct-v0.1``).

    Follows the model's published chat template: one ``<s>`` at the start,
    ``[INST] {user} [/INST] `` (with a trailing space) and ``{answer}</s>``, contents stripped,
    the system text in ``<<SYS>>`` inside the first user message. The template's Japanese
    default system prompt is disabled in the template itself, so there is none here either.
    """

    names: ClassVar[tuple[str, ...]] = ("swallow",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "tokyotech-llm/Swallow-7b-instruct-v0.1",
        "tokyotech-llm/Swallow-13b-instruct-v0.1",
        "tokyotech-llm/Swallow-70b-instruct-v0.1",
    )
    reference: ClassVar[str] = "tokyotech-llm/Swallow-7b-instruct-v0.1 chat template"
    separate_exchanges: ClassVar[bool] = False

    def head(self) -> str:
        """The single ``<s>``."""
        return self.bos_token

    def format_turn(self, is_user: bool, content: str) -> str:
        """``[INST] {user} [/INST] `` or ``{answer}</s>``."""
        if is_user:
            return f"[INST] {content} [/INST] "
        return f"{content}{self.eos_token}"
