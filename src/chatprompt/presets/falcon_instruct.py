"""Falcon instruct (``User:`` / ``Assistant:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.presets._base import TemplatePromptBase, check_alternating

__all__ = ["FalconInstructChatPrompt"]


class FalconInstructChatPrompt(TemplatePromptBase):
    """Falcon instruct (``tiiuae/falcon-7b-instruct``, ``-40b-instruct``).

    Follows the model's published chat template: the stripped system text, then
    ``\\n\\nUser: {content}`` / ``\\n\\nAssistant: {content}`` with each content stripped and
    each blank line collapsed into one newline, and ``\\n\\nAssistant:`` as the generation
    prompt. Roles must alternate.
    """

    names: ClassVar[tuple[str, ...]] = ("falcon", "falcon-instruct")
    model_ids: ClassVar[tuple[str, ...]] = (
        "tiiuae/falcon-7b-instruct",
        "tiiuae/falcon-40b-instruct",
    )
    eos_token: ClassVar[str] = "<|endoftext|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|endoftext|>", "\nUser:")
    requester_first: ClassVar[bool] = True
    needs_messages: ClassVar[bool] = True
    reference: ClassVar[str] = "tiiuae/falcon-7b-instruct chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        check_alternating(turns)
        parts = [(system or "").strip()] if turns else []
        for turn in turns:
            name = "User" if turn.role == USER else "Assistant"
            parts.append(f"\n\n{name}: " + turn.content.strip().replace("\n\n", "\n"))
        if add_generation_prompt:
            parts.append("\n\nAssistant:")
        return "".join(parts)
