"""Zephyr (``<|user|>`` / ``<|assistant|>`` turns ending in ``</s>``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._base import TemplatePromptBase, role_texts

__all__ = ["ZephyrChatPrompt"]


class ZephyrChatPrompt(TemplatePromptBase):
    """Zephyr (``HuggingFaceH4/zephyr-7b-beta``).

    Follows the model's published chat template: each message as
    ``<|{role}|>\\n{content}</s>\\n`` and ``<|assistant|>\\n`` as the generation prompt
    (written only after at least one message).
    """

    names: ClassVar[tuple[str, ...]] = ("zephyr",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "HuggingFaceH4/zephyr-7b-beta",
        "HuggingFaceH4/zephyr-7b-alpha",
        "stabilityai/stablelm-zephyr-3b",
    )
    eos_token: ClassVar[str] = "</s>"
    stop_strs: ClassVar[tuple[str, ...]] = ("</s>", "<|user|>")
    reference: ClassVar[str] = "HuggingFaceH4/zephyr-7b-beta chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        messages = role_texts(system, turns)
        prompt = "".join(f"<|{role}|>\n{content}{self.eos_token}\n" for role, content in messages)
        if add_generation_prompt and messages:
            prompt += "<|assistant|>\n"
        return prompt
