"""``TemplatePromptBase``: the base of presets that follow a model's published chat template,
and the checks their templates share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._conversation import Conversation
from chatprompt._messages import SYSTEM, USER, Message, parse_messages
from chatprompt.errors import MessageOrderError, TemplateError, UnsupportedRoleError

__all__ = [
    "ALTERNATE",
    "ALTERNATE_AFTER_SYSTEM",
    "TemplateChatPrompt",
    "TemplatePromptBase",
    "check_alternating",
    "reject_system",
    "role_texts",
]

ALTERNATE = "Conversation roles must alternate user/assistant/user/assistant/..."
ALTERNATE_AFTER_SYSTEM = (
    "After the optional system message, conversation roles must alternate "
    "user/assistant/user/assistant/..."
)


class TemplatePromptBase(AbstractChatPrompt):
    """A preset that renders a whole message list as the model's published chat template does.

    Subclasses implement :meth:`render_turns`; :meth:`render_conversation` validates the
    messages and splits off the optional leading system message first. Tools, documents,
    template variables and message fields other than ``role`` and ``content`` are ignored, as
    the published templates of these formats ignore them.

    Class attributes a preset sets (besides :class:`AbstractChatPrompt`'s ``names``,
    ``model_ids``, ``reference`` and the others):
        bos_token: The beginning-of-sequence text the template writes (``""`` if none).
        eos_token: The end-of-sequence text the template writes (``""`` if none).
        needs_messages: The template fails on an empty message list.
        separate_exchanges: ``encode_prompt`` encodes the text between the template's own
            BOS/EOS tokens as separate sequences (Meta's Llama 2 reference does).
        unrendered: What the published template writes and this preset does not: ``"tools"``,
            ``"documents"``, ``"tool_calls"`` (a message field) or a template variable's name.
            A conversation that has one is refused with :class:`TemplateError` rather than
            rendered without it.
    """

    bos_token: ClassVar[str] = ""
    eos_token: ClassVar[str] = ""
    separate_exchanges: ClassVar[bool] = False
    needs_messages: ClassVar[bool] = False
    unrendered: ClassVar[frozenset[str]] = frozenset()

    def render_conversation(self, conversation: Conversation) -> str:
        """Render the messages exactly as the published template does.

        Raises:
            InvalidMessageError: a message or its content has the wrong type.
            UnknownRoleError: a role is not ``system``, ``user`` or ``assistant``.
            UnsupportedRoleError: the format has no place for a message's role.
            MessageOrderError: the template's order rules reject the conversation.
        """
        if self.unrendered:
            self._refuse_unrendered(conversation)
        parsed = parse_messages(conversation.messages, requester_first=self.requester_first)
        if not parsed and self.needs_messages:
            raise MessageOrderError(
                f"{type(self).__name__}'s template reads the first message: it needs at least "
                f"one message, got {list(conversation.messages)!r}"
            )
        system = None
        if parsed and parsed[0].role == SYSTEM:
            system, parsed = parsed[0].content, parsed[1:]
        return self.render_turns(system, parsed, conversation.add_generation_prompt)

    def _refuse_unrendered(self, conversation: Conversation) -> None:
        given = {"tools": conversation.tools, "documents": conversation.documents}
        found = [name for name, value in given.items() if value is not None]
        found = [name for name in found if name in self.unrendered]
        found += sorted(self.unrendered.intersection(conversation.template_vars))
        if "tool_calls" in self.unrendered:
            found += [
                f"tool_calls of message {index}"
                for index, message in enumerate(conversation.messages)
                if message.get("tool_calls") is not None
            ]
        if found:
            raise TemplateError(
                f"{type(self).__name__} does not render {', '.join(found)}, which its published "
                f"template ({self.reference}) writes; render with the template itself "
                "(JinjaChatPrompt) instead"
            )

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        """Render the validated conversation (``system`` is ``None`` without a system message)."""
        raise NotImplementedError(f"{type(self).__name__} must implement render_turns()")


TemplateChatPrompt = TemplatePromptBase
"""The earlier name of :class:`TemplatePromptBase`, kept so that imports keep working."""


def check_alternating(turns: Sequence[Message], message: str = ALTERNATE) -> None:
    """Raise :class:`MessageOrderError` (with the template's own message) unless the turns go
    user, assistant, user, ..."""
    for index, turn in enumerate(turns):
        if (turn.role == USER) != (index % 2 == 0):
            raise MessageOrderError(
                f"{message} (message {index} after the system message is {turn.to_dict()!r})"
            )


def reject_system(system: str | None, name: str) -> None:
    """Raise :class:`UnsupportedRoleError` for a format without a system role."""
    if system is not None:
        raise UnsupportedRoleError(
            f"System role not supported: {name} has no system role; got system message "
            f"{system!r} (merge it into the first user message instead)"
        )


def role_texts(system: str | None, turns: Sequence[Message]) -> list[tuple[str, str]]:
    """``(role, text)`` for every message, the system message first when there is one."""
    messages = [(SYSTEM, system)] if system is not None else []
    return messages + [(turn.role, turn.content) for turn in turns]
