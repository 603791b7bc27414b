"""``LinePromptBase``: ChatStream-style presets rendered message by message."""

from __future__ import annotations

from typing import ClassVar

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import ChatContent

__all__ = ["LinePromptBase"]


class LinePromptBase(AbstractChatPrompt):
    """A format written one message after another, as ChatStream's presets are.

    It is :class:`AbstractChatPrompt`'s own renderer of the message list (``render_conversation``
    joins :meth:`build_initial_prompt` and :meth:`format_message` of each message) with the
    pieces declared as class attributes.

    Each message is ``message_head.format(role=...) + text + message_tail``, each child
    message ``child_head + text + message_tail``, and the pending response slot
    ``pending_head.format(role=...)``. A non-empty system text is followed by
    ``system_suffix``.

    Class attributes a preset sets (besides :class:`AbstractChatPrompt`'s ``names``,
    ``model_ids`` and the others):
        requester_name / responder_name: The role names.
        default_system_message: The system text a new prompt starts with.
    """

    reference: ClassVar[str] = "ChatStream 0.3.0 preset (observed behaviour)"
    requester_name: ClassVar[str] = ""
    responder_name: ClassVar[str] = ""
    default_system_message: ClassVar[str] = ""
    system_suffix: ClassVar[str] = ""
    message_head: ClassVar[str] = "{role}: "
    message_tail: ClassVar[str] = "\n"
    child_head: ClassVar[str] = ""
    pending_head: ClassVar[str] = "{role}:"

    def __init__(self) -> None:
        super().__init__()
        self.set_requester(self.requester_name)
        self.set_responder(self.responder_name)

    def default_system(self) -> str:
        """The preset's system text (``""`` for none)."""
        return self.default_system_message

    def build_initial_prompt(self, chat_prompt: AbstractChatPrompt) -> str:
        """The system text and its separator (nothing for an empty system text)."""
        system = chat_prompt.get_system()
        return system + self.system_suffix if system else ""

    def format_message(self, content: ChatContent) -> str:
        """One message with its child messages, or the opening of the pending answer."""
        if content.msg is None:
            return self.pending_head.format(role=content.role)
        text = self.message_head.format(role=content.role) + content.msg + self.message_tail
        for child in content.child_msgs:
            if child.msg is not None:
                text += self.child_head + child.msg + self.message_tail
        return text

    def get_requester_prefix(self) -> str:
        """What starts a requester message."""
        return self.message_head.format(role=self.get_requester()) if self.get_requester() else ""
