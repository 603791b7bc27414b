"""A small line-by-line preset (rinna-like) used to pin the base class's ChatStream behaviour."""

from __future__ import annotations

from typing import ClassVar

from chatprompt import AbstractChatPrompt, ChatContent, RoleType


class LinePrompt(AbstractChatPrompt):
    """``role: msg<NL>`` lines, with rinna's newline replacement and child messages."""

    input_replacements: ClassVar[tuple[tuple[str, str], ...]] = (("\n", "<NL>"),)
    output_replacements: ClassVar[tuple[tuple[str, str], ...]] = (("<NL>", "\n"),)
    stop_strs: ClassVar[tuple[str, ...]] = ("</s>",)

    def __init__(self) -> None:
        super().__init__()
        self.set_requester("ユーザー")
        self.set_responder("システム")

    def format_message(self, content: ChatContent) -> str:
        if content.msg is None:
            return f"{content.role}: "
        children = "".join(f"入力: {child.msg}<NL>" for child in content.child_msgs)
        return f"{content.role}: {content.msg}<NL>{children}"


def sample(prompt: AbstractChatPrompt | None = None) -> AbstractChatPrompt:
    """PRESETS.md's sample conversation, ids on every message, answer pending."""
    prompt = prompt or LinePrompt()
    prompt.add_requester_msg("Hello\nthere").set_message_id("u1")
    prompt.add_responder_msg("Hi!").set_message_id("a1")
    prompt.add_requester_msg("How are you?").set_message_id("u2")
    prompt.add_responder_msg(None)
    return prompt


__all__ = ["LinePrompt", "RoleType", "sample"]
