"""Mistral 7B instruct v0.3 (v3 tokenizer), plain chat path."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._mistral import MistralInstBase

__all__ = ["MistralV03ChatPrompt"]


class MistralV03ChatPrompt(MistralInstBase):
    """Mistral 7B instruct v0.3 (``mistralai/Mistral-7B-Instruct-v0.3``), without tools.

    Follows the model's published chat template: ``<s>[INST] {user}[/INST] {answer}</s>``,
    answers stripped, the system text merged into the *last* message when it is a user
    message (``[INST] {system}\\n\\n{user}[/INST]``) and dropped otherwise, as the template
    does. Tool calls and tool results are not supported.
    """

    names: ClassVar[tuple[str, ...]] = ("mistral-v0.3",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "mistralai/Mistral-7B-Instruct-v0.3",
        "mistralai/Mistral-Large-Instruct-2407",
    )
    reference: ClassVar[str] = "mistralai/Mistral-7B-Instruct-v0.3 chat template"
    unrendered: ClassVar[frozenset[str]] = frozenset(("tools", "tool_calls"))
    inst_close: ClassVar[str] = "[/INST]"
    system_turn: ClassVar[str | None] = "last"
    strip_answer: ClassVar[bool] = True
    answer_open: ClassVar[str] = " "
