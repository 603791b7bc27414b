"""Mistral Nemo instruct (v3 tekken), plain chat path."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._mistral import MistralInstBase

__all__ = ["MistralNemoChatPrompt"]


class MistralNemoChatPrompt(MistralInstBase):
    """Mistral Nemo instruct (``mistralai/Mistral-Nemo-Instruct-2407``), without tools.

    Follows the model's published chat template: ``<s>[INST]{user}[/INST]{answer}</s>`` (no
    spaces), the system text merged into the last message when it is a user message and
    dropped otherwise. Tool calls and tool results are not supported.
    """

    names: ClassVar[tuple[str, ...]] = ("mistral-nemo",)
    model_ids: ClassVar[tuple[str, ...]] = ("mistralai/Mistral-Nemo-Instruct-2407",)
    reference: ClassVar[str] = "mistralai/Mistral-Nemo-Instruct-2407 chat template"
    unrendered: ClassVar[frozenset[str]] = frozenset(("tools", "tool_calls"))
    inst_open: ClassVar[str] = "[INST]"
    inst_close: ClassVar[str] = "[/INST]"
    system_turn: ClassVar[str | None] = "last"
