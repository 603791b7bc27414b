"""Gemma instruct (turn markers, no system role)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import ASSISTANT, Message
from chatprompt.presets._base import TemplatePromptBase, check_alternating, reject_system

__all__ = ["GemmaChatPrompt"]


class GemmaChatPrompt(TemplatePromptBase):
    """Gemma instruct (``google/gemma-2b-it``, ``google/gemma-7b-it``).

    Follows the model's published chat template: ``<bos>``, then each message as
    ``<start_of_turn>{user|model}\\n{content stripped}<end_of_turn>\\n``, and
    ``<start_of_turn>model\\n`` as the generation prompt. A system message raises
    :class:`~chatprompt.errors.UnsupportedRoleError` (the template raises "System role not
    supported"); roles must alternate.
    """

    names: ClassVar[tuple[str, ...]] = ("gemma",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "google/gemma-2b-it",
        "google/gemma-7b-it",
        "google/gemma-1.1-2b-it",
        "google/gemma-1.1-7b-it",
    )
    bos_token: ClassVar[str] = "<bos>"
    eos_token: ClassVar[str] = "<eos>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<end_of_turn>", "<eos>")
    requester_first: ClassVar[bool] = True
    needs_messages: ClassVar[bool] = True
    reference: ClassVar[str] = "google/gemma-2b-it chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        reject_system(system, type(self).__name__)
        check_alternating(turns)
        parts = [self.bos_token]
        for turn in turns:
            role = "model" if turn.role == ASSISTANT else turn.role
            parts.append(f"<start_of_turn>{role}\n{turn.content.strip()}<end_of_turn>\n")
        if add_generation_prompt:
            parts.append("<start_of_turn>model\n")
        return "".join(parts)
