"""DeepSeek Coder instruct (``### Instruction:`` / ``### Response:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["DeepSeekCoderChatPrompt"]


class DeepSeekCoderChatPrompt(TemplatePromptBase):
    """DeepSeek Coder instruct (``deepseek-ai/deepseek-coder-6.7b-instruct`` and siblings).

    Follows the model's published chat template: the BOS, the system text (DeepSeek's
    default programming-assistant text when none is given),
    ``### Instruction:\\n{content}\\n`` and ``### Response:\\n{content}\\n<|EOT|>\\n``, and
    ``### Response:\\n`` as the generation prompt.
    """

    names: ClassVar[tuple[str, ...]] = ("deepseek-coder",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "deepseek-ai/deepseek-coder-1.3b-instruct",
        "deepseek-ai/deepseek-coder-6.7b-instruct",
        "deepseek-ai/deepseek-coder-33b-instruct",
    )
    bos_token: ClassVar[str] = "<｜begin▁of▁sentence｜>"
    eos_token: ClassVar[str] = "<|EOT|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|EOT|>",)
    reference: ClassVar[str] = "deepseek-ai/deepseek-coder-6.7b-instruct chat template"
    default_system_message: ClassVar[str] = (
        "You are an AI programming assistant, utilizing the Deepseek Coder model, developed by "
        "Deepseek Company, and you only answer questions related to computer science. For "
        "politically sensitive questions, security and privacy issues, and other non-computer "
        "science questions, you will refuse to answer\n"
    )

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        parts = [self.bos_token, self.default_system_message if system is None else system]
        for turn in turns:
            if turn.role == USER:
                parts.append(f"### Instruction:\n{turn.content}\n")
            else:
                parts.append(f"### Response:\n{turn.content}\n<|EOT|>\n")
        if add_generation_prompt:
            parts.append("### Response:\n")
        return "".join(parts)
