"""ChatGLM3 (``<|role|>`` markers after ``[gMASK]sop``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._base import TemplatePromptBase, role_texts

__all__ = ["ChatGLM3ChatPrompt"]


class ChatGLM3ChatPrompt(TemplatePromptBase):
    """ChatGLM3 (``THUDM/chatglm3-6b``).

    Follows the model's published chat template: ``[gMASK]sop`` before the first message,
    each message as ``<|{role}|>\\n {content}``, and ``<|assistant|>`` as the generation
    prompt.
    """

    names: ClassVar[tuple[str, ...]] = ("chatglm3",)
    model_ids: ClassVar[tuple[str, ...]] = ("THUDM/chatglm3-6b", "THUDM/chatglm3-6b-32k")
    eos_token: ClassVar[str] = "</s>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|user|>", "<|observation|>", "</s>")
    reference: ClassVar[str] = "THUDM/chatglm3-6b chat template"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        messages = role_texts(system, turns)
        prompt = "".join(f"<|{role}|>\n {text}" for role, text in messages)
        if messages:
            prompt = "[gMASK]sop" + prompt
        if add_generation_prompt:
            prompt += "<|assistant|>"
        return prompt
