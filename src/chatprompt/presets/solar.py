"""SOLAR instruct (``### User:`` / ``### Assistant:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["SolarChatPrompt"]


class SolarChatPrompt(TemplatePromptBase):
    """SOLAR instruct (``upstage/SOLAR-10.7B-Instruct-v1.0``).

    Follows the model's published chat template: ``### System:\\n{content}\\n\\n`` (left out
    when empty), ``### User:\\n{content}\\n\\n``, ``### Assistant:\\n{content}`` (no newline
    after an answer, as the template writes it), and ``### Assistant:\\n`` as the generation
    prompt (written only after at least one message).
    """

    names: ClassVar[tuple[str, ...]] = ("solar",)
    model_ids: ClassVar[tuple[str, ...]] = ("upstage/SOLAR-10.7B-Instruct-v1.0",)
    bos_token: ClassVar[str] = "<s>"
    eos_token: ClassVar[str] = "</s>"
    stop_strs: ClassVar[tuple[str, ...]] = ("</s>", "### User:")
    reference: ClassVar[str] = "upstage/SOLAR-10.7B-Instruct-v1.0 chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [f"### System:\n{system}\n\n"] if system else []
        for turn in turns:
            if turn.role == USER:
                parts.append(f"### User:\n{turn.content}\n\n")
            else:
                parts.append(f"### Assistant:\n{turn.content}")
        if add_generation_prompt and (turns or system is not None):
            parts.append("### Assistant:\n")
        return "".join(parts)
