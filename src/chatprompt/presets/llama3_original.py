"""Llama 3 instruct, the template it was first released with."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets.llama3 import Llama3ChatPrompt

__all__ = ["Llama3OriginalChatPrompt"]


class Llama3OriginalChatPrompt(Llama3ChatPrompt):
    """Llama 3 instruct with its first published chat template (April 2024), which always
    ends with the assistant header, whatever ``add_generation_prompt`` says."""

    names: ClassVar[tuple[str, ...]] = ("llama-3-original",)
    model_ids: ClassVar[tuple[str, ...]] = ()
    reference: ClassVar[str] = "meta-llama/Meta-Llama-3-8B-Instruct chat template (first release)"
    always_generation_prompt: ClassVar[bool] = True
