"""Properties every preset keeps: rendering accepted input never raises; the history
round-trips through to_messages/from_messages; the stateful prompt equals render."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt import (
    AbstractChatPrompt,
    DollyChatPrompt,
    GemmaChatPrompt,
    Llama2ChatPrompt,
    Llama3ChatPrompt,
    MistralV01LegacyChatPrompt,
    MistralV02LegacyChatPrompt,
    Qwen25ChatPrompt,
    RinnaChatPrompt,
    get_chat_prompt,
    list_chat_prompts,
)
from chatprompt.presets._format_base import FormatPromptBase

from ._conversations import Messages

NO_SYSTEM_ROLE = (GemmaChatPrompt, MistralV01LegacyChatPrompt, MistralV02LegacyChatPrompt)
PIECES = [*"ab \n\t日本語😀|\u3000", "</s>", "[INST]", "<|im_end|>", "<end_of_turn>"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@st.composite
def conversations(draw: st.DrawFn, system: bool) -> Messages:
    messages: Messages = []
    if system and draw(st.booleans()):
        messages.append({"role": "system", "content": draw(TEXT)})
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        role = "user" if index % 2 == 0 else "assistant"
        messages.append({"role": role, "content": draw(TEXT)})
    return messages


# The current-generation formats refuse what their templates refuse (an empty assistant text in
# Ministral 3, ...): tests/chatprompt/current checks them against their templates' goldens.
PLAIN_PRESETS = [
    name for name in list_chat_prompts() if not isinstance(get_chat_prompt(name), FormatPromptBase)
]


@pytest.mark.parametrize("name", PLAIN_PRESETS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_rendering_accepted_conversations_never_raises(name: str, data: st.DataObject) -> None:
    prompt = get_chat_prompt(name)
    messages = data.draw(conversations(system=not isinstance(prompt, NO_SYSTEM_ROLE)))
    for add_generation_prompt in (True, False):
        assert isinstance(prompt.render(messages, add_generation_prompt=add_generation_prompt), str)


ROUND_TRIP = [
    Llama2ChatPrompt,
    Llama3ChatPrompt,
    Qwen25ChatPrompt,
    RinnaChatPrompt,
    DollyChatPrompt,
]


@pytest.mark.parametrize("cls", ROUND_TRIP)
@settings(max_examples=30, deadline=None)
@given(messages=conversations(system=True))
def test_to_messages_from_messages_round_trips(
    cls: type[AbstractChatPrompt], messages: Messages
) -> None:
    prompt = cls().from_messages(messages, add_generation_prompt=False)
    copy = cls().from_messages(prompt.to_messages(), add_generation_prompt=False)
    assert prompt.to_messages() == copy.to_messages()
    assert prompt.create_prompt() == copy.create_prompt()


@pytest.mark.parametrize("cls", ROUND_TRIP)
@settings(max_examples=30, deadline=None)
@given(messages=conversations(system=False))
def test_stateful_prompt_equals_render(cls: type[AbstractChatPrompt], messages: Messages) -> None:
    prompt = cls()
    for message in messages:
        if message["role"] == "user":
            prompt.add_requester_msg(message["content"])
        else:
            prompt.add_responder_msg(message["content"])
    pending = messages[-1]["role"] == "user"
    if pending:
        prompt.add_responder_msg(None)
    assert prompt.render(messages, add_generation_prompt=pending) == prompt.create_prompt()
