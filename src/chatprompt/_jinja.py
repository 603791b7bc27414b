"""``JinjaChatPrompt``: any Hugging Face chat template as a chat prompt."""

from __future__ import annotations

from typing import Any

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import check_text
from chatprompt._conversation import Conversation
from chatprompt.errors import TemplateError

__all__ = ["JinjaChatPrompt"]


class JinjaChatPrompt(AbstractChatPrompt):
    """A chat prompt rendered by a Jinja chat template through transformers' own machinery,
    so :meth:`render` equals ``tokenizer.apply_chat_template(messages, tokenize=False, ...)``
    with the same tools, documents, ``continue_final_message`` and template variables.

    jinja2 and transformers are imported on the first render, not with :mod:`chatprompt`.

    Args:
        chat_template: The template text (a tokenizer's ``chat_template``).
        bos_token: Passed to the template as ``bos_token``.
        eos_token: Passed to the template as ``eos_token``; also the stop string.
        **extra_context: More template variables (``date_string=...``, other special tokens).

    Raises:
        InvalidMessageError: ``chat_template`` or a token is not a ``str``.
    """

    def __init__(
        self, chat_template: str, bos_token: str = "", eos_token: str = "", **extra_context: Any
    ) -> None:
        check_text(chat_template, "chat_template")
        check_text(bos_token, "bos_token")
        check_text(eos_token, "eos_token")
        self.chat_template = chat_template
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.extra_context = dict(extra_context)
        super().__init__()

    @classmethod
    def from_tokenizer(cls, tokenizer: Any, chat_template: str | None = None) -> JinjaChatPrompt:
        """The prompt ``tokenizer.apply_chat_template`` renders: the tokenizer's template (or
        the named/given ``chat_template``) with all of its special tokens as variables.

        Raises:
            TemplateError: the tokenizer has no chat template.
        """
        try:
            template = tokenizer.get_chat_template(chat_template)
        except ValueError as error:
            raise TemplateError(
                f"{type(tokenizer).__name__} has no usable chat template: {error}"
            ) from error
        context = {
            key: value
            for key, value in tokenizer.special_tokens_map.items()
            if key not in ("bos_token", "eos_token")
        }
        special = tokenizer.special_tokens_map
        return cls(
            template,
            bos_token=special.get("bos_token") or "",
            eos_token=special.get("eos_token") or "",
            **context,
        )

    def get_stop_strs(self) -> list[str]:
        """The EOS text (when there is one) and any stop string the base adds."""
        stops = super().get_stop_strs()
        return [self.eos_token, *stops] if self.eos_token else stops

    def check_messages(self, messages: object) -> None:
        """Nothing: the template decides what it reads."""

    def render_conversation(self, conversation: Conversation) -> str:
        """Render through transformers' chat template renderer, with the conversation's
        tools, documents and template variables.

        Raises:
            TemplateError: the template raised (``raise_exception``) or failed; the message
                carries the template's.
        """
        return self._render_final(conversation, False)

    def _render_final(self, conversation: Conversation, continue_final_message: bool | str) -> str:
        """transformers' own rendering, ``continue_final_message`` included."""
        context = {
            "bos_token": self.bos_token,
            "eos_token": self.eos_token,
            **self.extra_context,
            **conversation.template_vars,
        }
        import jinja2

        try:
            return _render(self.chat_template, conversation, continue_final_message, context)
        except jinja2.TemplateError as error:
            raise TemplateError(f"the chat template raised: {error}") from error
        except (TypeError, ValueError) as error:
            raise TemplateError(f"the chat template failed: {error!r}") from error


def _render(
    template: str,
    conversation: Conversation,
    continue_final_message: bool | str,
    context: dict[str, Any],
) -> str:
    from transformers.utils import chat_template_utils

    messages = [dict(message) for message in conversation.messages]
    tools = None if conversation.tools is None else list(conversation.tools)
    documents = None if conversation.documents is None else list(conversation.documents)
    render = getattr(chat_template_utils, "render_jinja_template", None)
    if render is not None:
        rendered, _ = render(
            conversations=[messages],
            tools=tools,
            documents=documents,
            chat_template=template,
            continue_final_message=continue_final_message,
            add_generation_prompt=conversation.add_generation_prompt,
            **context,
        )
        return str(rendered[0])
    compiled = chat_template_utils._compile_jinja_template(template)  # pragma: no cover
    return str(
        compiled.render(
            messages=messages,
            tools=tools,
            documents=documents,
            add_generation_prompt=conversation.add_generation_prompt,
            **context,
        )
    )
