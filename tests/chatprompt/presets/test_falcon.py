"""falcon: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import Falcon11BChatPrompt, FalconInstructChatPrompt
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

INSTRUCT_TURNS = "\n\nUser: Hello\nthere\n\nAssistant: Hi!\n\nUser: How are you?"

INSTRUCT_GEN = "\n\nAssistant:"

FALCON11B_TURNS = "User: \nHello\nthere\nFalcon:\nHi!\nUser: \nHow are you?\n"

FALCON11B_GEN = "Falcon:\n"

RENDERS = [
    pytest.param(
        FalconInstructChatPrompt(),
        ONE_TURN,
        True,
        "\n\nUser: Hello" + INSTRUCT_GEN,
        id="falcon-7b-instruct-one_turn",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        ONE_TURN,
        False,
        "\n\nUser: Hello",
        id="falcon-7b-instruct-one_turn-no-gen",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        MULTI_TURN,
        True,
        "You are a helpful assistant." + INSTRUCT_TURNS + INSTRUCT_GEN,
        id="falcon-7b-instruct-multi_turn",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        MULTI_TURN,
        False,
        "You are a helpful assistant." + INSTRUCT_TURNS,
        id="falcon-7b-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        NO_SYSTEM,
        True,
        INSTRUCT_TURNS + INSTRUCT_GEN,
        id="falcon-7b-instruct-no_system",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            (
                "日本語で答えてください。\n"
                "\n"
                "User: こんにちは 😀\n"
                "\n"
                "Assistant: はい、こんにちは！\n"
                "\n"
                "User: 天気は？🌤"
            )
            + INSTRUCT_GEN
        ),
        id="falcon-7b-instruct-japanese_padded",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "\n\nUser: \n\nAssistant: \n\nUser: " + INSTRUCT_GEN,
        id="falcon-7b-instruct-empty_contents",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        INSTRUCT_TURNS + "\n\nAssistant: Fine, thanks." + INSTRUCT_GEN,
        id="falcon-7b-instruct-ends_with_answer",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        INSTRUCT_TURNS + "\n\nAssistant: Fine, thanks.",
        id="falcon-7b-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        SYSTEM_ONLY,
        True,
        INSTRUCT_GEN,
        id="falcon-7b-instruct-system_only",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        ONE_TURN,
        True,
        "User: \nHello\n" + FALCON11B_GEN,
        id="falcon-11b-one_turn",
    ),
    pytest.param(
        Falcon11BChatPrompt(), ONE_TURN, False, "User: \nHello\n", id="falcon-11b-one_turn-no-gen"
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        MULTI_TURN,
        True,
        "System: You are a helpful assistant.\n" + FALCON11B_TURNS + FALCON11B_GEN,
        id="falcon-11b-multi_turn",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        MULTI_TURN,
        False,
        "System: You are a helpful assistant.\n" + FALCON11B_TURNS,
        id="falcon-11b-multi_turn-no-gen",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        NO_SYSTEM,
        True,
        FALCON11B_TURNS + FALCON11B_GEN,
        id="falcon-11b-no_system",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            (
                "System:   日本語で答えてください。 \n"
                "User: \n"
                "  こんにちは 😀  \n"
                "Falcon:\n"
                " はい、こんにちは！\n"
                "\n"
                "User: \n"
                "天気は？🌤\n"
            )
            + FALCON11B_GEN
        ),
        id="falcon-11b-japanese_padded",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "User: \n\nFalcon:\n\nUser: \n \n" + FALCON11B_GEN,
        id="falcon-11b-empty_contents",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        FALCON11B_TURNS + "Falcon:\nFine, thanks.\n" + FALCON11B_GEN,
        id="falcon-11b-ends_with_answer",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        FALCON11B_TURNS + "Falcon:\nFine, thanks.\n",
        id="falcon-11b-ends_with_answer-no-gen",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        TWO_USERS,
        True,
        "User: \nHello\nUser: \nAnyone there?\n" + FALCON11B_GEN,
        id="falcon-11b-two_users",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "Falcon:\nHi!\nUser: \nHello\n" + FALCON11B_GEN,
        id="falcon-11b-assistant_first",
    ),
    pytest.param(
        Falcon11BChatPrompt(),
        SYSTEM_ONLY,
        True,
        "System: You are a helpful assistant.\n" + FALCON11B_GEN,
        id="falcon-11b-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


ERRORS = [
    pytest.param(
        FalconInstructChatPrompt(), TWO_USERS, MessageOrderError, id="falcon-7b-instruct-two_users"
    ),
    pytest.param(
        FalconInstructChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="falcon-7b-instruct-assistant_first",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "error"), ERRORS)
def test_render_raises_where_the_template_raises(
    preset: TemplateChatPrompt, messages: Messages, error: type[Exception]
) -> None:
    with pytest.raises(error):
        preset.render(messages)


STOPS = [
    pytest.param(
        FalconInstructChatPrompt(), ["<|endoftext|>", "\nUser:"], id="FalconInstructChatPrompt"
    ),
    pytest.param(Falcon11BChatPrompt(), ["<|endoftext|>", "\nUser:"], id="Falcon11BChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
