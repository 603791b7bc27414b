"""Llama 3.2 instruct (like 3.1, dated today by default)."""

from __future__ import annotations

import datetime
from typing import ClassVar

from chatprompt.presets.llama31 import Llama31ChatPrompt

__all__ = ["Llama32ChatPrompt"]


class Llama32ChatPrompt(Llama31ChatPrompt):
    """Llama 3.2 instruct (``meta-llama/Llama-3.2-1B-Instruct``, ``-3B-Instruct``), plain chat.

    Follows the model's published chat template without tools: as Llama 3.1, but the
    ``Today Date`` is today's date (``strftime("%d %b %Y")``, as transformers renders it)
    unless ``date_string`` is given. Pass ``date_string`` for reproducible prompts.
    """

    names: ClassVar[tuple[str, ...]] = ("llama-3.2", "llama3.2")
    model_ids: ClassVar[tuple[str, ...]] = (
        "meta-llama/Llama-3.2-1B-Instruct",
        "meta-llama/Llama-3.2-3B-Instruct",
    )
    reference: ClassVar[str] = "meta-llama/Llama-3.2-3B-Instruct chat template"
    unrendered: ClassVar[frozenset[str]] = frozenset(("tools", "tool_calls"))

    def date_string(self) -> str:
        """The given ``date_string``, or today's date as ``"25 Nov 2026"``."""
        if self._date_string is not None:
            return self._date_string
        return datetime.datetime.now().strftime("%d %b %Y")
