"""Gemma 2 instruct (the same turn format as Gemma)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets.gemma import GemmaChatPrompt

__all__ = ["Gemma2ChatPrompt"]


class Gemma2ChatPrompt(GemmaChatPrompt):
    """Gemma 2 instruct (``google/gemma-2-2b-it``, ``-9b-it``, ``-27b-it``).

    Follows ``google/gemma-2-2b-it``'s published chat template, which is Gemma's text.
    """

    names: ClassVar[tuple[str, ...]] = ("gemma-2", "gemma2")
    model_ids: ClassVar[tuple[str, ...]] = (
        "google/gemma-2-2b-it",
        "google/gemma-2-9b-it",
        "google/gemma-2-27b-it",
    )
    reference: ClassVar[str] = "google/gemma-2-2b-it chat template"
