"""``Conversation``: everything a format renders, normalized the way ``apply_chat_template`` does.

A format's renderer is a function of one :class:`Conversation`. It sees the messages as
``apply_chat_template`` hands them to a chat template: plain JSON data (deep copies, so a
renderer never touches the caller's objects), without the keys whose value is ``None`` (an
OpenAI-style ``content=None`` is absent, as transformers makes it), with a message's reasoning
copied under ``reasoning_content`` and ``thinking`` whichever of ``reasoning_content``,
``thinking`` or ``reasoning`` the caller used. ``tools`` and ``documents`` are ``None`` when
absent, as transformers passes them. ``continue_final_message`` is applied around the renderer by
:func:`render_continuing`, the same way for every format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from chatprompt.errors import InvalidMessageError, TemplateError

__all__ = ["Conversation", "make_conversation", "render_continuing"]

REASONING_FIELDS = ("reasoning_content", "thinking", "reasoning")
"""The message keys transformers treats as one message's reasoning, in its order of preference."""

_CONTINUE_TAG = "CONTINUE_FINAL_MESSAGE_TAG "
_SCALARS = frozenset((str, int, float, bool, type(None)))


def plain_data(value: Any, where: str) -> Any:
    """A deep copy of ``value`` made of JSON types (``dict``, ``list``, ``tuple``, ``str``,
    ``int``, ``float``, ``bool``, ``None``); ``str``/``int``/``float`` subclasses become the base
    type.

    Raises:
        InvalidMessageError: something else is inside; ``where`` names where it was found.
    """
    if type(value) in _SCALARS:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, Mapping):
        copied: dict[Any, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidMessageError(f"{where} has a non-str key {key!r}")
            # Scalars inline: no recursive call, no ``where`` text (the common case, fast).
            copied[key if type(key) is str else str.__str__(key)] = (
                item if type(item) in _SCALARS else plain_data(item, f"{where}[{key!r}]")
            )
        return copied
    if isinstance(value, list):
        return [plain_data(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, tuple):
        return tuple(plain_data(item, f"{where}[{index}]") for index, item in enumerate(value))
    raise InvalidMessageError(
        f"{where} must be JSON data (dict, list, str, int, float, bool, None), "
        f"got {type(value).__name__}: {value!r}"
    )


def _alias_reasoning(message: dict[str, Any]) -> dict[str, Any]:
    if message.keys().isdisjoint(REASONING_FIELDS):
        return message
    reasoning = next(
        (message[key] for key in REASONING_FIELDS if message.get(key) is not None), None
    )
    if reasoning is None:
        return message
    return {"thinking": reasoning, **message, "reasoning_content": reasoning}


def _plain_message(message: Mapping[str, Any], index: int) -> dict[str, Any]:
    """:func:`plain_data` of one message; a ``dict`` of ``str`` keys and scalar values (most
    messages) is copied without walking it twice."""
    if type(message) is dict:
        for key, value in message.items():
            if type(value) not in _SCALARS or type(key) is not str or value is None:
                break
        else:
            return dict(message)
    copied: dict[str, Any] = plain_data(message, f"message {index}")
    # apply_chat_template drops keys whose value is None (OpenAI's content=None) first.
    return {key: value for key, value in copied.items() if value is not None}


def _messages(messages: object) -> tuple[dict[str, Any], ...]:
    if isinstance(messages, (str, bytes, Mapping)) or not isinstance(messages, Sequence):
        raise InvalidMessageError(
            f"messages must be a list of mappings, got {type(messages).__name__}: {messages!r}"
        )
    plain: list[dict[str, Any]] = []
    for index, message in enumerate(messages):
        if type(message) is not dict and not isinstance(message, Mapping):
            raise InvalidMessageError(
                f"message {index} must be a mapping with a 'role', "
                f"got {type(message).__name__}: {message!r}"
            )
        plain.append(_alias_reasoning(_plain_message(message, index)))
    return tuple(plain)


def _optional_dicts(value: object, name: str) -> tuple[dict[str, Any], ...] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise InvalidMessageError(
            f"{name} must be a list of dicts or None, got {type(value).__name__}: {value!r}"
        )
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise InvalidMessageError(
                f"{name}[{index}] must be a dict, got {type(item).__name__}: {item!r}"
            )
        items.append(plain_data(item, f"{name}[{index}]"))
    return tuple(items)


@attrs.frozen
class Conversation:
    """What a format renders: ``apply_chat_template``'s arguments, as plain data.

    Attributes:
        messages: The messages, each a plain ``dict`` (``role``, ``content`` (a ``str``, a list
            of parts or absent), ``tool_calls``, ``tool_call_id``, ``name``, reasoning, ...).
        add_generation_prompt: End with the opening of the assistant's turn.
        tools: Tool (function) schemas, or ``None`` when the caller passed none.
        documents: Documents for retrieval-augmented formats, or ``None``.
        template_vars: Further template variables (``enable_thinking``, ``reasoning_effort``,
            ``date_string``, ``builtin_tools``, ...).
    """

    messages: tuple[dict[str, Any], ...]
    add_generation_prompt: bool = True
    tools: tuple[dict[str, Any], ...] | None = None
    documents: tuple[dict[str, Any], ...] | None = None
    template_vars: Mapping[str, Any] = attrs.field(factory=dict)

    def var(self, name: str, default: Any = None) -> Any:
        """A template variable, or ``default`` when the caller did not pass it."""
        return self.template_vars.get(name, default)


def make_conversation(
    messages: object,
    add_generation_prompt: bool = True,
    *,
    tools: object = None,
    documents: object = None,
    **template_vars: Any,
) -> Conversation:
    """Copy and normalize ``render``'s arguments as transformers does before a template sees them.

    Raises:
        InvalidMessageError: ``messages``, ``tools`` or ``documents`` is not a list of mappings,
            or holds something that is not JSON data.
    """
    return Conversation(
        messages=_messages(messages),
        add_generation_prompt=bool(add_generation_prompt),
        tools=_optional_dicts(tools, "tools"),
        documents=_optional_dicts(documents, "documents"),
        template_vars=plain_data(template_vars, "template variables"),
    )


def render_continuing(
    render: Callable[[Conversation], str],
    conversation: Conversation,
    continue_final_message: bool | str = False,
) -> str:
    """Render, leaving the final message open when ``continue_final_message`` is set.

    Behaves as ``apply_chat_template(..., continue_final_message=...)``: a marker is appended to
    the final message's text (its last text part when the content is a list of parts), the
    conversation is rendered, and the output is cut at the marker. A string value names the
    field to continue (``"reasoning_content"`` continues the reasoning).

    Raises:
        TemplateError: ``add_generation_prompt`` is set too (``apply_chat_template`` refuses
            both), the conversation is empty, the final message has nothing to continue,
            or the format does not write the final message's text where it can be continued.
    """
    if not continue_final_message:
        return render(conversation)
    if conversation.add_generation_prompt:
        raise TemplateError(
            "continue_final_message and add_generation_prompt are not compatible: continue the "
            "final message, or open a new assistant message, not both"
        )
    if not conversation.messages:
        raise TemplateError("continue_final_message is set but the conversation is empty")
    field = continue_final_message if isinstance(continue_final_message, str) else "content"
    messages = [dict(message) for message in conversation.messages]
    last = messages[-1]
    final = last.get(field)
    if final is None:
        raise TemplateError(
            f"continue_final_message is set but the final message {conversation.messages[-1]!r} "
            f"has no {field!r} to continue"
        )
    fields = [field]
    if field in REASONING_FIELDS:
        fields = [name for name in REASONING_FIELDS if last.get(name) == final]
    if isinstance(final, (list, tuple)):
        container = type(final)
        parts = [dict(part) if isinstance(part, Mapping) else part for part in final]
        for part in reversed(parts):
            if isinstance(part, dict) and "text" in part:
                final = part["text"]
                if not isinstance(final, str):
                    raise TemplateError(
                        "continue_final_message is set but the final message's last text part "
                        f"holds {type(final).__name__}: {final!r}, not text"
                    )
                part["text"] = final + _CONTINUE_TAG
                break
        else:
            raise TemplateError(
                f"continue_final_message is set but the final message {conversation.messages[-1]!r}"
                " has no text part to continue"
            )
        last[field] = parts if container is list else tuple(parts)
    elif isinstance(final, str):
        for name in fields:
            last[name] = last[name] + _CONTINUE_TAG
    else:
        raise TemplateError(
            f"continue_final_message is set but the final message's {field!r} is "
            f"{type(final).__name__}: {final!r}, not text"
        )
    rendered = render(attrs.evolve(conversation, messages=tuple(messages)))
    tag = _CONTINUE_TAG.strip()
    if final.strip() not in rendered or tag not in rendered:
        raise TemplateError(
            "continue_final_message is set but the format does not write the final message "
            f"{final.strip()!r} where it can be continued"
        )
    cut = rendered.rindex(tag)
    if rendered[cut : cut + len(_CONTINUE_TAG)] == _CONTINUE_TAG:
        return rendered[:cut]
    return rendered[:cut].rstrip()
