"""Llama 3.1 instruct (system header with the knowledge cutoff and today's date)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import ClassVar

from chatprompt._content import check_text
from chatprompt._conversation import Conversation
from chatprompt._messages import Message
from chatprompt.errors import TemplateError
from chatprompt.presets._base import TemplatePromptBase
from chatprompt.presets.llama3 import header

__all__ = ["Llama31ChatPrompt"]


class Llama31ChatPrompt(TemplatePromptBase):
    """Llama 3.1 instruct (``meta-llama/Llama-3.1-*-Instruct``), the plain chat path.

    Follows the model's published chat template without tools: the system header always
    comes first with ``Cutting Knowledge Date: December 2023`` and ``Today Date: {date}``,
    then the stripped system text; then Llama 3's turns. Tools, ``builtin_tools`` and the
    ``ipython`` role are not supported.

    Args:
        date_string: The ``Today Date`` text; the template's default ``"26 Jul 2024"``. The
            ``date_string`` template variable of ``render`` overrides it, as in the template.
    """

    names: ClassVar[tuple[str, ...]] = ("llama-3.1", "llama3.1")
    model_ids: ClassVar[tuple[str, ...]] = (
        "meta-llama/Llama-3.1-8B-Instruct",
        "meta-llama/Llama-3.1-70B-Instruct",
        "meta-llama/Llama-3.1-405B-Instruct",
        "meta-llama/Meta-Llama-3.1-8B-Instruct",
        "meta-llama/Meta-Llama-3.1-70B-Instruct",
    )
    bos_token: ClassVar[str] = "<|begin_of_text|>"
    eos_token: ClassVar[str] = "<|eot_id|>"
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = ("<|eot_id|>", "<|eom_id|>", "<|end_of_text|>")
    reference: ClassVar[str] = "meta-llama/Llama-3.1-8B-Instruct chat template"
    unrendered: ClassVar[frozenset[str]] = frozenset(("tools", "tool_calls", "builtin_tools"))

    def __init__(self, date_string: str | None = None) -> None:
        check_text(date_string, "date_string", allow_none=True)
        self._date_string = date_string
        super().__init__()

    def date_string(self) -> str:
        """The ``Today Date`` text."""
        return "26 Jul 2024" if self._date_string is None else self._date_string

    def render_conversation(self, conversation: Conversation) -> str:
        """As the template: a ``date_string`` template variable sets the ``Today Date``."""
        date = conversation.var("date_string")
        if date is None:
            return super().render_conversation(conversation)
        if not isinstance(date, str):
            raise TemplateError(
                f"date_string must be a str (the template adds it to text), got {date!r}"
            )
        dated = copy.copy(self)
        dated._date_string = date
        return TemplatePromptBase.render_conversation(dated, conversation)

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [
            self.bos_token,
            header("system"),
            "Cutting Knowledge Date: December 2023\n",
            f"Today Date: {self.date_string()}\n\n",
            (system or "").strip(),
            "<|eot_id|>",
        ]
        parts += [f"{header(turn.role)}{turn.content.strip()}<|eot_id|>" for turn in turns]
        if add_generation_prompt:
            parts.append(header("assistant"))
        return "".join(parts)
