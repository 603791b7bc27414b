"""``FormatPromptBase``: presets whose format renders a whole :class:`Conversation`.

A current-generation format (tools, tool calls and results, reasoning, content parts, template
variables) is one function of a :class:`~chatprompt._conversation.Conversation`; its preset
class names that function as ``render_conversation`` and declares its facts as class
variables. ``render`` (every preset's, from :class:`~chatprompt.AbstractChatPrompt`) takes what
``apply_chat_template`` takes and calls it.
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt._conversation import Conversation
from chatprompt.presets._base import TemplatePromptBase

__all__ = ["FormatPromptBase"]


class FormatPromptBase(TemplatePromptBase):
    """A preset rendered by a function of the whole conversation.

    Class attributes a preset sets (besides ``names``, ``model_ids``, ``reference``,
    ``stop_strs``, ``bos_token`` and ``eos_token``):
        features: What the format can express, from ``"tools"``, ``"tool_calls"``,
            ``"tool_results"``, ``"reasoning"``, ``"enable_thinking"``, ``"parts"``,
            ``"documents"``, ``"date"`` (for the docs and for callers that check).
    """

    features: ClassVar[frozenset[str]] = frozenset()

    def check_messages(self, messages: object) -> None:
        """Nothing: a format of the whole conversation reads any message field."""

    def render_conversation(self, conversation: Conversation) -> str:
        """The format itself: the text for ``conversation``."""
        raise NotImplementedError(f"{type(self).__name__} must implement render_conversation()")
