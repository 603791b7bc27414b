"""openchat: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import OpenChat35ChatPrompt
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

RENDERS = [
    pytest.param(
        OpenChat35ChatPrompt(),
        ONE_TURN,
        True,
        "<s>GPT4 Correct User: Hello<|end_of_turn|>GPT4 Correct Assistant:",
        id="openchat-3.5-0106-one_turn",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        ONE_TURN,
        False,
        "<s>GPT4 Correct User: Hello<|end_of_turn|>",
        id="openchat-3.5-0106-one_turn-no-gen",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<s>GPT4 Correct System: You are a helpfu"
            "l assistant.<|end_of_turn|>GPT4 Correct User: Hello\n"
            "there<|end_of_turn|>GPT4 Correct Assista"
            "nt: Hi!<|end_of_turn|>GPT4 Correct User:"
            " How are you?<|end_of_turn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-multi_turn",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<s>GPT4 Correct System: You are a helpfu"
            "l assistant.<|end_of_turn|>GPT4 Correct User: Hello\n"
            "there<|end_of_turn|>GPT4 Correct Assista"
            "nt: Hi!<|end_of_turn|>GPT4 Correct User:"
            " How are you?<|end_of_turn|>"
        ),
        id="openchat-3.5-0106-multi_turn-no-gen",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<s>GPT4 Correct User: Hello\n"
            "there<|end_of_turn|>GPT4 Correct Assista"
            "nt: Hi!<|end_of_turn|>GPT4 Correct User:"
            " How are you?<|end_of_turn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-no_system",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s>GPT4 Correct System:   日本語で答えてください。 <"
            "|end_of_turn|>GPT4 Correct User:   こんにちは"
            " 😀  <|end_of_turn|>GPT4 Correct Assistant:  はい、こんにちは！\n"
            "<|end_of_turn|>GPT4 Correct User: 天気は？🌤<"
            "|end_of_turn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-japanese_padded",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<s>GPT4 Correct User: <|end_of_turn|>GPT"
            "4 Correct Assistant: <|end_of_turn|>GPT4"
            " Correct User:  <|end_of_turn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-empty_contents",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<s>GPT4 Correct User: Hello\n"
            "there<|end_of_turn|>GPT4 Correct Assista"
            "nt: Hi!<|end_of_turn|>GPT4 Correct User:"
            " How are you?<|end_of_turn|>GPT4 Correct"
            " Assistant: Fine, thanks.<|end_of_turn|>"
            "GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-ends_with_answer",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<s>GPT4 Correct User: Hello\n"
            "there<|end_of_turn|>GPT4 Correct Assista"
            "nt: Hi!<|end_of_turn|>GPT4 Correct User:"
            " How are you?<|end_of_turn|>GPT4 Correct"
            " Assistant: Fine, thanks.<|end_of_turn|>"
        ),
        id="openchat-3.5-0106-ends_with_answer-no-gen",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<s>GPT4 Correct User: Hello<|end_of_turn"
            "|>GPT4 Correct User: Anyone there?<|end_"
            "of_turn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-two_users",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<s>GPT4 Correct Assistant: Hi!<|end_of_t"
            "urn|>GPT4 Correct User: Hello<|end_of_tu"
            "rn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-assistant_first",
    ),
    pytest.param(
        OpenChat35ChatPrompt(),
        SYSTEM_ONLY,
        True,
        (
            "<s>GPT4 Correct System: You are a helpfu"
            "l assistant.<|end_of_turn|>GPT4 Correct Assistant:"
        ),
        id="openchat-3.5-0106-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(OpenChat35ChatPrompt(), ["<|end_of_turn|>"], id="OpenChat35ChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
