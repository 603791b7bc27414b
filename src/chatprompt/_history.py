"""``ChatHistory``: ChatStream's chat history, the state every chat prompt carries.

The public API is ChatStream's (``add_requester_msg``, ``get_contents``, ``chat_contents``,
``to_dict``...), so an application written against ChatStream's ``AbstractChatPrompt`` keeps
working. The history knows nothing of any prompt format: :class:`~chatprompt.AbstractChatPrompt`
turns it into a message list and renders that.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from chatprompt._content import ChatContent, PromptTTL, RoleType, check_text
from chatprompt._history_data import history_data, parse_history_data
from chatprompt.errors import InvalidMessageError, MessageOrderError, UnknownMessageIdError

__all__ = ["ChatHistory"]

_History = TypeVar("_History", bound="ChatHistory")


class _FromDict:
    """Makes ``from_dict`` callable on the class (ChatStream's classmethod) and on a prompt."""

    def __get__(
        self, instance: _History | None, owner: type[_History]
    ) -> Callable[[Mapping[str, Any]], _History]:
        def from_dict(data: Mapping[str, Any]) -> _History:
            return owner._from_dict(data, instance)

        from_dict.__doc__ = owner._from_dict.__doc__
        return from_dict


class ChatHistory:
    """The messages of a chat, the system text, the role names and the history modes.

    Class attributes a subclass sets:
        requester_first: Whether a responder message needs a requester message before it.
    """

    requester_first: ClassVar[bool] = False

    def __init__(self) -> None:
        self._system: str = ""
        self._requester: str = ""
        self._responder: str = ""
        self._contents: list[ChatContent] = []
        self._prompt_ttl = PromptTTL.MULTI_TURN
        self._chat_mode_enabled = True
        self.set_system(self.default_system())

    # ------------------------------------------------------------------ roles and system
    def default_system(self) -> str:
        """The system text a new prompt starts with (and ``render`` uses without a system
        message). Presets override it; the base returns ``""``."""
        return ""

    def set_system(self, system: str) -> None:
        """Set the system text exactly as it is placed in the prompt."""
        check_text(system, "system")
        self._system = system

    def get_system(self) -> str:
        """The system text exactly as it is placed in the prompt."""
        return self._system

    def set_requester(self, requester: str) -> None:
        """Set the requester's role name (``"ユーザー"``, ``"Instruction"``...)."""
        check_text(requester, "requester role")
        self._requester = requester

    def get_requester(self) -> str:
        """The requester's role name."""
        return self._requester

    def set_responder(self, responder: str) -> None:
        """Set the responder's role name."""
        check_text(responder, "responder role")
        self._responder = responder

    def get_responder(self) -> str:
        """The responder's role name."""
        return self._responder

    # ------------------------------------------------------------------ ChatStream's attributes
    # ChatStream's server, chat loop and probe read these public attributes of a prompt.
    @property
    def system(self) -> str:
        """ChatStream's attribute for :meth:`get_system` / :meth:`set_system`."""
        return self._system

    @system.setter
    def system(self, system: str) -> None:
        self.set_system(system)

    @property
    def requester(self) -> str:
        """ChatStream's attribute for :meth:`get_requester` / :meth:`set_requester`."""
        return self._requester

    @requester.setter
    def requester(self, requester: str) -> None:
        self.set_requester(requester)

    @property
    def responder(self) -> str:
        """ChatStream's attribute for :meth:`get_responder` / :meth:`set_responder`."""
        return self._responder

    @responder.setter
    def responder(self, responder: str) -> None:
        self.set_responder(responder)

    @property
    def chat_mode(self) -> bool:
        """ChatStream's attribute for :meth:`is_chat_mode_enabled` /
        :meth:`set_chat_mode_enabled`."""
        return self._chat_mode_enabled

    @chat_mode.setter
    def chat_mode(self, enabled: bool) -> None:
        self.set_chat_mode_enabled(enabled)

    @property
    def chat_contents(self) -> list[ChatContent]:
        """The history itself (the live list, in order; ``get_contents`` returns copies)."""
        return self._contents

    @chat_contents.setter
    def chat_contents(self, contents: Iterable[ChatContent]) -> None:
        contents = list(contents)
        for content in contents:
            if not isinstance(content, ChatContent):
                raise InvalidMessageError(f"chat_contents must hold ChatContent, got {content!r}")
        self._contents = contents

    @property
    def requester_messages(self) -> list[ChatContent]:
        """The requester messages of the history, in order (the live messages, a new list)."""
        return [c for c in self._contents if self._role_type(c) is RoleType.REQUESTER]

    @property
    def responder_messages(self) -> list[ChatContent]:
        """The responder messages of the history, in order (the live messages, a new list)."""
        return [c for c in self._contents if self._role_type(c) is RoleType.RESPONDER]

    # ------------------------------------------------------------------ history
    def add_requester_msg(
        self,
        message: str,
        child_message: ChatContent | str | None = None,
        child_messages: Iterable[ChatContent | str] | None = None,
    ) -> ChatContent:
        """Append a requester message, with optional child messages; returns it."""
        check_text(message, "requester message")
        children = [] if child_message is None else [child_message]
        children.extend(child_messages or [])
        content = ChatContent(
            self._requester,
            message,
            role_type=RoleType.REQUESTER,
            child_msgs=[self._as_child(child) for child in children],
        )
        self._contents.append(content)
        return content

    def _as_child(self, child: ChatContent | str) -> ChatContent:
        if isinstance(child, ChatContent):
            return child
        check_text(child, "child message")
        return ChatContent("", child, role_type=RoleType.UNKNOWN)

    def add_responder_msg(self, message: str | None) -> ChatContent:
        """Append a responder message; ``None`` appends the pending response slot."""
        check_text(message, "responder message", allow_none=True)
        if self.requester_first and not any(
            self._role_type(c) is RoleType.REQUESTER for c in self._contents
        ):
            raise MessageOrderError(
                f"{type(self).__name__} needs a requester message before the responder "
                f"message {message!r}"
            )
        content = ChatContent(self._responder, message, role_type=RoleType.RESPONDER)
        self._contents.append(content)
        return content

    def get_turn(self) -> int:
        """The number of requester messages in the history."""
        return sum(1 for c in self._contents if self._role_type(c) is RoleType.REQUESTER)

    def is_empty(self) -> bool:
        """Whether the history holds no message."""
        return not self._contents

    def clear_history(self) -> None:
        """Remove every message (the system text stays)."""
        self._contents = []

    def get_contents(self, opts: Mapping[str, Any] | None = None) -> list[ChatContent]:
        """Copies of the messages, shaped by ``opts``.

        Args:
            opts: ``"to_message_id"``: keep messages up to and including the one with this id.
                ``"omit_last_message"``: turn the last kept message into the pending slot
                (its text becomes ``None``).

        Raises:
            UnknownMessageIdError: no message has the ``to_message_id`` given.
        """
        opts = opts or {}
        contents = [c.copy() for c in self._contents]
        to_message_id = opts.get("to_message_id")
        if to_message_id is not None:
            for index, content in enumerate(contents):
                if content.msg_id == to_message_id:
                    contents = contents[: index + 1]
                    break
            else:
                raise UnknownMessageIdError(
                    f"no message has message id {to_message_id!r}; ids in the history: "
                    f"{[c.msg_id for c in self._contents if c.msg_id is not None]!r}"
                )
        if opts.get("omit_last_message") and contents:
            contents[-1].msg = None
        return contents

    def _last(self, role_type: RoleType) -> ChatContent | None:
        for content in reversed(self._contents):
            if self._role_type(content) is role_type:
                return content
        return None

    def get_requester_last_msg(self) -> str | None:
        """The text of the last requester message, or ``None`` when there is none."""
        last = self._last(RoleType.REQUESTER)
        return None if last is None else last.msg

    def get_responder_last_msg(self) -> str | None:
        """The text of the last responder message (``None`` when pending or absent)."""
        last = self._last(RoleType.RESPONDER)
        return None if last is None else last.msg

    def set_responder_last_msg(self, message: str) -> None:
        """Fill the last responder message (typically the pending slot) with the answer.

        Raises:
            MessageOrderError: the history has no responder message.
        """
        check_text(message, "responder message")
        self._require_last(RoleType.RESPONDER, "set the last responder message").msg = message

    def set_responder_last_msg_id(self, message_id: str) -> None:
        """Give the last responder message an id (for ``to_message_id`` and lookups)."""
        check_text(message_id, "message id")
        last = self._require_last(RoleType.RESPONDER, "set the last responder message id")
        last.msg_id = message_id

    def clear_last_responder_message(self) -> None:
        """Turn the last responder message back into the pending slot (to regenerate it)."""
        self._require_last(RoleType.RESPONDER, "clear the last responder message").msg = None

    def remove_last_requester_msg(self) -> None:
        """Remove the last requester message."""
        self._contents.remove(self._require_last(RoleType.REQUESTER, "remove it"))

    def remove_last_responder_msg(self) -> None:
        """Remove the last responder message."""
        self._contents.remove(self._require_last(RoleType.RESPONDER, "remove it"))

    def _require_last(self, role_type: RoleType, action: str) -> ChatContent:
        last = self._last(role_type)
        if last is None:
            raise MessageOrderError(
                f"cannot {action}: the history has no {role_type.value} message"
            )
        return last

    def find_chat_content_by_message_id(self, message_id: str) -> ChatContent | None:
        """The message with this id (the live object), or ``None``."""
        for content in self._contents:
            if content.msg_id == message_id:
                return content
        return None

    def _role_type(self, content: ChatContent) -> RoleType:
        if content.role_type is not RoleType.UNKNOWN:
            return content.role_type
        if content.role == self._requester:
            return RoleType.REQUESTER
        if content.role == self._responder:
            return RoleType.RESPONDER
        return RoleType.UNKNOWN

    # ------------------------------------------------------------------ modes
    def set_prompt_ttl(self, prompt_ttl: PromptTTL) -> None:
        """Render every exchange (``MULTI_TURN``) or only the last one (``SINGLE_TURN``)."""
        if not isinstance(prompt_ttl, PromptTTL):
            raise InvalidMessageError(f"prompt_ttl must be a PromptTTL, got {prompt_ttl!r}")
        self._prompt_ttl = prompt_ttl

    def get_prompt_ttl(self) -> PromptTTL:
        """The history mode."""
        return self._prompt_ttl

    def set_chat_mode_enabled(self, enabled: bool) -> None:
        """With chat mode off the prompt is just the last requester message."""
        self._chat_mode_enabled = bool(enabled)

    def is_chat_mode_enabled(self) -> bool:
        """Whether chat mode is on (the default)."""
        return self._chat_mode_enabled

    # ------------------------------------------------------------------ ChatStream's dict form
    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-compatible data, in ChatStream's layout.

        Keys: ``system``, ``requester``, ``responder``, ``chat_contents``,
        ``requester_messages``, ``responder_messages`` and ``chat_mode`` (what ChatStream's
        ``from_dict`` reads), plus ``prompt_ttl``.
        """
        return history_data(
            self._system,
            self._requester,
            self._responder,
            self._contents,
            (self.requester_messages, self.responder_messages),
            self._chat_mode_enabled,
            self._prompt_ttl,
        )

    @classmethod
    def _from_dict(cls: type[_History], data: Any, template: _History | None = None) -> _History:
        """A new prompt holding the state in ``data`` (from :meth:`to_dict` or from
        ChatStream's ``to_dict``).

        Called on the class (``Llama2ChatPrompt.from_dict(data)``, as in ChatStream) it builds
        the class with no arguments; called on a prompt it starts from a copy of that prompt,
        keeping its constructor settings. The history comes from ``chat_contents``;
        ``requester_messages`` / ``responder_messages`` (ChatStream's copies of the same
        messages) are checked and otherwise not needed. ``chat_mode_enabled`` (this library's
        older key) is read where ``chat_mode`` is missing.

        Raises:
            InvalidChatDataError: a key is missing or a value has the wrong kind (the message
                names the key); nothing is changed.
        """
        state = parse_history_data(data)
        prompt = cls() if template is None else copy.copy(template)
        prompt._system = state.system
        prompt._requester = state.requester
        prompt._responder = state.responder
        prompt._contents = state.contents
        prompt._prompt_ttl = state.prompt_ttl
        prompt._chat_mode_enabled = state.chat_mode
        return prompt

    from_dict: ClassVar[_FromDict] = _FromDict()
