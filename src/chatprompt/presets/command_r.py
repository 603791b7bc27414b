"""Command R (Cohere turn tokens), default chat template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import USER, Message
from chatprompt.presets._base import TemplatePromptBase, check_alternating

__all__ = ["CommandRChatPrompt"]

_START = "<|START_OF_TURN_TOKEN|>"
_END = "<|END_OF_TURN_TOKEN|>"


class CommandRChatPrompt(TemplatePromptBase):
    """Command R (``CohereForAI/c4ai-command-r-v01``), the ``default`` chat template.

    Follows the model's published default template: ``<BOS_TOKEN>``, the system turn
    when given, then user and chatbot turns with stripped contents, and the chatbot turn
    opening as the generation prompt. Roles must alternate. The ``tool_use`` and ``rag``
    templates are not supported.
    """

    names: ClassVar[tuple[str, ...]] = ("command-r",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "CohereForAI/c4ai-command-r-v01",
        "CohereLabs/c4ai-command-r-v01",
        "CohereForAI/c4ai-command-r-plus",
    )
    bos_token: ClassVar[str] = "<BOS_TOKEN>"
    eos_token: ClassVar[str] = "<|END_OF_TURN_TOKEN|>"
    stop_strs: ClassVar[tuple[str, ...]] = ("<|END_OF_TURN_TOKEN|>",)
    requester_first: ClassVar[bool] = True
    needs_messages: ClassVar[bool] = True
    reference: ClassVar[str] = "CohereForAI/c4ai-command-r-v01 chat template (default)"

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        check_alternating(turns)
        parts = [self.bos_token]
        if system is not None:
            parts.append(f"{_START}<|SYSTEM_TOKEN|>{system}{_END}")
        for turn in turns:
            token = "<|USER_TOKEN|>" if turn.role == USER else "<|CHATBOT_TOKEN|>"
            parts.append(f"{_START}{token}{turn.content.strip()}{_END}")
        if add_generation_prompt:
            parts.append(f"{_START}<|CHATBOT_TOKEN|>")
        return "".join(parts)
