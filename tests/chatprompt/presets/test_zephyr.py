"""zephyr: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import TinyLlamaChatPrompt, ZephyrChatPrompt
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

SYSTEM_BLOCK = "<|system|>\nYou are a helpful assistant.</s>\n"

TURNS = "<|user|>\nHello\nthere</s>\n<|assistant|>\nHi!</s>\n<|user|>\nHow are you?</s>\n"

JAPANESE_TURNS = (
    "<|user|>\n"
    "  こんにちは 😀  </s>\n"
    "<|assistant|>\n"
    " はい、こんにちは！\n"
    "</s>\n"
    "<|user|>\n"
    "天気は？🌤</s>\n"
)

EMPTY_TURNS = "<|user|>\n</s>\n<|assistant|>\n</s>\n<|user|>\n </s>\n"

GEN = "<|assistant|>\n"

RENDERS = [
    pytest.param(
        ZephyrChatPrompt(),
        ONE_TURN,
        True,
        "<|user|>\nHello</s>\n" + GEN,
        id="zephyr-7b-beta-one_turn",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        ONE_TURN,
        False,
        "<|user|>\nHello</s>\n",
        id="zephyr-7b-beta-one_turn-no-gen",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="zephyr-7b-beta-multi_turn",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS,
        id="zephyr-7b-beta-multi_turn-no-gen",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="zephyr-7b-beta-no_system",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|system|>\n  日本語で答えてください。 </s>\n" + JAPANESE_TURNS + GEN,
        id="zephyr-7b-beta-japanese_padded",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        EMPTY_CONTENTS,
        True,
        EMPTY_TURNS + GEN,
        id="zephyr-7b-beta-empty_contents",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + "<|assistant|>\nFine, thanks.</s>\n" + GEN,
        id="zephyr-7b-beta-ends_with_answer",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + "<|assistant|>\nFine, thanks.</s>\n",
        id="zephyr-7b-beta-ends_with_answer-no-gen",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        TWO_USERS,
        True,
        "<|user|>\nHello</s>\n<|user|>\nAnyone there?</s>\n" + GEN,
        id="zephyr-7b-beta-two_users",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<|assistant|>\nHi!</s>\n<|user|>\nHello</s>\n" + GEN,
        id="zephyr-7b-beta-assistant_first",
    ),
    pytest.param(
        ZephyrChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="zephyr-7b-beta-system_only",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        ONE_TURN,
        True,
        "<|user|>\nHello</s>\n" + GEN,
        id="tinyllama-1.1b-chat-v1.0-one_turn",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        ONE_TURN,
        False,
        "<|user|>\nHello</s>\n",
        id="tinyllama-1.1b-chat-v1.0-one_turn-no-gen",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="tinyllama-1.1b-chat-v1.0-multi_turn",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS,
        id="tinyllama-1.1b-chat-v1.0-multi_turn-no-gen",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="tinyllama-1.1b-chat-v1.0-no_system",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|system|>\n  日本語で答えてください。 </s>\n" + JAPANESE_TURNS + GEN,
        id="tinyllama-1.1b-chat-v1.0-japanese_padded",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        EMPTY_CONTENTS,
        True,
        EMPTY_TURNS + GEN,
        id="tinyllama-1.1b-chat-v1.0-empty_contents",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + "<|assistant|>\nFine, thanks.</s>\n" + GEN,
        id="tinyllama-1.1b-chat-v1.0-ends_with_answer",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + "<|assistant|>\nFine, thanks.</s>\n",
        id="tinyllama-1.1b-chat-v1.0-ends_with_answer-no-gen",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        TWO_USERS,
        True,
        "<|user|>\nHello</s>\n<|user|>\nAnyone there?</s>\n" + GEN,
        id="tinyllama-1.1b-chat-v1.0-two_users",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<|assistant|>\nHi!</s>\n<|user|>\nHello</s>\n" + GEN,
        id="tinyllama-1.1b-chat-v1.0-assistant_first",
    ),
    pytest.param(
        TinyLlamaChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="tinyllama-1.1b-chat-v1.0-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(ZephyrChatPrompt(), ["</s>", "<|user|>"], id="ZephyrChatPrompt"),
    pytest.param(TinyLlamaChatPrompt(), ["</s>", "<|user|>"], id="TinyLlamaChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
