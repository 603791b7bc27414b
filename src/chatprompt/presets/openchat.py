"""OpenChat 3.5 (``GPT4 Correct User:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._base import TemplatePromptBase, role_texts

__all__ = ["OpenChat35ChatPrompt"]


class OpenChat35ChatPrompt(TemplatePromptBase):
    """OpenChat 3.5 (``openchat/openchat-3.5-0106``, ``openchat/openchat_3.5``).

    Follows the model's published chat template: ``<s>``, then each message as
    ``GPT4 Correct {Role}: {content}<|end_of_turn|>`` and ``GPT4 Correct Assistant:`` as the
    generation prompt (a system message becomes ``GPT4 Correct System:``, as in the template).
    """

    names: ClassVar[tuple[str, ...]] = ("openchat", "openchat-3.5")
    model_ids: ClassVar[tuple[str, ...]] = (
        "openchat/openchat-3.5-0106",
        "openchat/openchat-3.5-1210",
        "openchat/openchat_3.5",
    )
    bos_token: ClassVar[str] = "<s>"
    eos_token: ClassVar[str] = "<|end_of_turn|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|end_of_turn|>",)
    reference: ClassVar[str] = "openchat/openchat-3.5-0106 chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        messages = role_texts(system, turns)
        parts = [self.bos_token]
        parts += [f"GPT4 Correct {role.title()}: {text}<|end_of_turn|>" for role, text in messages]
        if add_generation_prompt:
            parts.append("GPT4 Correct Assistant:")
        return "".join(parts)
