"""Llama 3 instruct (header tokens)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._base import TemplatePromptBase, role_texts

__all__ = ["Llama3ChatPrompt"]


def header(role: str) -> str:
    """``<|start_header_id|>{role}<|end_header_id|>\\n\\n``."""
    return f"<|start_header_id|>{role}<|end_header_id|>\n\n"


class Llama3ChatPrompt(TemplatePromptBase):
    """Llama 3 instruct (``meta-llama/Meta-Llama-3-*-Instruct``).

    Follows the model's current published chat template: ``<|begin_of_text|>``, then each
    message as ``<|start_header_id|>{role}<|end_header_id|>\\n\\n{content stripped}<|eot_id|>``,
    and the assistant header as the generation prompt.
    """

    names: ClassVar[tuple[str, ...]] = ("llama-3", "llama3")
    model_ids: ClassVar[tuple[str, ...]] = (
        "meta-llama/Meta-Llama-3-8B-Instruct",
        "meta-llama/Meta-Llama-3-70B-Instruct",
    )
    bos_token: ClassVar[str] = "<|begin_of_text|>"
    eos_token: ClassVar[str] = "<|eot_id|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|eot_id|>", "<|end_of_text|>")
    reference: ClassVar[str] = "meta-llama/Meta-Llama-3-8B-Instruct chat template"
    always_generation_prompt: ClassVar[bool] = False

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        messages = role_texts(system, turns)
        body = "".join(f"{header(role)}{content.strip()}<|eot_id|>" for role, content in messages)
        prompt = self.bos_token + body if messages else ""
        if add_generation_prompt or self.always_generation_prompt:
            prompt += header("assistant")
        return prompt
