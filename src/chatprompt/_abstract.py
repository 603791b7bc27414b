"""``AbstractChatPrompt``: a chat history and the prompt format that renders it.

The public API is ChatStream's, so an application written against ChatStream's
``AbstractChatPrompt`` switches by changing an import. On top of it every prompt renders a plain
message list statelessly, as ``tokenizer.apply_chat_template(..., tokenize=False)`` does.

A preset describes its format in one of two ways:

- line by line (ChatStream's way): override :meth:`build_initial_prompt` and
  :meth:`format_message`; the base class walks the history;
- as a whole (a chat template's way): override :meth:`render`; the base class turns the history
  into messages and calls it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from chatprompt._content import ChatContent, PromptTTL, RoleType, check_text
from chatprompt._echo import echo_len
from chatprompt._messages import ASSISTANT, SYSTEM, USER, Message, parse_messages
from chatprompt._output_format import OutputFormat
from chatprompt.errors import (
    InvalidChatDataError,
    InvalidMessageError,
    MessageOrderError,
    MissingTokenizerError,
    UnknownMessageIdError,
)

__all__ = ["AbstractChatPrompt"]

Replacements = list[tuple[str, str]]

_Prompt = TypeVar("_Prompt", bound="AbstractChatPrompt")


def _apply(replacements: Iterable[tuple[str, str]] | None, text: str) -> str:
    for old, new in replacements or ():
        text = text.replace(old, new)
    return text


class _FromDict:
    """Makes ``from_dict`` callable on the class (ChatStream's classmethod) and on a prompt."""

    def __get__(
        self, instance: _Prompt | None, owner: type[_Prompt]
    ) -> Callable[[Mapping[str, Any]], _Prompt]:
        def from_dict(data: Mapping[str, Any]) -> _Prompt:
            return owner._from_dict(data, instance)

        from_dict.__doc__ = owner._from_dict.__doc__
        return from_dict


class AbstractChatPrompt:
    """A chat history plus the prompt format of one model family.

    Class attributes a preset sets:
        stop_strs: Strings that end the model's answer.
        input_replacements: ``(old, new)`` pairs applied to message text before rendering.
        output_replacements: ``(old, new)`` pairs applied to the model's output text.
        requester_first: Whether the format needs a requester message before any responder
            message.
    """

    stop_strs: ClassVar[tuple[str, ...]] = ()
    input_replacements: ClassVar[tuple[tuple[str, str], ...]] = ()
    output_replacements: ClassVar[tuple[tuple[str, str], ...]] = ()
    requester_first: ClassVar[bool] = False
    # A preset declares itself: the registry and the docs read these three.
    names: ClassVar[tuple[str, ...]] = ()
    """Short names for ``get_chat_prompt``, the first canonical. Only the names a class declares
    in its own body register it: a subclass that declares none is not registered."""
    model_ids: ClassVar[tuple[str, ...]] = ()
    """Hugging Face model ids that use this format (for ``get_chat_prompt``)."""
    reference: ClassVar[str] = ""
    """Where the format comes from (for the docs)."""
    output_format: ClassVar[OutputFormat | None] = None
    """How the model writes reasoning and tool calls (``None``: plain text)."""

    def __init__(self) -> None:
        self._system: str = ""
        self._requester: str = ""
        self._responder: str = ""
        self._contents: list[ChatContent] = []
        self._prompt_ttl = PromptTTL.MULTI_TURN
        self._chat_mode_enabled = True
        self._prefix_as_stop_str_enabled = False
        self._tokenizer: Any = None
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

    def system_from_message(self, content: str) -> str:
        """The system text stored for a ``{"role": "system"}`` message (identity by default)."""
        return content

    def system_to_message(self, system: str) -> str | None:
        """The content of the system message for a stored system text; ``None`` for none."""
        return system or None

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

    def set_prefix_as_stop_str_enabled(self, enabled: bool) -> None:
        """Also stop generation at the requester's prefix (the model starting a new turn)."""
        self._prefix_as_stop_str_enabled = bool(enabled)

    def is_prefix_as_stop_str_enabled(self) -> bool:
        """Whether the requester prefix is a stop string."""
        return self._prefix_as_stop_str_enabled

    # ------------------------------------------------------------------ hooks
    def build_initial_prompt(self, chat_prompt: AbstractChatPrompt) -> str:
        """The text before the first message (line-by-line presets); the system text."""
        return chat_prompt.get_system()

    def format_message(self, content: ChatContent) -> str:
        """The text of one message (line-by-line presets); ``content.msg`` is ``None`` for the
        pending slot. Input replacements are already applied."""
        raise NotImplementedError(
            f"{type(self).__name__} must override format_message() or render()"
        )

    def get_requester_prefix(self) -> str:
        """What starts a requester turn (used by ``set_prefix_as_stop_str_enabled``)."""
        return f"{self._requester}: " if self._requester else ""

    def get_stop_strs(self) -> list[str]:
        """Strings that end the model's answer."""
        stops = list(self.stop_strs)
        prefix = self.get_requester_prefix()
        if self._prefix_as_stop_str_enabled and prefix and prefix not in stops:
            stops.append(prefix)
        return stops

    def _get_final_stop_strs(self) -> list[str]:
        """ChatStream's name for the stop strings its chat loop uses: :meth:`get_stop_strs`,
        which holds the requester prefix when ``set_prefix_as_stop_str_enabled(True)``."""
        return self.get_stop_strs()

    def get_replacement_when_input(self) -> Replacements | None:
        """``(old, new)`` pairs applied to message text before rendering; ``None`` for none.

        ``None`` rather than ``[]``, as in ChatStream: its chat loop builds an output filter from
        any value that is not ``None``. The class attribute ``input_replacements`` is the same
        data as a tuple, always.
        """
        return list(self.input_replacements) or None

    def get_replacement_when_output(self) -> Replacements | None:
        """``(old, new)`` pairs applied to the model's output text; ``None`` for none.

        ``None`` rather than ``[]``: ChatStream 0.3.0 filters its stream through any value that
        is not ``None``, and an empty list swallows every character. The class attribute
        ``output_replacements`` is the same data as a tuple, always.
        """
        return list(self.output_replacements) or None

    def get_custom_skip_echo_len(self, skip_echo_len: int) -> int:
        """Correct the echo length computed by :meth:`get_skip_len` (identity by default)."""
        return skip_echo_len

    # ------------------------------------------------------------------ rendering
    def create_prompt(self, opts: Mapping[str, Any] | None = None) -> str:
        """The prompt for the current history.

        Args:
            opts: As for :meth:`get_contents` (``omit_last_message``, ``to_message_id``).
        """
        replacements = self.get_replacement_when_input()
        if not self._chat_mode_enabled:
            return _apply(replacements, self.get_requester_last_msg() or "")
        contents = self.get_contents(opts)
        if self._prompt_ttl is PromptTTL.SINGLE_TURN:
            last_request = max(
                (i for i, c in enumerate(contents) if self._role_type(c) is RoleType.REQUESTER),
                default=0,
            )
            contents = contents[last_request:]
        for content in contents:
            if content.msg is not None:
                content.msg = _apply(replacements, content.msg)
            for child in content.child_msgs:
                if child.msg is not None:
                    child.msg = _apply(replacements, child.msg)
        if self._renders_as_whole():
            pending = bool(contents) and contents[-1].msg is None
            return self.render(self._to_messages(contents), add_generation_prompt=pending)
        parts = [self.build_initial_prompt(self)]
        parts.extend(self.format_message(content) for content in contents)
        return "".join(parts)

    def _renders_as_whole(self) -> bool:
        return type(self).render is not AbstractChatPrompt.render

    def render(
        self, messages: Sequence[Mapping[str, Any]], add_generation_prompt: bool = True
    ) -> str:
        """Render a plain message list, as ``apply_chat_template(tokenize=False)`` does.

        Stateless: the history of this object is neither read nor changed. Without a system
        message the preset's default system text applies.

        Args:
            messages: ``{"role": "system" | "user" | "assistant", "content": str}`` items.
            add_generation_prompt: End with the opening of the model's answer.

        Raises:
            InvalidMessageError: a message or its content has the wrong type.
            UnknownRoleError: a role is not ``system``, ``user`` or ``assistant``.
            MessageOrderError: the order is one this format cannot express.
        """
        clone = copy.copy(self)
        clone._contents = []
        clone._chat_mode_enabled = True
        clone._prompt_ttl = PromptTTL.MULTI_TURN
        clone.from_messages(messages, add_generation_prompt=add_generation_prompt)
        return clone.create_prompt()

    # ------------------------------------------------------------------ conversions
    def to_messages(self) -> list[dict[str, Any]]:
        """The history as a plain message list (system first when there is one).

        The pending slot is left out; a message's id and child messages come along as the
        extra keys ``message_id`` and ``child_messages``.
        """
        return self._to_messages(self._contents)

    def _to_messages(self, contents: Sequence[ChatContent]) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        system = self.system_to_message(self._system)
        if system is not None:
            messages.append({"role": SYSTEM, "content": system})
        for content in contents:
            if content.msg is None:
                continue
            role = USER if self._role_type(content) is RoleType.REQUESTER else ASSISTANT
            message = Message(
                role,
                content.msg,
                content.msg_id,
                tuple(child.to_dict() for child in content.child_msgs),
            )
            messages.append(message.to_dict())
        return messages

    def from_messages(
        self, messages: Sequence[Mapping[str, Any]], add_generation_prompt: bool = True
    ) -> AbstractChatPrompt:
        """Replace the history (and system text) with a plain message list; returns ``self``.

        Without a system message the preset's default system text applies. With
        ``add_generation_prompt`` and a last message from the user, the pending response slot
        is appended. Nothing changes if the list is invalid.
        """
        parsed = parse_messages(messages, requester_first=self.requester_first)
        system = self.default_system()
        if parsed and parsed[0].role == SYSTEM:
            system = self.system_from_message(parsed[0].content)
            parsed = parsed[1:]
        contents = []
        for message in parsed:
            try:
                children = [ChatContent.from_dict(child) for child in message.child_messages]
            except InvalidChatDataError as error:
                raise InvalidMessageError(f"invalid child message: {error}") from None
            is_user = message.role == USER
            contents.append(
                ChatContent(
                    self._requester if is_user else self._responder,
                    message.content,
                    message.message_id,
                    RoleType.REQUESTER if is_user else RoleType.RESPONDER,
                    children,
                )
            )
        if add_generation_prompt and (not contents or contents[-1].role_type is RoleType.REQUESTER):
            contents.append(ChatContent(self._responder, None, role_type=RoleType.RESPONDER))
        self._system = system
        self._contents = contents
        return self

    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-compatible data, in ChatStream's layout.

        Keys: ``system``, ``requester``, ``responder``, ``chat_contents``,
        ``requester_messages``, ``responder_messages`` and ``chat_mode`` (what ChatStream's
        ``from_dict`` reads), plus ``prompt_ttl``.
        """
        return {
            "system": self._system,
            "requester": self._requester,
            "responder": self._responder,
            "chat_contents": [content.to_dict() for content in self._contents],
            "requester_messages": [content.to_dict() for content in self.requester_messages],
            "responder_messages": [content.to_dict() for content in self.responder_messages],
            "chat_mode": self._chat_mode_enabled,
            "prompt_ttl": self._prompt_ttl.name,
        }

    @classmethod
    def _from_dict(cls: type[_Prompt], data: Any, template: _Prompt | None = None) -> _Prompt:
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
        prompt = cls() if template is None else copy.copy(template)
        prompt._system = data["system"]
        prompt._requester = data["requester"]
        prompt._responder = data["responder"]
        prompt._contents = contents
        prompt._prompt_ttl = PromptTTL[ttl_name]
        prompt._chat_mode_enabled = chat_mode
        return prompt

    from_dict: ClassVar[_FromDict] = _FromDict()

    # ------------------------------------------------------------------ tokenizer
    def set_tokenizer(self, tokenizer: Any) -> None:
        """Set the tokenizer used by :meth:`get_skip_len`."""
        self._tokenizer = tokenizer

    def get_tokenizer(self) -> Any:
        """The tokenizer set with :meth:`set_tokenizer` (or ``None``)."""
        return self._tokenizer

    def get_skip_len(
        self, omit_last_message: bool = False, *, prompt_ids: Sequence[int] | None = None
    ) -> int:
        """How many characters of the decoded output echo the prompt (ChatStream's
        ``skip_echo_len``), passed through :meth:`get_custom_skip_echo_len`.

        It is the length of the prompt as the tokenizer decodes it
        (``skip_special_tokens=True``), so ``decoded_output[get_skip_len():]`` is exactly the
        response, whatever the tokenizer's quirks (a Llama tokenizer's ``legacy`` setting
        shifts the decoded text by one character per turn). The prompt is encoded as a whole,
        as ChatStream does; pass the ids the model was given as ``prompt_ids`` when they were
        encoded another way (``encode_prompt``). A tokenizer that cannot encode and decode
        gets ChatStream's estimate: the prompt with special-token strings removed.

        Raises:
            MissingTokenizerError: no tokenizer was set.
        """
        if self._tokenizer is None:
            raise MissingTokenizerError(
                f"{type(self).__name__}.get_skip_len() needs a tokenizer: call set_tokenizer()"
            )
        prompt = self.create_prompt({"omit_last_message": omit_last_message})
        return self.get_custom_skip_echo_len(echo_len(self._tokenizer, prompt, prompt_ids))


def _contents_from(data: Mapping[str, Any], key: str) -> list[ChatContent]:
    """The messages stored under ``key``, or :class:`InvalidChatDataError` naming the key."""
    items = data[key]
    if not isinstance(items, list):
        raise InvalidChatDataError(f"{key!r} must be a list, got {items!r}")
    try:
        return [ChatContent.from_dict(item) for item in items]
    except InvalidChatDataError as error:
        raise InvalidChatDataError(f"{key!r}: {error}") from None
