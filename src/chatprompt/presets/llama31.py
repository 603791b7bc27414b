"""Llama 3.1 instruct: Meta's published chat template with tools, builtin tools and dates.

The system header always comes first with ``Cutting Knowledge Date: December 2023`` and
``Today Date`` (the template's fixed ``26 Jul 2024`` unless ``date_string`` is passed); tools go
into the first user message (or the system message with ``tools_in_user_message=False``);
``builtin_tools`` are listed in the system message (see :func:`render_llama3`).
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from chatprompt import _output_formats
from chatprompt._content import check_text
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_base import FormatPromptBase
from chatprompt.presets._llama3 import published_date, render_llama3

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "Llama31ChatPrompt",
    "render",
]

NAMES: tuple[str, ...] = ("llama-3.1", "llama3.1")
MODEL_IDS: tuple[str, ...] = (
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.1-70B-Instruct",
    "meta-llama/Llama-3.1-405B-Instruct",
    "meta-llama/Meta-Llama-3.1-8B-Instruct",
    "meta-llama/Meta-Llama-3.1-70B-Instruct",
)
BOS_TOKEN = "<|begin_of_text|>"
EOS_TOKEN = "<|eot_id|>"
STOP_STRS: tuple[str, ...] = ("<|eot_id|>", "<|eom_id|>", "<|end_of_text|>")
REFERENCE = "meta-llama/Llama-3.1-8B-Instruct chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "date", "builtin_tools", "custom_tools"}
)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Llama 3.1 chat template does.

    Raises:
        TemplateError: Where the template refuses the conversation (tools but no first user
            message, other than one tool call in a message, ...).
    """
    return render_llama3(
        conversation, bos_token=BOS_TOKEN, default_date=published_date, builtin_tools=True
    )


def with_date(conversation: Conversation, date_string: str | None) -> Conversation:
    """``conversation`` with ``date_string`` as its ``date_string`` template variable, unless
    it is ``None`` or the conversation passes its own."""
    if date_string is None or "date_string" in conversation.template_vars:
        return conversation
    variables = {**conversation.template_vars, "date_string": date_string}
    return attrs.evolve(conversation, template_vars=variables)


class Llama31ChatPrompt(FormatPromptBase):
    """Llama 3.1 instruct (``meta-llama/Llama-3.1-*-Instruct``), byte for byte its template.

    Tools, one tool call per assistant message (``<|eom_id|>`` after it when ``builtin_tools``
    is passed), ``tool`` / ``ipython`` results and the template variables ``date_string``,
    ``tools_in_user_message``, ``custom_tools`` and ``builtin_tools``.

    Args:
        date_string: The ``Today Date`` text when ``render`` is not passed one; the template's
            default ``"26 Jul 2024"``.
    """

    names: ClassVar[tuple[str, ...]] = NAMES
    output_format: ClassVar[OutputFormat | None] = _output_formats.LLAMA3
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    bos_token: ClassVar[str] = BOS_TOKEN
    eos_token: ClassVar[str] = EOS_TOKEN
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = STOP_STRS
    reference: ClassVar[str] = REFERENCE
    features: ClassVar[frozenset[str]] = FEATURES

    def __init__(self, date_string: str | None = None) -> None:
        check_text(date_string, "date_string", allow_none=True)
        self._date_string = date_string
        super().__init__()

    def date_string(self) -> str:
        """The ``Today Date`` text."""
        return published_date() if self._date_string is None else self._date_string

    def render_conversation(self, conversation: Conversation) -> str:
        return render(with_date(conversation, self._date_string))
