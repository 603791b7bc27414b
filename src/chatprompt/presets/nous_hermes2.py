"""Nous Hermes 2: ``<s>`` then ChatML, Nous Research's published template.

Every message is written as ``<|im_start|>{role}\\n{content}<|im_end|>\\n`` whatever its role;
the template reads nothing else (tools, tool calls and other fields are not written).
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt._conversation import Conversation
from chatprompt.presets._format_base import FormatPromptBase
from chatprompt.presets._jinja_values import attr, concat, text

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "NousHermes2ChatPrompt",
    "render",
]

NAMES: tuple[str, ...] = ("nous-hermes-2",)
MODEL_IDS: tuple[str, ...] = (
    "NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO",
    "NousResearch/Nous-Hermes-2-Mixtral-8x7B-SFT",
    "NousResearch/Nous-Hermes-2-Mistral-7B-DPO",
)
BOS_TOKEN = "<s>"
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>",)
REFERENCE = "NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO chat template"
FEATURES: frozenset[str] = frozenset()


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Nous Hermes 2 chat template does.

    Raises:
        TemplateError: A message has no role, or content that is not text (the template adds
            both to text).
    """
    out = [BOS_TOKEN]
    for message in conversation.messages:
        role, content = attr(message, "role"), attr(message, "content")
        out.append(text(concat("<|im_start|>", role, "\n", content, "<|im_end|>", "\n")))
    if conversation.add_generation_prompt:
        out.append("<|im_start|>assistant\n")
    return "".join(out)


class NousHermes2ChatPrompt(FormatPromptBase):
    """Nous Hermes 2 (``NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO``): ``<s>`` then ChatML,
    byte for byte its template (any role; tools and tool calls are not written, as the template
    does not write them)."""

    names: ClassVar[tuple[str, ...]] = NAMES
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    bos_token: ClassVar[str] = BOS_TOKEN
    eos_token: ClassVar[str] = EOS_TOKEN
    stop_strs: ClassVar[tuple[str, ...]] = STOP_STRS
    reference: ClassVar[str] = REFERENCE
    features: ClassVar[frozenset[str]] = FEATURES

    def render_conversation(self, conversation: Conversation) -> str:
        return render(conversation)
