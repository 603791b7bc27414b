"""Llama 3.2 instruct: as Llama 3.1, dated today by default and without builtin tools.

The published template writes today's date (``strftime_now("%d %b %Y")``) as ``Today Date``
unless ``date_string`` is passed, and does not read ``builtin_tools`` (see
:func:`render_llama3`).
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt._conversation import Conversation
from chatprompt.presets._llama3 import render_llama3, today
from chatprompt.presets.llama31 import BOS_TOKEN, EOS_TOKEN, STOP_STRS, Llama31ChatPrompt, with_date

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "Llama32ChatPrompt",
    "render",
]

NAMES: tuple[str, ...] = ("llama-3.2", "llama3.2")
MODEL_IDS: tuple[str, ...] = (
    "meta-llama/Llama-3.2-1B-Instruct",
    "meta-llama/Llama-3.2-3B-Instruct",
)
REFERENCE = "meta-llama/Llama-3.2-3B-Instruct chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "date", "custom_tools"}
)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Llama 3.2 chat template does.

    Raises:
        TemplateError: Where the template refuses the conversation (tools but no first user
            message, other than one tool call in a message, ...).
    """
    return render_llama3(conversation, bos_token=BOS_TOKEN, default_date=today, builtin_tools=False)


class Llama32ChatPrompt(Llama31ChatPrompt):
    """Llama 3.2 instruct (``meta-llama/Llama-3.2-1B-Instruct``, ``-3B-Instruct``).

    As Llama 3.1, but the ``Today Date`` is today's date (``"%d %b %Y"``, as transformers
    renders it) unless ``date_string`` is given (to the constructor or to ``render``), and
    ``builtin_tools`` is not read. Pass ``date_string`` for reproducible prompts.
    """

    names: ClassVar[tuple[str, ...]] = NAMES
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    reference: ClassVar[str] = REFERENCE
    features: ClassVar[frozenset[str]] = FEATURES

    def date_string(self) -> str:
        """The given ``date_string``, or today's date as ``"25 Nov 2026"``."""
        return today() if self._date_string is None else self._date_string

    def render_conversation(self, conversation: Conversation) -> str:
        return render(with_date(conversation, self._date_string))
