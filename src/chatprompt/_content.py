"""One message of a chat history, and the enums that describe it."""

from __future__ import annotations

import copy
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from chatprompt.errors import InvalidChatDataError, InvalidMessageError

__all__ = ["ChatContent", "PromptTTL", "RoleType", "check_text"]


class RoleType(enum.Enum):
    """Who speaks: the person asking (requester), the model answering (responder), or unknown."""

    REQUESTER = "requester"
    RESPONDER = "responder"
    UNKNOWN = "unknown"


class PromptTTL(enum.Enum):
    """How much history goes into the prompt: every exchange, or only the last one."""

    MULTI_TURN = "multi_turn"
    SINGLE_TURN = "single_turn"


def check_text(value: object, what: str, *, allow_none: bool = False) -> None:
    """Raise :class:`InvalidMessageError` unless ``value`` is a ``str`` (or ``None`` if allowed)."""
    if value is None and allow_none:
        return
    if not isinstance(value, str):
        expected = "a str or None" if allow_none else "a str"
        raise InvalidMessageError(
            f"{what} must be {expected}, got {type(value).__name__}: {value!r}"
        )


class ChatContent:
    """One message: its role name, text, optional id, role type and child messages.

    ``msg=None`` marks the pending response slot: the place the model's answer goes.
    Child messages hold extra inputs attached to a request (Matsuo Lab's ``### 入力:``).
    ``extras`` holds the message's other fields, as a chat template reads them
    (``tool_calls``, ``tool_call_id``, ``name``, ``reasoning_content``, content parts...): they
    travel through ``to_messages``/``from_messages`` and ``to_dict``/``from_dict`` (under the key
    ``"extras"``, which ChatStream's ``from_dict`` does not read).
    """

    def __init__(
        self,
        role: str,
        msg: str | None = "",
        msg_id: str | None = None,
        role_type: RoleType = RoleType.UNKNOWN,
        child_msgs: Iterable[ChatContent] | None = None,
        *,
        extras: Mapping[str, Any] | None = None,
    ) -> None:
        check_text(role, "role")
        check_text(msg, "message", allow_none=True)
        check_text(msg_id, "message id", allow_none=True)
        if not isinstance(role_type, RoleType):
            raise InvalidMessageError(f"role_type must be a RoleType, got {role_type!r}")
        children = list(child_msgs) if child_msgs is not None else []
        for child in children:
            if not isinstance(child, ChatContent):
                raise InvalidMessageError(f"child messages must be ChatContent, got {child!r}")
        self.role = role
        self.msg = msg
        self.msg_id = msg_id
        self.role_type = role_type
        self.child_msgs: list[ChatContent] = children
        self.extras: dict[str, Any] = _extras(extras)

    @classmethod
    def _checked(
        cls,
        role: str,
        msg: str | None,
        msg_id: str | None,
        role_type: RoleType,
        child_msgs: list[ChatContent],
        extras: Mapping[str, Any],
    ) -> ChatContent:
        """A record of values already checked (by ``parse_messages``); ``extras`` is copied."""
        content = cls.__new__(cls)
        content.role, content.msg, content.msg_id = role, msg, msg_id
        content.role_type, content.child_msgs = role_type, child_msgs
        content.extras = copy.deepcopy(dict(extras)) if extras else {}
        return content

    def __repr__(self) -> str:
        return (
            f"ChatContent(role={self.role!r}, msg={self.msg!r}, msg_id={self.msg_id!r}, "
            f"role_type={self.role_type}, child_msgs={self.child_msgs!r}"
            + (f", extras={self.extras!r})" if self.extras else ")")
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChatContent):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable

    # ChatStream's attribute names for the same fields.
    @property
    def message(self) -> str | None:
        """ChatStream's name for :attr:`msg`."""
        return self.msg

    @message.setter
    def message(self, msg: str | None) -> None:
        self.set_message(msg)

    @property
    def message_id(self) -> str | None:
        """ChatStream's name for :attr:`msg_id`."""
        return self.msg_id

    @message_id.setter
    def message_id(self, msg_id: str | None) -> None:
        self.set_message_id(msg_id)

    @property
    def child_messages(self) -> list[ChatContent]:
        """ChatStream's name for :attr:`child_msgs` (a live list)."""
        return self.child_msgs

    def get_role(self) -> str:
        """The role name (``"ユーザー"``, ``"Instruction"``, ``""``...)."""
        return self.role

    def set_role(self, role: str) -> None:
        """Set the role name."""
        check_text(role, "role")
        self.role = role

    def get_role_type(self) -> RoleType:
        """Whether this is a requester or a responder message."""
        return self.role_type

    def set_role_type(self, role_type: RoleType) -> None:
        """Set the role type."""
        if not isinstance(role_type, RoleType):
            raise InvalidMessageError(f"role_type must be a RoleType, got {role_type!r}")
        self.role_type = role_type

    def get_message(self) -> str | None:
        """The text, or ``None`` for the pending response slot."""
        return self.msg

    def set_message(self, msg: str | None) -> None:
        """Set the text (``None`` makes this the pending response slot)."""
        check_text(msg, "message", allow_none=True)
        self.msg = msg

    def get_message_id(self) -> str | None:
        """The application's id for this message, if it set one."""
        return self.msg_id

    def set_message_id(self, msg_id: str | None) -> None:
        """Set the application's id for this message."""
        check_text(msg_id, "message id", allow_none=True)
        self.msg_id = msg_id

    def get_child_messages(self) -> list[ChatContent]:
        """The child messages (a live list)."""
        return self.child_msgs

    def add_child_message(self, child: ChatContent) -> None:
        """Attach a child message."""
        if not isinstance(child, ChatContent):
            raise InvalidMessageError(f"child messages must be ChatContent, got {child!r}")
        self.child_msgs.append(child)

    def has_child_messages(self) -> bool:
        """Whether any child message is attached."""
        return bool(self.child_msgs)

    def copy(self) -> ChatContent:
        """A deep copy (children and extras copied too)."""
        return ChatContent._checked(
            self.role,
            self.msg,
            self.msg_id,
            self.role_type,
            [child.copy() for child in self.child_msgs],
            self.extras,
        )

    def to_dict(self) -> dict[str, Any]:
        """ChatStream's dict form: ``role``, ``role_type`` (enum name), ``message``,
        ``message_id``, ``child_messages``; and ``extras`` when there are any."""
        data: dict[str, Any] = {
            "role": self.role,
            "role_type": self.role_type.name,
            "message": self.msg,
            "message_id": self.msg_id,
            "child_messages": [child.to_dict() for child in self.child_msgs],
        }
        if self.extras:
            data["extras"] = copy.deepcopy(self.extras)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChatContent:
        """Build a message from :meth:`to_dict`'s form, or from ChatStream's (where a child
        message is a plain string and ``child_messages`` may be ``None``).

        Raises:
            InvalidChatDataError: a key is missing or a value has the wrong kind.
        """
        if not isinstance(data, Mapping):
            raise InvalidChatDataError(f"a chat content must be a mapping, got {data!r}")
        missing = [k for k in ("role", "message") if k not in data]
        if missing:
            raise InvalidChatDataError(
                f"chat content {dict(data)!r} is missing key(s) {', '.join(map(repr, missing))}"
            )
        role_type_name = data.get("role_type", RoleType.UNKNOWN.name)
        try:
            role_type = RoleType[role_type_name]
        except (KeyError, TypeError):
            valid = ", ".join(repr(m.name) for m in RoleType)
            raise InvalidChatDataError(
                f"unknown role_type {role_type_name!r} in chat content; valid: {valid}"
            ) from None
        children_data = data.get("child_messages") or []
        if not isinstance(children_data, list):
            raise InvalidChatDataError(f"child_messages must be a list, got {children_data!r}")
        try:
            return cls(
                data["role"],
                data["message"],
                data.get("message_id"),
                role_type,
                [cls._child_from_data(child) for child in children_data],
                extras=data.get("extras"),
            )
        except InvalidMessageError as error:
            raise InvalidChatDataError(f"invalid chat content {dict(data)!r}: {error}") from None

    @classmethod
    def _child_from_data(cls, data: object) -> ChatContent:
        if isinstance(data, str):  # ChatStream stores child messages as plain strings
            return cls("", data, role_type=RoleType.UNKNOWN)
        if not isinstance(data, Mapping):
            raise InvalidChatDataError(f"a child message must be a mapping or a str, got {data!r}")
        return cls.from_dict(data)


def _extras(extras: object) -> dict[str, Any]:
    if extras is None or (not extras and isinstance(extras, Mapping)):
        return {}
    if not isinstance(extras, Mapping) or not all(isinstance(key, str) for key in extras):
        raise InvalidMessageError(f"extras must be a mapping with str keys, got {extras!r}")
    return copy.deepcopy(dict(extras))
