"""Code Llama instruct."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._inst import LlamaInstBase

__all__ = ["CodeLlamaInstructChatPrompt"]


class CodeLlamaInstructChatPrompt(LlamaInstBase):
    """Code Llama instruct (``codellama/CodeLlama-*-Instruct-hf``): Llama 2's layout.

    Follows the chat template in ``codellama/CodeLlama-34b-Instruct-hf``'s
    ``tokenizer_config.json`` (the same text as Llama 2's, written with ``| trim``).
    """

    names: ClassVar[tuple[str, ...]] = ("codellama", "code-llama")
    model_ids: ClassVar[tuple[str, ...]] = (
        "codellama/CodeLlama-7b-Instruct-hf",
        "codellama/CodeLlama-13b-Instruct-hf",
        "codellama/CodeLlama-34b-Instruct-hf",
        "codellama/CodeLlama-70b-Instruct-hf",
    )
    reference: ClassVar[str] = "codellama/CodeLlama-34b-Instruct-hf chat template"
