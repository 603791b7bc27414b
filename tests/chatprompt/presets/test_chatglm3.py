"""chatglm3: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import ChatGLM3ChatPrompt
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

PREFIX = "[gMASK]sop"

TURNS = "<|user|>\n Hello\nthere<|assistant|>\n Hi!<|user|>\n How are you?"

GEN = "<|assistant|>"

RENDERS = [
    pytest.param(
        ChatGLM3ChatPrompt(),
        ONE_TURN,
        True,
        PREFIX + "<|user|>\n Hello" + GEN,
        id="chatglm3-6b-one_turn",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        ONE_TURN,
        False,
        PREFIX + "<|user|>\n Hello",
        id="chatglm3-6b-one_turn-no-gen",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        MULTI_TURN,
        True,
        PREFIX + "<|system|>\n You are a helpful assistant." + TURNS + GEN,
        id="chatglm3-6b-multi_turn",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        MULTI_TURN,
        False,
        PREFIX + "<|system|>\n You are a helpful assistant." + TURNS,
        id="chatglm3-6b-multi_turn-no-gen",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        NO_SYSTEM,
        True,
        PREFIX + TURNS + GEN,
        id="chatglm3-6b-no_system",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            PREFIX
            + (
                "<|system|>\n"
                "   日本語で答えてください。 <|user|>\n"
                "   こんにちは 😀  <|assistant|>\n"
                "  はい、こんにちは！\n"
                "<|user|>\n"
                " 天気は？🌤"
            )
            + GEN
        ),
        id="chatglm3-6b-japanese_padded",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        PREFIX + "<|user|>\n <|assistant|>\n <|user|>\n  " + GEN,
        id="chatglm3-6b-empty_contents",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        PREFIX + TURNS + "<|assistant|>\n Fine, thanks." + GEN,
        id="chatglm3-6b-ends_with_answer",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        PREFIX + TURNS + "<|assistant|>\n Fine, thanks.",
        id="chatglm3-6b-ends_with_answer-no-gen",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        TWO_USERS,
        True,
        PREFIX + "<|user|>\n Hello<|user|>\n Anyone there?" + GEN,
        id="chatglm3-6b-two_users",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        PREFIX + "<|assistant|>\n Hi!<|user|>\n Hello" + GEN,
        id="chatglm3-6b-assistant_first",
    ),
    pytest.param(
        ChatGLM3ChatPrompt(),
        SYSTEM_ONLY,
        True,
        PREFIX + "<|system|>\n You are a helpful assistant." + GEN,
        id="chatglm3-6b-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(
        ChatGLM3ChatPrompt(), ["<|user|>", "<|observation|>", "</s>"], id="ChatGLM3ChatPrompt"
    ),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
