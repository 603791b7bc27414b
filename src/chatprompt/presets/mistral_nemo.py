"""Mistral Nemo instruct: Mistral's published v3 (tekken) template with tools.

Mistral v0.3's template without the spaces: ``<s>[INST]{user}[/INST]{answer}</s>``, answers
as they are (not stripped), ``[AVAILABLE_TOOLS][...]``, ``[TOOL_CALLS][...]``,
``[TOOL_RESULTS]{...}`` (see :func:`~chatprompt.presets.mistral_v03.render_mistral_v3`).
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt._conversation import Conversation
from chatprompt.presets.mistral_v03 import (
    BOS_TOKEN,
    EOS_TOKEN,
    FEATURES,
    STOP_STRS,
    MistralV03ChatPrompt,
    render_mistral_v3,
)

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "MistralNemoChatPrompt",
    "render",
]

NAMES: tuple[str, ...] = ("mistral-nemo",)
MODEL_IDS: tuple[str, ...] = ("mistralai/Mistral-Nemo-Instruct-2407",)
REFERENCE = "mistralai/Mistral-Nemo-Instruct-2407 chat template"


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Mistral Nemo chat template does.

    Raises:
        MessageOrderError: User and assistant messages do not alternate.
        TemplateError: Where the template otherwise refuses or fails on the conversation.
    """
    return render_mistral_v3(
        conversation, space="", bos_token=BOS_TOKEN, eos_token=EOS_TOKEN, strip_answer=False
    )


class MistralNemoChatPrompt(MistralV03ChatPrompt):
    """Mistral Nemo instruct (``mistralai/Mistral-Nemo-Instruct-2407``), byte for byte its
    template: as Mistral v0.3 without spaces around ``[INST]`` / ``[/INST]`` and with answers
    as they are."""

    names: ClassVar[tuple[str, ...]] = NAMES
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    reference: ClassVar[str] = REFERENCE

    def render_conversation(self, conversation: Conversation) -> str:
        return render(conversation)
