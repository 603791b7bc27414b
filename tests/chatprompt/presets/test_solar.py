"""solar: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import SolarChatPrompt
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

SYSTEM_BLOCK = "### System:\nYou are a helpful assistant.\n\n"

TURNS = "### User:\nHello\nthere\n\n### Assistant:\nHi!### User:\nHow are you?\n\n"

GEN = "### Assistant:\n"

RENDERS = [
    pytest.param(
        SolarChatPrompt(),
        ONE_TURN,
        True,
        "### User:\nHello\n\n" + GEN,
        id="solar-10.7b-instruct-one_turn",
    ),
    pytest.param(
        SolarChatPrompt(),
        ONE_TURN,
        False,
        "### User:\nHello\n\n",
        id="solar-10.7b-instruct-one_turn-no-gen",
    ),
    pytest.param(
        SolarChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="solar-10.7b-instruct-multi_turn",
    ),
    pytest.param(
        SolarChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS,
        id="solar-10.7b-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        SolarChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="solar-10.7b-instruct-no_system",
    ),
    pytest.param(
        SolarChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            (
                "### System:\n"
                "  日本語で答えてください。 \n"
                "\n"
                "### User:\n"
                "  こんにちは 😀  \n"
                "\n"
                "### Assistant:\n"
                " はい、こんにちは！\n"
                "### User:\n"
                "天気は？🌤\n"
                "\n"
            )
            + GEN
        ),
        id="solar-10.7b-instruct-japanese_padded",
    ),
    pytest.param(
        SolarChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "### User:\n\n\n### Assistant:\n### User:\n \n\n" + GEN,
        id="solar-10.7b-instruct-empty_contents",
    ),
    pytest.param(
        SolarChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + "### Assistant:\nFine, thanks." + GEN,
        id="solar-10.7b-instruct-ends_with_answer",
    ),
    pytest.param(
        SolarChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + "### Assistant:\nFine, thanks.",
        id="solar-10.7b-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        SolarChatPrompt(),
        TWO_USERS,
        True,
        "### User:\nHello\n\n### User:\nAnyone there?\n\n" + GEN,
        id="solar-10.7b-instruct-two_users",
    ),
    pytest.param(
        SolarChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "### Assistant:\nHi!### User:\nHello\n\n" + GEN,
        id="solar-10.7b-instruct-assistant_first",
    ),
    pytest.param(
        SolarChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="solar-10.7b-instruct-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(SolarChatPrompt(), ["</s>", "### User:"], id="SolarChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
