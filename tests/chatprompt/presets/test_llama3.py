"""llama3: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import (
    Llama3ChatPrompt,
    Llama3OriginalChatPrompt,
    Llama31ChatPrompt,
    Llama32ChatPrompt,
)
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

BOT = "<|begin_of_text|>"

LLAMA31_SYSTEM_HEADER = (
    "<|start_header_id|>system<|end_header_id|>\n"
    "\n"
    "Cutting Knowledge Date: December 2023\n"
    "Today Date: 26 Jul 2024\n"
    "\n"
)

LLAMA32_SYSTEM_HEADER = (
    "<|start_header_id|>system<|end_header_id|>\n"
    "\n"
    "Cutting Knowledge Date: December 2023\n"
    "Today Date: 25 Nov 2026\n"
    "\n"
)

SYSTEM_BLOCK = (
    "<|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant.<|eot_id|>"
)

TURNS = (
    "<|start_header_id|>user<|end_header_id|>\n"
    "\n"
    "Hello\n"
    "there<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
    "\n"
    "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
    "\n"
    "How are you?<|eot_id|>"
)

JAPANESE_TURNS = (
    "<|start_header_id|>user<|end_header_id|>\n"
    "\n"
    "こんにちは 😀<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
    "\n"
    "はい、こんにちは！<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
    "\n"
    "天気は？🌤<|eot_id|>"
)

EMPTY_TURNS = (
    "<|start_header_id|>user<|end_header_id|>\n"
    "\n"
    "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
    "\n"
    "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
    "\n"
    "<|eot_id|>"
)

USER_HELLO = "<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"

ANSWER = "<|start_header_id|>assistant<|end_header_id|>\n\nFine, thanks.<|eot_id|>"

GEN = "<|start_header_id|>assistant<|end_header_id|>\n\n"

RENDERS = [
    pytest.param(
        Llama3ChatPrompt(),
        ONE_TURN,
        True,
        BOT + USER_HELLO + GEN,
        id="llama-3-instruct-one_turn",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ONE_TURN,
        False,
        BOT + USER_HELLO,
        id="llama-3-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        MULTI_TURN,
        True,
        BOT + SYSTEM_BLOCK + TURNS + GEN,
        id="llama-3-instruct-multi_turn",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        MULTI_TURN,
        False,
        BOT + SYSTEM_BLOCK + TURNS,
        id="llama-3-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        NO_SYSTEM,
        True,
        BOT + TURNS + GEN,
        id="llama-3-instruct-no_system",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            BOT
            + "<|start_header_id|>system<|end_header_id|>\n\n日本語で答えてください。<|eot_id|>"
            + JAPANESE_TURNS
            + GEN
        ),
        id="llama-3-instruct-japanese_padded",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        BOT + EMPTY_TURNS + GEN,
        id="llama-3-instruct-empty_contents",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        BOT + TURNS + ANSWER + GEN,
        id="llama-3-instruct-ends_with_answer",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        BOT + TURNS + ANSWER,
        id="llama-3-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        TWO_USERS,
        True,
        (
            BOT
            + USER_HELLO
            + "<|start_header_id|>user<|end_header_id|>\n\nAnyone there?<|eot_id|>"
            + GEN
        ),
        id="llama-3-instruct-two_users",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (BOT + "<|start_header_id|>assistant<|end_header_id|>\n\nHi!<|eot_id|>" + USER_HELLO + GEN),
        id="llama-3-instruct-assistant_first",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        SYSTEM_ONLY,
        True,
        BOT + SYSTEM_BLOCK + GEN,
        id="llama-3-instruct-system_only",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ONE_TURN,
        True,
        BOT + USER_HELLO + GEN,
        id="llama-3-instruct-original-one_turn",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ONE_TURN,
        False,
        BOT + USER_HELLO + GEN,
        id="llama-3-instruct-original-one_turn-no-gen",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        MULTI_TURN,
        True,
        BOT + SYSTEM_BLOCK + TURNS + GEN,
        id="llama-3-instruct-original-multi_turn",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        MULTI_TURN,
        False,
        BOT + SYSTEM_BLOCK + TURNS + GEN,
        id="llama-3-instruct-original-multi_turn-no-gen",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        NO_SYSTEM,
        True,
        BOT + TURNS + GEN,
        id="llama-3-instruct-original-no_system",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            BOT
            + "<|start_header_id|>system<|end_header_id|>\n\n日本語で答えてください。<|eot_id|>"
            + JAPANESE_TURNS
            + GEN
        ),
        id="llama-3-instruct-original-japanese_padded",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        EMPTY_CONTENTS,
        True,
        BOT + EMPTY_TURNS + GEN,
        id="llama-3-instruct-original-empty_contents",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        BOT + TURNS + ANSWER + GEN,
        id="llama-3-instruct-original-ends_with_answer",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        BOT + TURNS + ANSWER + GEN,
        id="llama-3-instruct-original-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        TWO_USERS,
        True,
        (
            BOT
            + USER_HELLO
            + "<|start_header_id|>user<|end_header_id|>\n\nAnyone there?<|eot_id|>"
            + GEN
        ),
        id="llama-3-instruct-original-two_users",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (BOT + "<|start_header_id|>assistant<|end_header_id|>\n\nHi!<|eot_id|>" + USER_HELLO + GEN),
        id="llama-3-instruct-original-assistant_first",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        SYSTEM_ONLY,
        True,
        BOT + SYSTEM_BLOCK + GEN,
        id="llama-3-instruct-original-system_only",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ONE_TURN,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "<|eot_id|>" + USER_HELLO + GEN,
        id="llama-3.1-instruct-one_turn",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ONE_TURN,
        False,
        BOT + LLAMA31_SYSTEM_HEADER + "<|eot_id|>" + USER_HELLO,
        id="llama-3.1-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        MULTI_TURN,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "You are a helpful assistant.<|eot_id|>" + TURNS + GEN,
        id="llama-3.1-instruct-multi_turn",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        MULTI_TURN,
        False,
        BOT + LLAMA31_SYSTEM_HEADER + "You are a helpful assistant.<|eot_id|>" + TURNS,
        id="llama-3.1-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        NO_SYSTEM,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "<|eot_id|>" + TURNS + GEN,
        id="llama-3.1-instruct-no_system",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        JAPANESE_PADDED,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "日本語で答えてください。<|eot_id|>" + JAPANESE_TURNS + GEN,
        id="llama-3.1-instruct-japanese_padded",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "<|eot_id|>" + EMPTY_TURNS + GEN,
        id="llama-3.1-instruct-empty_contents",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "<|eot_id|>" + TURNS + ANSWER + GEN,
        id="llama-3.1-instruct-ends_with_answer",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        BOT + LLAMA31_SYSTEM_HEADER + "<|eot_id|>" + TURNS + ANSWER,
        id="llama-3.1-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        TWO_USERS,
        True,
        (
            BOT
            + LLAMA31_SYSTEM_HEADER
            + "<|eot_id|>"
            + USER_HELLO
            + "<|start_header_id|>user<|end_header_id|>\n\nAnyone there?<|eot_id|>"
            + GEN
        ),
        id="llama-3.1-instruct-two_users",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            BOT
            + LLAMA31_SYSTEM_HEADER
            + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHi!<|eot_id|>"
            + USER_HELLO
            + GEN
        ),
        id="llama-3.1-instruct-assistant_first",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        SYSTEM_ONLY,
        True,
        BOT + LLAMA31_SYSTEM_HEADER + "You are a helpful assistant.<|eot_id|>" + GEN,
        id="llama-3.1-instruct-system_only",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ONE_TURN,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "<|eot_id|>" + USER_HELLO + GEN,
        id="llama-3.2-instruct-one_turn",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ONE_TURN,
        False,
        BOT + LLAMA32_SYSTEM_HEADER + "<|eot_id|>" + USER_HELLO,
        id="llama-3.2-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        MULTI_TURN,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "You are a helpful assistant.<|eot_id|>" + TURNS + GEN,
        id="llama-3.2-instruct-multi_turn",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        MULTI_TURN,
        False,
        BOT + LLAMA32_SYSTEM_HEADER + "You are a helpful assistant.<|eot_id|>" + TURNS,
        id="llama-3.2-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        NO_SYSTEM,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "<|eot_id|>" + TURNS + GEN,
        id="llama-3.2-instruct-no_system",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        JAPANESE_PADDED,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "日本語で答えてください。<|eot_id|>" + JAPANESE_TURNS + GEN,
        id="llama-3.2-instruct-japanese_padded",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        EMPTY_CONTENTS,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "<|eot_id|>" + EMPTY_TURNS + GEN,
        id="llama-3.2-instruct-empty_contents",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ENDS_WITH_ANSWER,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "<|eot_id|>" + TURNS + ANSWER + GEN,
        id="llama-3.2-instruct-ends_with_answer",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ENDS_WITH_ANSWER,
        False,
        BOT + LLAMA32_SYSTEM_HEADER + "<|eot_id|>" + TURNS + ANSWER,
        id="llama-3.2-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        TWO_USERS,
        True,
        (
            BOT
            + LLAMA32_SYSTEM_HEADER
            + "<|eot_id|>"
            + USER_HELLO
            + "<|start_header_id|>user<|end_header_id|>\n\nAnyone there?<|eot_id|>"
            + GEN
        ),
        id="llama-3.2-instruct-two_users",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ASSISTANT_FIRST,
        True,
        (
            BOT
            + LLAMA32_SYSTEM_HEADER
            + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHi!<|eot_id|>"
            + USER_HELLO
            + GEN
        ),
        id="llama-3.2-instruct-assistant_first",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        SYSTEM_ONLY,
        True,
        BOT + LLAMA32_SYSTEM_HEADER + "You are a helpful assistant.<|eot_id|>" + GEN,
        id="llama-3.2-instruct-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(Llama3ChatPrompt(), ["<|eot_id|>", "<|end_of_text|>"], id="Llama3ChatPrompt"),
    pytest.param(
        Llama3OriginalChatPrompt(), ["<|eot_id|>", "<|end_of_text|>"], id="Llama3OriginalChatPrompt"
    ),
    pytest.param(
        Llama31ChatPrompt(), ["<|eot_id|>", "<|eom_id|>", "<|end_of_text|>"], id="Llama31ChatPrompt"
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ["<|eot_id|>", "<|eom_id|>", "<|end_of_text|>"],
        id="Llama32ChatPrompt",
    ),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
