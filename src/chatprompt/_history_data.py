"""A chat history as ChatStream's ``to_dict`` data, and the checks on reading it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from chatprompt._content import ChatContent, PromptTTL
from chatprompt.errors import InvalidChatDataError

__all__ = ["history_data", "parse_history_data"]


@attrs.frozen
class HistoryData:
    """The state read back from ``to_dict`` data (the history's own objects, not copies)."""

    system: str
    requester: str
    responder: str
    contents: list[ChatContent]
    prompt_ttl: PromptTTL
    chat_mode: bool


def history_data(
    system: str,
    requester: str,
    responder: str,
    contents: Sequence[ChatContent],
    by_role: tuple[Sequence[ChatContent], Sequence[ChatContent]],
    chat_mode: bool,
    prompt_ttl: PromptTTL,
) -> dict[str, Any]:
    """ChatStream's layout; ``by_role`` holds the requester and the responder messages."""
    requester_messages, responder_messages = by_role
    return {
        "system": system,
        "requester": requester,
        "responder": responder,
        "chat_contents": [content.to_dict() for content in contents],
        "requester_messages": [content.to_dict() for content in requester_messages],
        "responder_messages": [content.to_dict() for content in responder_messages],
        "chat_mode": chat_mode,
        "prompt_ttl": prompt_ttl.name,
    }


def parse_history_data(data: object) -> HistoryData:
    """Check and read ``to_dict`` data (this library's or ChatStream's).

    Raises:
        InvalidChatDataError: a key is missing or a value has the wrong kind (the message
            names the key).
    """
    if not isinstance(data, Mapping):
        raise InvalidChatDataError(f"chat prompt data must be a mapping, got {data!r}")
    required = ("system", "requester", "responder", "chat_contents")
    missing = [key for key in required if key not in data]
    if missing:
        raise InvalidChatDataError(
            f"chat prompt data is missing key(s) {', '.join(map(repr, missing))}; "
            f"keys present: {sorted(data)!r}"
        )
    for key in ("system", "requester", "responder"):
        if not isinstance(data[key], str):
            raise InvalidChatDataError(f"{key!r} must be a str, got {data[key]!r}")
    contents = _contents_from(data, "chat_contents")
    for key in ("requester_messages", "responder_messages"):
        if key in data:
            _contents_from(data, key)
    ttl_name = data.get("prompt_ttl", PromptTTL.MULTI_TURN.name)
    if ttl_name not in PromptTTL.__members__:
        valid = ", ".join(repr(name) for name in PromptTTL.__members__)
        raise InvalidChatDataError(f"unknown prompt_ttl {ttl_name!r}; valid: {valid}")
    mode_key = "chat_mode" if "chat_mode" in data else "chat_mode_enabled"
    chat_mode = data.get(mode_key, True)
    if not isinstance(chat_mode, bool):
        raise InvalidChatDataError(f"{mode_key!r} must be a bool, got {chat_mode!r}")
    return HistoryData(
        data["system"],
        data["requester"],
        data["responder"],
        contents,
        PromptTTL[ttl_name],
        chat_mode,
    )


def _contents_from(data: Mapping[str, Any], key: str) -> list[ChatContent]:
    """The messages stored under ``key``, or :class:`InvalidChatDataError` naming the key."""
    items = data[key]
    if not isinstance(items, list):
        raise InvalidChatDataError(f"{key!r} must be a list, got {items!r}")
    try:
        return [ChatContent.from_dict(item) for item in items]
    except InvalidChatDataError as error:
        raise InvalidChatDataError(f"{key!r}: {error}") from None
