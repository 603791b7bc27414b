"""The ``[INST] ... [/INST]`` family shared by Llama 2 chat, Code Llama and Swallow."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.presets._base import TemplatePromptBase, check_alternating

__all__ = ["LlamaInstBase"]


class LlamaInstBase(TemplatePromptBase):
    """Meta's Llama 2 layout: ``<s>[INST] {user} [/INST] {answer} </s>`` per exchange, the
    system text merged into the first user message as ``<<SYS>>\\n{system}\\n<</SYS>>\\n\\n``,
    every content stripped, no trailing space after the last ``[/INST]``.

    The generation prompt is implicit (the text always ends after ``[/INST]``).
    """

    bos_token: ClassVar[str] = "<s>"
    eos_token: ClassVar[str] = "</s>"
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = ("</s>",)
    requester_first: ClassVar[bool] = True
    separate_exchanges: ClassVar[bool] = True

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        check_alternating(turns)
        parts = []
        for index, turn in enumerate(turns):
            content = turn.content
            if index == 0 and system is not None:
                content = f"<<SYS>>\n{system}\n<</SYS>>\n\n{content}"
            parts.append(self.format_turn(turn.role == USER, content.strip()))
        return self.head() + "".join(parts)

    def head(self) -> str:
        """Text before the first message."""
        return ""

    def format_turn(self, is_user: bool, content: str) -> str:
        """One (stripped) message."""
        if is_user:
            return f"{self.bos_token}[INST] {content} [/INST]"
        return f" {content} {self.eos_token}"
