"""``FormatPromptBase``: presets whose format renders a whole :class:`Conversation`.

A current-generation format (tools, tool calls and results, reasoning, content parts, template
variables) is one function of a :class:`~chatprompt._conversation.Conversation`; its preset
class names that function as :meth:`FormatPromptBase.render_conversation` and declares its facts
as class variables. :meth:`FormatPromptBase.render` takes what ``apply_chat_template`` takes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from chatprompt._conversation import Conversation, make_conversation, render_continuing
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

    def render(
        self,
        messages: Sequence[Mapping[str, Any]],
        add_generation_prompt: bool = True,
        *,
        tools: Sequence[Mapping[str, Any]] | None = None,
        documents: Sequence[Mapping[str, Any]] | None = None,
        continue_final_message: bool | str = False,
        **template_vars: Any,
    ) -> str:
        """Render as ``tokenizer.apply_chat_template(messages, tokenize=False, ...)`` does with
        the model's published template and the same arguments.

        Args:
            messages: Messages as ``apply_chat_template`` takes them: ``role``, ``content`` (a
                ``str`` or a list of parts), ``tool_calls``, ``tool_call_id``, ``name``,
                ``reasoning_content`` / ``thinking`` / ``reasoning``.
            add_generation_prompt: End with the opening of the assistant's turn.
            tools: Tool (function) schemas.
            documents: Documents, for formats that take them.
            continue_final_message: Leave the final message open for the model to continue
                (a field name continues that field, e.g. ``"reasoning_content"``).
            **template_vars: Template variables (``enable_thinking``, ``date_string``, ...).

        Raises:
            InvalidMessageError: the arguments are not lists of mappings of JSON data.
            TemplateError: the published template refuses the conversation; the message names
                the message and the template's rule.
        """
        conversation = make_conversation(
            messages, add_generation_prompt, tools=tools, documents=documents, **template_vars
        )
        return render_continuing(self.render_conversation, conversation, continue_final_message)

    def render_conversation(self, conversation: Conversation) -> str:
        """The format itself: the text for ``conversation``."""
        raise NotImplementedError(f"{type(self).__name__} must implement render_conversation()")
