"""The Phi-3 family: ``<|{role}|>\\n{content}<|end|>\\n``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import SYSTEM, USER, Message
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["Phi3Base", "Phi3UserTurnBase"]


class Phi3Base(TemplatePromptBase):
    """Phi-3 with a system role: every message as ``<|{role}|>\\n{content}<|end|>\\n``, then
    ``<|assistant|>\\n`` as the generation prompt, or the EOS text without one.

    Class attributes:
        bos_at_start: Whether the template writes the BOS first.
        skip_empty_system: Whether an empty system message is left out.
    """

    bos_token: ClassVar[str] = "<s>"
    eos_token: ClassVar[str] = "<|endoftext|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|end|>", "<|endoftext|>")
    bos_at_start: ClassVar[bool] = False
    skip_empty_system: ClassVar[bool] = False

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [self.bos_token] if self.bos_at_start else []
        if system is not None and (system or not self.skip_empty_system):
            parts.append(f"<|{SYSTEM}|>\n{system}<|end|>\n")
        parts += [f"<|{turn.role}|>\n{turn.content}<|end|>\n" for turn in turns]
        parts.append("<|assistant|>\n" if add_generation_prompt else self.eos_token)
        return "".join(parts)


class Phi3UserTurnBase(TemplatePromptBase):
    """Phi-3's first templates: each user message ends with ``<|assistant|>\\n`` itself, each
    answer is ``{content}<|end|>\\n``, a system message is silently dropped and
    ``add_generation_prompt`` has no effect."""

    bos_token: ClassVar[str] = "<s>"
    eos_token: ClassVar[str] = "<|endoftext|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|end|>", "<|endoftext|>")
    bos_at_start: ClassVar[bool] = False

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [self.bos_token] if self.bos_at_start else []
        for turn in turns:
            if turn.role == USER:
                parts.append(f"<|user|>\n{turn.content}<|end|>\n<|assistant|>\n")
            else:
                parts.append(f"{turn.content}<|end|>\n")
        return "".join(parts)
