"""Mistral 7B instruct v0.1, the template it was first released with."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._mistral import MistralInstBase

__all__ = ["MistralV01LegacyChatPrompt"]


class MistralV01LegacyChatPrompt(MistralInstBase):
    """Mistral 7B instruct v0.1 with its original chat template:
    ``<s>[INST] {user} [/INST]{answer}</s> [INST] ...`` (a space after each ``</s>``), no
    system role (a system message raises :class:`~chatprompt.errors.MessageOrderError`, as
    the template does)."""

    names: ClassVar[tuple[str, ...]] = ("mistral-v0.1-legacy",)
    model_ids: ClassVar[tuple[str, ...]] = ()
    reference: ClassVar[str] = "mistralai/Mistral-7B-Instruct-v0.1 chat template (original)"
    system_turn: ClassVar[str | None] = None
    needs_messages: ClassVar[bool] = False
    answer_close: ClassVar[str] = " "
