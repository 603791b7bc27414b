"""Falcon 11B (``User:`` / ``Falcon:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import ASSISTANT, SYSTEM, USER, Message
from chatprompt.presets._base import TemplatePromptBase, role_texts

__all__ = ["Falcon11BChatPrompt"]

_HEADS = {USER: "User: \n", SYSTEM: "System: ", ASSISTANT: "Falcon:\n"}


class Falcon11BChatPrompt(TemplatePromptBase):
    """Falcon 11B (``tiiuae/falcon-11B``).

    Follows the model's published chat template: ``User: \\n{content}\\n``,
    ``System: {content}\\n``, ``Falcon:\\n{content}\\n``, and ``Falcon:\\n`` as the
    generation prompt (written only after at least one message).
    """

    names: ClassVar[tuple[str, ...]] = ("falcon-11b",)
    model_ids: ClassVar[tuple[str, ...]] = ("tiiuae/falcon-11B",)
    bos_token: ClassVar[str] = ">>"
    eos_token: ClassVar[str] = "<|endoftext|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|endoftext|>", "\nUser:")
    reference: ClassVar[str] = "tiiuae/falcon-11B chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        messages = role_texts(system, turns)
        prompt = "".join(f"{_HEADS[role]}{text}\n" for role, text in messages)
        if add_generation_prompt and messages:
            prompt += "Falcon:\n"
        return prompt
