"""Mistral 7B instruct v0.1 (current template)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._mistral import MistralInstBase

__all__ = ["MistralV01ChatPrompt"]


class MistralV01ChatPrompt(MistralInstBase):
    """Mistral 7B instruct v0.1 (``mistralai/Mistral-7B-Instruct-v0.1``), current template.

    Follows the model's updated published chat template (mistral-common's v1 layout):
    ``<s> [INST] {user} [/INST] {answer}</s> [INST] ...``, contents as given, the system text
    before the first user message as ``{system}\\n\\n{user}``. Encode without a sentencepiece
    dummy prefix after ``<s>`` (``encode_prompt`` does) to get mistral-common's ids.
    """

    names: ClassVar[tuple[str, ...]] = ("mistral", "mistral-v0.1", "mistral-instruct")
    model_ids: ClassVar[tuple[str, ...]] = ("mistralai/Mistral-7B-Instruct-v0.1",)
    reference: ClassVar[str] = "mistralai/Mistral-7B-Instruct-v0.1 chat template (updated)"
    inst_open: ClassVar[str] = " [INST] "
    answer_open: ClassVar[str] = " "
