"""``JinjaChatPrompt``: any Hugging Face chat template as a chat prompt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import check_text
from chatprompt._conversation import Conversation
from chatprompt.errors import InvalidMessageError, TemplateError

__all__ = ["JinjaChatPrompt", "select_chat_template"]

ChatTemplates = str | Mapping[str, str] | Sequence[Mapping[str, str]]
"""A template text, or a tokenizer's named templates: ``{name: text}`` or the list of
``{"name": ..., "template": ...}`` a ``tokenizer_config.json`` holds."""


def _named_templates(chat_template: ChatTemplates) -> str | dict[str, str]:
    """The template text, or the named templates as ``{name: text}``.

    Raises:
        InvalidMessageError: a template or a name is not a ``str``, or a list entry lacks
            ``name`` or ``template``.
    """
    if isinstance(chat_template, str):
        return chat_template
    if isinstance(chat_template, Mapping):
        pairs = list(chat_template.items())
    else:
        pairs = []
        for index, entry in enumerate(chat_template):
            if not (isinstance(entry, Mapping) and "name" in entry and "template" in entry):
                raise InvalidMessageError(
                    f"chat_template[{index}] must be a mapping with 'name' and 'template', "
                    f"got {entry!r}"
                )
            pairs.append((entry["name"], entry["template"]))
    for name, text in pairs:
        check_text(name, "a chat template name")
        check_text(text, f"chat template {name!r}")
    return dict(pairs)


def select_chat_template(
    templates: str | Mapping[str, str],
    name: str | None = None,
    tools: Sequence[Any] | None = None,
) -> str:
    """The template ``apply_chat_template`` renders, picked as transformers'
    ``get_chat_template`` picks it: among named templates, ``name`` when it is one of them,
    else ``tool_use`` when ``tools`` is given (even empty) and there is one, else ``default``;
    a ``name`` that names no template is itself the template text.

    Raises:
        TemplateError: there are named templates, no ``name`` and no ``default`` to fall back on.
    """
    if isinstance(templates, str):
        return templates if name is None else name
    if name is not None:
        return templates.get(name, name)
    if tools is not None and "tool_use" in templates:
        return templates["tool_use"]
    if "default" in templates:
        return templates["default"]
    raise TemplateError(
        f"the chat templates {sorted(templates)!r} have no 'default'; pass template_name= "
        f"to choose one"
    )


class JinjaChatPrompt(AbstractChatPrompt):
    """A chat prompt rendered by a Jinja chat template through transformers' own machinery,
    so :meth:`render` equals ``tokenizer.apply_chat_template(messages, tokenize=False, ...)``
    with the same tools, documents, ``continue_final_message`` and template variables.

    jinja2 and transformers are imported on the first render, not with :mod:`chatprompt`.

    Args:
        chat_template: The template text (a tokenizer's ``chat_template``), or a tokenizer's
            named templates (``{name: text}`` or a list of ``{"name", "template"}``), picked
            among as transformers picks (:func:`select_chat_template`).
        bos_token: Passed to the template as ``bos_token``.
        eos_token: Passed to the template as ``eos_token``; also the stop string.
        template_name: The named template to render (or a template text), as
            ``apply_chat_template(chat_template=...)``; by default ``tool_use`` when tools are
            given, else ``default``.
        **extra_context: More template variables (``date_string=...``, other special tokens).

    Raises:
        InvalidMessageError: a template, name or token is not a ``str``.
    """

    def __init__(
        self,
        chat_template: ChatTemplates,
        bos_token: str = "",
        eos_token: str = "",
        *,
        template_name: str | None = None,
        **extra_context: Any,
    ) -> None:
        if template_name is not None:
            check_text(template_name, "template_name")
        check_text(bos_token, "bos_token")
        check_text(eos_token, "eos_token")
        self.chat_template = _named_templates(chat_template)
        self.template_name = template_name
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
        template = tokenizer.chat_template
        if template is None:
            if chat_template is None:
                raise TemplateError(f"{type(tokenizer).__name__} has no usable chat template")
            template, chat_template = chat_template, None
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
            template_name=chat_template,
            **context,
        )

    def template_for(self, tools: Sequence[Any] | None = None) -> str:
        """The template text a render with ``tools`` uses (:func:`select_chat_template`)."""
        return select_chat_template(self.chat_template, self.template_name, tools)

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
            template = self.template_for(conversation.tools)
            return _render(template, conversation, continue_final_message, context)
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
