"""``AbstractChatPrompt``: the prompt format of one model family, over a ChatStream history.

There is one way to get text: a list of messages goes to the format's renderer.

- :meth:`AbstractChatPrompt.render` takes what ``apply_chat_template(tokenize=False)`` takes,
  normalizes it into a :class:`~chatprompt._conversation.Conversation` and calls
  :meth:`AbstractChatPrompt.render_conversation`, the one method a format implements.
- :meth:`AbstractChatPrompt.create_prompt` (ChatStream's) turns the history into such a list
  (after ``opts``, the history mode, chat mode and input replacements) and calls ``render``.

The base class's ``render_conversation`` is ChatStream's line-by-line format: it turns the
messages back into :class:`ChatContent` records and joins :meth:`build_initial_prompt` and
:meth:`format_message` of each, so a ChatStream subclass that overrides those hooks keeps working.
Presets that follow a published chat template implement ``render_turns``
(:class:`~chatprompt.presets._base.TemplatePromptBase`) or ``render_conversation`` directly.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from chatprompt._content import ChatContent, PromptTTL, RoleType
from chatprompt._conversation import Conversation, make_conversation, render_continuing
from chatprompt._echo import echo_len
from chatprompt._history import ChatHistory
from chatprompt._messages import (
    ASSISTANT,
    SYSTEM,
    USER,
    Message,
    parse_history_messages,
    parse_messages,
    text_of,
)
from chatprompt._output_format import OutputFormat
from chatprompt._parse import parse_output
from chatprompt._response import ParsedResponse
from chatprompt.errors import InvalidChatDataError, InvalidMessageError, MissingTokenizerError

__all__ = ["AbstractChatPrompt"]

Replacements = list[tuple[str, str]]


def _apply(replacements: Iterable[tuple[str, str]] | None, text: str) -> str:
    for old, new in replacements or ():
        text = text.replace(old, new)
    return text


class AbstractChatPrompt(ChatHistory):
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
    # A preset declares itself: the registry and the docs read these three.
    names: ClassVar[tuple[str, ...]] = ()
    """Short names for ``get_chat_prompt``, the first canonical. Only the names a class declares
    in its own body register it: a subclass that declares none is not registered."""
    model_ids: ClassVar[tuple[str, ...]] = ()
    """Hugging Face model ids that use this format (for ``get_chat_prompt``)."""
    reference: ClassVar[str] = ""
    """Where the format comes from (for the docs)."""
    output_format: ClassVar[OutputFormat | None] = None
    """How the model's output is structured (reasoning, tool calls); ``None``: all answer."""

    def __init__(self) -> None:
        self._prefix_as_stop_str_enabled = False
        self._tokenizer: Any = None
        self._render_options: dict[str, Any] = {}
        super().__init__()

    # ------------------------------------------------------------------ system text
    def system_from_message(self, content: str) -> str:
        """The system text stored for a ``{"role": "system"}`` message (identity by default)."""
        return content

    def system_to_message(self, system: str) -> str | None:
        """The content of the system message for a stored system text; ``None`` for none.

        An empty system text is kept (as ``""``) when the preset has a default, so that it
        survives ``to_messages``/``from_messages`` and rendering the history.
        """
        return system if system or self.default_system() else None

    # ------------------------------------------------------------------ stop strings
    def set_prefix_as_stop_str_enabled(self, enabled: bool) -> None:
        """Also stop generation at the requester's prefix (the model starting a new turn)."""
        self._prefix_as_stop_str_enabled = bool(enabled)

    def is_prefix_as_stop_str_enabled(self) -> bool:
        """Whether the requester prefix is a stop string."""
        return self._prefix_as_stop_str_enabled

    # ------------------------------------------------------------------ ChatStream's hooks
    def build_initial_prompt(self, chat_prompt: AbstractChatPrompt) -> str:
        """The text before the first message (line-by-line presets); the system text."""
        return chat_prompt.get_system()

    def format_message(self, content: ChatContent) -> str:
        """The text of one message (line-by-line presets); ``content.msg`` is ``None`` for the
        pending slot. Input replacements are already applied."""
        raise NotImplementedError(
            f"{type(self).__name__} must override format_message() or render_conversation()"
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

    def parse_response(self, text: str, *, prompt: str | None = None) -> ParsedResponse:
        """Split a whole model output into answer, reasoning and tool calls.

        The text is cut before the first stop string, split by :attr:`output_format` and the
        output replacements are applied to the answer, exactly as
        :meth:`ResponseStream.for_prompt <chatprompt.ResponseStream.for_prompt>` streams it.
        A malformed tool call is a :class:`~chatprompt.ToolCall` with ``error`` set.

        Args:
            text: The model's output, decoded with its markers (``skip_special_tokens=False``
                where markers are special tokens).
            prompt: The prompt text, when known: a prompt that ends inside a reasoning block
                (``<think>\n``) starts the output there. Without it the format's own rule
                applies (DeepSeek-R1's prompt always opens ``<think>``).
        """
        return parse_output(
            text,
            output_format=self.output_format,
            stop_strs=self.get_stop_strs(),
            replacements=self.get_replacement_when_output() or (),
            prompt=prompt,
        )

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
        """The prompt for the current history: the history as a message list, rendered.

        Args:
            opts: As for :meth:`get_contents` (``omit_last_message``, ``to_message_id``).
        """
        if not self._chat_mode_enabled:
            return _apply(self.get_replacement_when_input(), self.get_requester_last_msg() or "")
        contents = self.get_contents(opts)
        if self._prompt_ttl is PromptTTL.SINGLE_TURN:
            last_request = max(
                (i for i, c in enumerate(contents) if self._role_type(c) is RoleType.REQUESTER),
                default=0,
            )
            contents = contents[last_request:]
        pending = bool(contents) and contents[-1].msg is None
        return self.render(
            self._to_messages(contents), add_generation_prompt=pending, **self.get_render_options()
        )

    def set_render_options(
        self,
        *,
        tools: Sequence[Mapping[str, Any]] | None = None,
        documents: Sequence[Mapping[str, Any]] | None = None,
        **template_vars: Any,
    ) -> None:
        """Set what :meth:`create_prompt` passes to :meth:`render` besides the history: tool
        schemas, documents and template variables (``enable_thinking``, ``date_string``...).

        Each call replaces the previous options; no argument clears them. A format that has no
        place for an option raises or ignores it as its ``render`` does.

        Raises:
            InvalidMessageError: ``tools``/``documents`` is not a list of mappings, or an option
                is not JSON data.
        """
        options: dict[str, Any] = dict(template_vars)
        if tools is not None:
            options["tools"] = tools
        if documents is not None:
            options["documents"] = documents
        make_conversation([], **options)  # checks them now, not at the next create_prompt
        self._render_options = copy.deepcopy(options)

    def get_render_options(self) -> dict[str, Any]:
        """A copy of the options set with :meth:`set_render_options` (``tools``, ``documents``
        and the template variables, as keyword arguments of :meth:`render`)."""
        return copy.deepcopy(getattr(self, "_render_options", {}))

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

        Stateless: the history of this object is neither read nor changed. Without a system
        message the preset's default system text applies. Input replacements apply to the
        messages' text first.

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
            InvalidMessageError: a message or its content has the wrong type.
            UnknownRoleError: the format knows no such role.
            UnsupportedRoleError: the format has no place for a message's role.
            MessageOrderError: the order is one this format cannot express.
            TemplateError: the published template refuses the conversation; the message names
                the message and the template's rule.
        """
        try:
            conversation = make_conversation(
                messages, add_generation_prompt, tools=tools, documents=documents, **template_vars
            )
        except InvalidMessageError:
            self.check_messages(messages)  # the format's own rule for what is wrong, if it has one
            raise
        replacements = self.get_replacement_when_input()
        if replacements:
            for message in conversation.messages:
                _replace_text(message, replacements)
        return self._render_final(conversation, continue_final_message)

    def check_messages(self, messages: object) -> None:
        """Raise the error this format's rules give for ``messages`` (``role`` and a ``str``
        ``content`` in every message, ``system`` only first...); a format that reads any
        message field overrides it to check nothing.

        ``render`` calls it when the messages are not plain data, so that the error names the
        rule the format breaks rather than only the value that is not JSON data.
        """
        parse_messages(messages, requester_first=self.requester_first)

    def _render_final(self, conversation: Conversation, continue_final_message: bool | str) -> str:
        """:meth:`render_conversation`, leaving the final message open when asked."""
        return render_continuing(self.render_conversation, conversation, continue_final_message)

    def render_conversation(self, conversation: Conversation) -> str:
        """The format itself: the text for ``conversation``.

        This base renders ChatStream's way: :meth:`build_initial_prompt` (with the
        conversation's system text) followed by :meth:`format_message` of each message, the
        pending response slot last when ``add_generation_prompt`` is set and the last message
        is the user's. Tools, documents, template variables and message fields other than
        ``content``, ``message_id`` and ``child_messages`` have no place in such a format.
        """
        parsed = parse_messages(conversation.messages, requester_first=self.requester_first)
        system, contents = self._history_from(parsed, conversation.add_generation_prompt)
        view = self
        if system != self._system:
            view = copy.copy(self)
            view._system = system
        return view.build_initial_prompt(view) + "".join(map(view.format_message, contents))

    # ------------------------------------------------------------------ conversions
    def to_messages(self) -> list[dict[str, Any]]:
        """The history as a plain message list (system first when there is one).

        The pending slot is left out; a message's id, child messages and extra fields
        (``tool_calls``, ``reasoning_content``...) come along as the keys ``message_id``,
        ``child_messages`` and the extra fields' own.
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
            message: dict[str, Any] = {"role": role, "content": content.msg}
            if content.msg_id is not None:
                message["message_id"] = content.msg_id
            if content.child_msgs:
                message["child_messages"] = [child.to_dict() for child in content.child_msgs]
            extras = content.extras
            for key, value in extras.items():
                if key != "content":
                    message[key] = copy.deepcopy(value)
            # Content given as parts (or None) is kept, unless the text was changed since.
            if "content" in extras and text_of(extras["content"]) == content.msg:
                message["content"] = copy.deepcopy(extras["content"])
            messages.append(message)
        return messages

    def from_messages(
        self, messages: Sequence[Mapping[str, Any]], add_generation_prompt: bool = True
    ) -> AbstractChatPrompt:
        """Replace the history (and system text) with a plain message list; returns ``self``.

        Without a system message the preset's default system text applies. With
        ``add_generation_prompt`` and a last message that is not the assistant's, the pending
        response slot is appended. Nothing changes if the list is invalid.

        A format that reads any message field (a current-generation preset, ``JinjaChatPrompt``)
        takes every message ``render`` takes: a ``tool`` message (or any other role) is stored
        with that role name and :attr:`RoleType.UNKNOWN`, so it is no requester turn; a content
        given as a list of parts (or ``None``) is kept and its text is the record's ``msg``.
        :meth:`to_messages` gives the messages back as they came (a missing ``content`` comes
        back as ``None``, which ``render`` treats alike). A line-by-line format keeps its rules
        (``system``/``user``/``assistant`` with ``str`` content).

        Raises:
            InvalidMessageError: a message or its content has a type the format does not take.
            UnknownRoleError: the format knows no such role.
            MessageOrderError: the order is one this format cannot express.
        """
        self.check_messages(messages)  # the format's rules (none for a format of any field)
        parsed = parse_history_messages(messages)
        self._system, self._contents = self._history_from(parsed, add_generation_prompt)
        return self

    def _history_from(
        self, parsed: Sequence[Message], add_generation_prompt: bool
    ) -> tuple[str, list[ChatContent]]:
        """The system text and the records of validated messages. A system message that is
        this prompt's own (as :meth:`to_messages` writes it) keeps the stored text exactly."""
        system = self.default_system()
        if parsed and parsed[0].role == SYSTEM:
            content = parsed[0].content
            own = content == self.system_to_message(self._system)
            system = self._system if own else self.system_from_message(content)
            parsed = parsed[1:]
        contents = []
        for message in parsed:
            try:
                children = [ChatContent.from_dict(child) for child in message.child_messages]
            except InvalidChatDataError as error:
                raise InvalidMessageError(f"invalid child message: {error}") from None
            role, role_type = self._history_role(message.role)
            extras = message.extras
            if role_type is RoleType.UNKNOWN:  # a tool result, a later system message...
                extras = {**extras, "role": message.role}
            contents.append(
                ChatContent._checked(
                    role, message.content, message.message_id, role_type, children, extras
                )
            )
        if add_generation_prompt and (
            not contents or contents[-1].role_type is not RoleType.RESPONDER
        ):
            contents.append(ChatContent(self._responder, None, role_type=RoleType.RESPONDER))
        return system, contents

    def _history_role(self, role: str) -> tuple[str, RoleType]:
        """The role name and type a message of ``role`` is stored with: the requester and the
        responder for ``user`` and ``assistant``, the role itself (``tool``...) otherwise."""
        if role == USER:
            return self._requester, RoleType.REQUESTER
        if role == ASSISTANT:
            return self._responder, RoleType.RESPONDER
        return role, RoleType.UNKNOWN

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


def _replace_text(message: dict[str, Any], replacements: Iterable[tuple[str, str]]) -> None:
    """Apply input replacements to a (copied) message's text and its child messages' text."""
    if message.get("role") == SYSTEM:
        return
    if isinstance(message.get("content"), str):
        message["content"] = _apply(replacements, message["content"])
    children = message.get("child_messages")
    if not isinstance(children, list):
        return
    for index, child in enumerate(children):
        if isinstance(child, str):  # ChatStream's form of a child message
            children[index] = _apply(replacements, child)
        elif isinstance(child, dict) and isinstance(child.get("message"), str):
            child["message"] = _apply(replacements, child["message"])
