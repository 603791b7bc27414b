"""The plain message list (``{"role": ..., "content": ...}``) and its validation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from chatprompt.errors import InvalidMessageError, MessageOrderError, UnknownRoleError

__all__ = [
    "ASSISTANT",
    "SYSTEM",
    "USER",
    "Message",
    "parse_history_messages",
    "parse_messages",
    "text_of",
]

SYSTEM = "system"
USER = "user"
ASSISTANT = "assistant"
ROLES = (SYSTEM, USER, ASSISTANT)
_KEYS = frozenset(("role", "content", "message_id", "child_messages"))
_NO_EXTRAS: Mapping[str, Any] = MappingProxyType({})


@attrs.frozen
class Message:
    """A validated message: role, text, and the optional extras chatprompt round-trips.

    ``extras`` holds the message's other fields as given (``tool_calls``, ``tool_call_id``,
    ``name``, ``reasoning_content``...): formats that have no place for them ignore them, as
    the published templates do, and the history keeps them.
    """

    role: str
    content: str
    message_id: str | None = None
    child_messages: tuple[Mapping[str, Any], ...] = ()
    extras: Mapping[str, Any] = _NO_EXTRAS

    def to_dict(self) -> dict[str, Any]:
        """The plain dict form; ``message_id``/``child_messages`` only when set, then the
        extra fields."""
        data: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.message_id is not None:
            data["message_id"] = self.message_id
        if self.child_messages:
            data["child_messages"] = [dict(child) for child in self.child_messages]
        for key, value in self.extras.items():
            data.setdefault(key, value)
        return data


def _parse_one(index: int, item: object, roles: Sequence[str] | None = ROLES) -> Message:
    if type(item) is not dict and not isinstance(item, Mapping):
        raise InvalidMessageError(
            f"message {index} must be a mapping with 'role' and 'content', "
            f"got {type(item).__name__}: {item!r}"
        )
    if "role" not in item or "content" not in item:
        missing = [key for key in ("role", "content") if key not in item]
        raise InvalidMessageError(
            f"message {index} {dict(item)!r} is missing key(s) {', '.join(map(repr, missing))}"
        )
    role, content = item["role"], item["content"]
    if roles is not None and role not in roles:
        raise UnknownRoleError(
            f"message {index} has unknown role {role!r}; valid roles: {', '.join(map(repr, ROLES))}"
        )
    if not isinstance(content, str):
        raise InvalidMessageError(
            f"message {index} ({role}) content must be a str, "
            f"got {type(content).__name__}: {content!r}"
        )
    if len(item) == 2:  # role and content only: most messages
        return Message(role, content)
    message_id = item.get("message_id")
    if message_id is not None and not isinstance(message_id, str):
        raise InvalidMessageError(f"message {index} message_id must be a str, got {message_id!r}")
    children = item.get("child_messages") or ()
    if type(children) not in (tuple, list) and (
        not isinstance(children, Sequence) or isinstance(children, str)
    ):
        raise InvalidMessageError(
            f"message {index} child_messages must be a list, got {children!r}"
        )
    extras = (
        {key: value for key, value in item.items() if key not in _KEYS}
        if len(item) > 2 + (message_id is not None) + ("child_messages" in item)
        else _NO_EXTRAS
    )
    return Message(role, content, message_id, tuple(children), extras)


def parse_messages(messages: object, *, requester_first: bool = False) -> list[Message]:
    """Validate a message list the way chat templates expect it.

    A system message may only come first. With ``requester_first`` the first non-system
    message must be a user message.

    Raises:
        InvalidMessageError: ``messages`` or an item or a content has the wrong type.
        UnknownRoleError: a role is not ``system``, ``user`` or ``assistant``.
        MessageOrderError: a system message after the first position, or an assistant message
            first where the format needs a user message first.
    """
    if isinstance(messages, (str, bytes, Mapping)) or not isinstance(messages, Sequence):
        raise InvalidMessageError(
            f"messages must be a list of mappings, got {type(messages).__name__}: {messages!r}"
        )
    parsed = [_parse_one(index, item) for index, item in enumerate(messages)]
    for index, message in enumerate(parsed):
        if message.role == SYSTEM and index != 0:
            raise MessageOrderError(
                f"a system message may only come first; message {index} is {message.to_dict()!r}"
            )
    conversation = parsed[1:] if parsed and parsed[0].role == SYSTEM else parsed
    if requester_first and conversation and conversation[0].role == ASSISTANT:
        raise MessageOrderError(
            f"this format needs a user message before any assistant message; the first is "
            f"{conversation[0].to_dict()!r}"
        )
    return parsed


def text_of(content: object) -> str:
    """The text of a message content: a ``str`` itself, the joined ``text`` of a list's text
    parts, ``""`` for anything else (``None``, an image part)."""
    if isinstance(content, str):
        return content
    if isinstance(content, (list, tuple)):
        return "".join(
            part["text"]
            for part in content
            if isinstance(part, Mapping)
            and part.get("type") == "text"
            and isinstance(part.get("text"), str)
        )
    return ""


def parse_history_messages(messages: object) -> list[Message]:
    """Read a message list for a history whose format reads any message field.

    Any role is taken (``tool``, a later ``system``...), and a content that is not a ``str``
    (a list of parts, ``None``, no content at all) is kept in ``extras["content"]`` (``None``
    when absent), with :func:`text_of` it as the message's ``content``.

    Raises:
        InvalidMessageError: ``messages`` is not a list of mappings, a message has no ``str``
            ``role``, a ``message_id`` or ``child_messages`` has the wrong type, or the first
            system message's content is not text (the history keeps the system text as a str).
    """
    if isinstance(messages, (str, bytes, Mapping)) or not isinstance(messages, Sequence):
        raise InvalidMessageError(
            f"messages must be a list of mappings, got {type(messages).__name__}: {messages!r}"
        )
    parsed = []
    for index, item in enumerate(messages):
        if not isinstance(item, Mapping) or not isinstance(item.get("role"), str):
            raise InvalidMessageError(
                f"message {index} must be a mapping with a str 'role', got {item!r}"
            )
        content = item.get("content")
        if isinstance(content, str):
            parsed.append(_parse_one(index, item, None))
            continue
        if index == 0 and item["role"] == SYSTEM:
            raise InvalidMessageError(
                f"message 0 (system) content must be a str in a chat history, got {content!r}"
            )
        message = _parse_one(index, {**item, "content": text_of(content)}, None)
        extras = {**message.extras, "content": content}
        parsed.append(attrs.evolve(message, extras=extras))
    return parsed
