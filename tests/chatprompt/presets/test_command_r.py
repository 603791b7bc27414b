"""command_r: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import CommandRChatPrompt
from chatprompt.errors import MessageOrderError
from chatprompt.presets import TemplateChatPrompt

from ._conversations import (
    ASSISTANT_FIRST,
    EMPTY_CONTENTS,
    ENDS_WITH_ANSWER,
    JAPANESE_PADDED,
    MULTI_TURN,
    NO_SYSTEM,
    ONE_TURN,
    SYSTEM_ONLY,
    TWO_USERS,
    Messages,
)

BOS = "<BOS_TOKEN>"

SYSTEM_BLOCK = (
    "<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>You are a helpful assistant.<|END_OF_TURN_TOKEN|>"
)

TURNS = (
    "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>Hello\n"
    "there<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>"
    "Hi!<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>How are "
    "you?<|END_OF_TURN_TOKEN|>"
)

GEN = "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>"

RENDERS = [
    pytest.param(
        CommandRChatPrompt(),
        ONE_TURN,
        True,
        BOS + "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>Hello<|END_OF_TURN_TOKEN|>" + GEN,
        id="command-r-one_turn",
    ),
    pytest.param(
        CommandRChatPrompt(),
        ONE_TURN,
        False,
        BOS + "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>Hello<|END_OF_TURN_TOKEN|>",
        id="command-r-one_turn-no-gen",
    ),
    pytest.param(
        CommandRChatPrompt(),
        MULTI_TURN,
        True,
        BOS + SYSTEM_BLOCK + TURNS + GEN,
        id="command-r-multi_turn",
    ),
    pytest.param(
        CommandRChatPrompt(),
        MULTI_TURN,
        False,
        BOS + SYSTEM_BLOCK + TURNS,
        id="command-r-multi_turn-no-gen",
    ),
    pytest.param(
        CommandRChatPrompt(),
        NO_SYSTEM,
        True,
        BOS + TURNS + GEN,
        id="command-r-no_system",
    ),
    pytest.param(
        CommandRChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            BOS
            + (
                "<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|>  日本語で答えてください。 "
                "<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>こんにちは "
                "😀<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>"
                "はい、こんにちは！<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|USER_TOKEN|>"
                "天気は？🌤<|END_OF_TURN_TOKEN|>"
            )
            + GEN
        ),
        id="command-r-japanese_padded",
    ),
    pytest.param(
        CommandRChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            BOS
            + (
                "<|START_OF_TURN_TOKEN|><|USER_TOKEN|><|END_OF_TURN_TOKEN|>"
                "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|><|END_OF_TURN_TOKEN|>"
                "<|START_OF_TURN_TOKEN|><|USER_TOKEN|><|END_OF_TURN_TOKEN|>"
            )
            + GEN
        ),
        id="command-r-empty_contents",
    ),
    pytest.param(
        CommandRChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            BOS
            + TURNS
            + "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>Fine, thanks.<|END_OF_TURN_TOKEN|>"
            + GEN
        ),
        id="command-r-ends_with_answer",
    ),
    pytest.param(
        CommandRChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            BOS
            + TURNS
            + "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>Fine, thanks.<|END_OF_TURN_TOKEN|>"
        ),
        id="command-r-ends_with_answer-no-gen",
    ),
    pytest.param(
        CommandRChatPrompt(),
        SYSTEM_ONLY,
        True,
        BOS + SYSTEM_BLOCK + GEN,
        id="command-r-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


ERRORS = [
    pytest.param(CommandRChatPrompt(), TWO_USERS, MessageOrderError, id="command-r-two_users"),
    pytest.param(
        CommandRChatPrompt(), ASSISTANT_FIRST, MessageOrderError, id="command-r-assistant_first"
    ),
]


@pytest.mark.parametrize(("preset", "messages", "error"), ERRORS)
def test_render_raises_where_the_template_raises(
    preset: TemplateChatPrompt, messages: Messages, error: type[Exception]
) -> None:
    with pytest.raises(error):
        preset.render(messages)


STOPS = [
    pytest.param(CommandRChatPrompt(), ["<|END_OF_TURN_TOKEN|>"], id="CommandRChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
