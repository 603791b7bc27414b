"""The ChatML family: ``<|im_start|>{role}\\n{content}<|im_end|>\\n``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["ChatMLBase"]


def im_turn(role: str, content: str) -> str:
    """``<|im_start|>{role}\\n{content}<|im_end|>\\n``."""
    return f"<|im_start|>{role}\n{content}<|im_end|>\n"


class ChatMLBase(TemplatePromptBase):
    """ChatML: every message as ``<|im_start|>{role}\\n{content}<|im_end|>\\n`` and
    ``<|im_start|>assistant\\n`` as the generation prompt.

    Class attributes a preset sets:
        bos_token: Written once at the start (``""`` for none).
        default_system_message: Used when there is no system message (``None`` for none).
    """

    eos_token: ClassVar[str] = "<|im_end|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|im_end|>",)
    default_system_message: ClassVar[str | None] = None

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [self.bos_token]
        if system is None and turns:
            system = self.default_system_message
        if system is not None:
            parts.append(im_turn("system", system))
        parts += [im_turn(turn.role, turn.content) for turn in turns]
        if add_generation_prompt:
            parts.append("<|im_start|>assistant\n")
        return "".join(parts)
