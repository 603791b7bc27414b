"""The Mistral instruct family: ``[INST] ... [/INST]`` with one BOS per conversation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.errors import MessageOrderError
from chatprompt.presets._base import (
    ALTERNATE,
    ALTERNATE_AFTER_SYSTEM,
    TemplatePromptBase,
    check_alternating,
)

__all__ = ["MistralInstBase"]


class MistralInstBase(TemplatePromptBase):
    """Shared rendering of the Mistral instruct templates.

    Class attributes a version sets:
        inst_open / inst_close: The user-turn markers with their spaces.
        system_turn: ``"first"`` merges the system text into the first user message,
            ``"last"`` into the last message when it is a user message, ``None`` means the
            template has no system role.
        strip_answer: Whether answers are stripped.
        answer_open / answer_close: Around an answer (``answer_close`` follows the EOS).
    """

    bos_token: ClassVar[str] = "<s>"
    eos_token: ClassVar[str] = "</s>"
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = ("</s>",)
    requester_first: ClassVar[bool] = True
    inst_open: ClassVar[str] = "[INST] "
    inst_close: ClassVar[str] = " [/INST]"
    system_turn: ClassVar[str | None] = "first"
    strip_answer: ClassVar[bool] = False
    answer_open: ClassVar[str] = ""
    answer_close: ClassVar[str] = ""

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        if self.system_turn is None:
            if system is not None:
                raise MessageOrderError(
                    f"{ALTERNATE} ({type(self).__name__}'s template has no system role; got "
                    f"system message {system!r})"
                )
            check_alternating(turns, ALTERNATE)
        else:
            check_alternating(turns, ALTERNATE_AFTER_SYSTEM)
        merge_at = None
        if system is not None:
            merge_at = 0 if self.system_turn == "first" else len(turns) - 1
        parts = [self.bos_token]
        for index, turn in enumerate(turns):
            if turn.role == USER:
                content = turn.content
                if index == merge_at:
                    content = f"{system}\n\n{content}"
                parts.append(f"{self.inst_open}{content}{self.inst_close}")
            else:
                answer = turn.content.strip() if self.strip_answer else turn.content
                parts.append(f"{self.answer_open}{answer}{self.eos_token}{self.answer_close}")
        return "".join(parts)
