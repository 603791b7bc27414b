"""Mistral 7B instruct v0.2 / Mixtral 8x7B instruct v0.1, original template."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._mistral import MistralInstBase

__all__ = ["MistralV02LegacyChatPrompt"]


class MistralV02LegacyChatPrompt(MistralInstBase):
    """Mixtral 8x7B instruct v0.1 and Mistral 7B instruct v0.2 with their original chat
    template: ``<s>[INST] {user} [/INST]{answer}</s>[INST] ...``, no system role (a system
    message raises :class:`~chatprompt.errors.MessageOrderError`, as the template does)."""

    names: ClassVar[tuple[str, ...]] = ("mistral-v0.2", "mixtral", "mistral-v0.2-legacy")
    model_ids: ClassVar[tuple[str, ...]] = (
        "mistralai/Mistral-7B-Instruct-v0.2",
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
    )
    reference: ClassVar[str] = "mistralai/Mixtral-8x7B-Instruct-v0.1 chat template (original)"
    system_turn: ClassVar[str | None] = None
    needs_messages: ClassVar[bool] = False
