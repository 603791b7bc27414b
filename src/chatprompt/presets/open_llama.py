"""OpenLLaMA question answering (``Q:`` / ``A:``)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["OpenLlamaChatPrompt"]


class OpenLlamaChatPrompt(LinePromptBase):
    """OpenLLaMA (``openlm-research/open_llama_3b_v2`` and siblings), a base model prompted
    with the Q&A layout of its model card: ``Q: {text}\\n``, ``A: {text}\\n``, the pending
    answer ``A:``. Stops at ``\\nQ:``."""

    names: ClassVar[tuple[str, ...]] = ("open-llama", "openllama")
    model_ids: ClassVar[tuple[str, ...]] = (
        "openlm-research/open_llama_3b_v2",
        "openlm-research/open_llama_7b_v2",
        "openlm-research/open_llama_3b",
        "openlm-research/open_llama_7b",
        "openlm-research/open_llama_13b",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("\nQ:",)
    requester_name: ClassVar[str] = "Q"
    responder_name: ClassVar[str] = "A"
