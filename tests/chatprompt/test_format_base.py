"""A preset rendered by one function of the conversation takes what apply_chat_template takes."""

from __future__ import annotations

import pytest

from chatprompt._conversation import Conversation
from chatprompt.errors import TemplateError
from chatprompt.presets._format_base import FormatPromptBase


def echo(conversation: Conversation) -> str:
    lines = [f"{m['role']}:{m.get('content')}:{m.get('tool_calls')}" for m in conversation.messages]
    lines.append(f"tools={conversation.tools} documents={conversation.documents}")
    lines.append(f"vars={dict(conversation.template_vars)}")
    return "\n".join(lines) + ("\n>" if conversation.add_generation_prompt else "")


class EchoChatPrompt(FormatPromptBase):
    """A test format that writes what it is given (no names: it stays out of the registry)."""

    def render_conversation(self, conversation: Conversation) -> str:
        return echo(conversation)


CALL = {"type": "function", "function": {"name": "f", "arguments": {"都市": "東京"}}}


def test_render_passes_tools_documents_and_variables_through() -> None:
    rendered = EchoChatPrompt().render(
        [{"role": "user", "content": "天気？☔"}, {"role": "assistant", "tool_calls": [CALL]}],
        add_generation_prompt=False,
        tools=[{"type": "function", "function": {"name": "f"}}],
        enable_thinking=False,
    )
    assert (
        "user:天気？☔:None\n"
        f"assistant:None:{[CALL]}\n"
        "tools=({'type': 'function', 'function': {'name': 'f'}},) documents=None\n"
        "vars={'enable_thinking': False}"
    ) == rendered


def test_continue_final_message_leaves_the_last_message_open() -> None:
    rendered = EchoChatPrompt().render(
        [{"role": "assistant", "content": "浅草寺は"}],
        add_generation_prompt=False,
        continue_final_message=True,
    )
    assert "assistant:浅草寺は" == rendered


def test_continue_without_a_final_message_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="empty"):
        EchoChatPrompt().render([], add_generation_prompt=False, continue_final_message=True)
