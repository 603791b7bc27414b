"""llama2: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import (
    CodeLlamaInstructChatPrompt,
    Llama2OfficialChatPrompt,
    SwallowInstructChatPrompt,
)
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

SYSTEM_BLOCK = "<<SYS>>\nYou are a helpful assistant.\n<</SYS>>\n\n"

JAPANESE_SYSTEM_BLOCK = "<<SYS>>\n  日本語で答えてください。 \n<</SYS>>\n\n"

TURNS = "Hello\nthere [/INST] Hi! </s><s>[INST] How are you? [/INST]"

SWALLOW_TURNS = "Hello\nthere [/INST] Hi!</s>[INST] How are you? [/INST]"

RENDERS = [
    pytest.param(
        Llama2OfficialChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST] Hello [/INST]",
        id="llama-2-chat-one_turn",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST] Hello [/INST]",
        id="llama-2-chat-one_turn-no-gen",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        MULTI_TURN,
        True,
        "<s>[INST] " + SYSTEM_BLOCK + TURNS,
        id="llama-2-chat-multi_turn",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        MULTI_TURN,
        False,
        "<s>[INST] " + SYSTEM_BLOCK + TURNS,
        id="llama-2-chat-multi_turn-no-gen",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST] " + TURNS,
        id="llama-2-chat-no_system",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s>[INST] "
            + JAPANESE_SYSTEM_BLOCK
            + "  こんにちは 😀 [/INST] はい、こんにちは！ </s><s>[INST] 天気は？🌤 [/INST]"
        ),
        id="llama-2-chat-japanese_padded",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST]  [/INST]  </s><s>[INST]  [/INST]",
        id="llama-2-chat-empty_contents",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<s>[INST] " + TURNS + " Fine, thanks. </s>",
        id="llama-2-chat-ends_with_answer",
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<s>[INST] " + TURNS + " Fine, thanks. </s>",
        id="llama-2-chat-ends_with_answer-no-gen",
    ),
    pytest.param(Llama2OfficialChatPrompt(), SYSTEM_ONLY, True, "", id="llama-2-chat-system_only"),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST] Hello [/INST]",
        id="codellama-instruct-one_turn",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST] Hello [/INST]",
        id="codellama-instruct-one_turn-no-gen",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        MULTI_TURN,
        True,
        "<s>[INST] " + SYSTEM_BLOCK + TURNS,
        id="codellama-instruct-multi_turn",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        MULTI_TURN,
        False,
        "<s>[INST] " + SYSTEM_BLOCK + TURNS,
        id="codellama-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST] " + TURNS,
        id="codellama-instruct-no_system",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s>[INST] "
            + JAPANESE_SYSTEM_BLOCK
            + "  こんにちは 😀 [/INST] はい、こんにちは！ </s><s>[INST] 天気は？🌤 [/INST]"
        ),
        id="codellama-instruct-japanese_padded",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST]  [/INST]  </s><s>[INST]  [/INST]",
        id="codellama-instruct-empty_contents",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<s>[INST] " + TURNS + " Fine, thanks. </s>",
        id="codellama-instruct-ends_with_answer",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<s>[INST] " + TURNS + " Fine, thanks. </s>",
        id="codellama-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(), SYSTEM_ONLY, True, "", id="codellama-instruct-system_only"
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST] Hello [/INST] ",
        id="swallow-7b-instruct-v0.1-one_turn",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST] Hello [/INST] ",
        id="swallow-7b-instruct-v0.1-one_turn-no-gen",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        MULTI_TURN,
        True,
        "<s>[INST] " + SYSTEM_BLOCK + SWALLOW_TURNS + " ",
        id="swallow-7b-instruct-v0.1-multi_turn",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        MULTI_TURN,
        False,
        "<s>[INST] " + SYSTEM_BLOCK + SWALLOW_TURNS + " ",
        id="swallow-7b-instruct-v0.1-multi_turn-no-gen",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST] " + SWALLOW_TURNS + " ",
        id="swallow-7b-instruct-v0.1-no_system",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s>[INST] "
            + JAPANESE_SYSTEM_BLOCK
            + "  こんにちは 😀 [/INST] はい、こんにちは！</s>[INST] 天気は？🌤 [/INST] "
        ),
        id="swallow-7b-instruct-v0.1-japanese_padded",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST]  [/INST] </s>[INST]  [/INST] ",
        id="swallow-7b-instruct-v0.1-empty_contents",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<s>[INST] " + SWALLOW_TURNS + " Fine, thanks.</s>",
        id="swallow-7b-instruct-v0.1-ends_with_answer",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<s>[INST] " + SWALLOW_TURNS + " Fine, thanks.</s>",
        id="swallow-7b-instruct-v0.1-ends_with_answer-no-gen",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<s>",
        id="swallow-7b-instruct-v0.1-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


ERRORS = [
    pytest.param(
        Llama2OfficialChatPrompt(), TWO_USERS, MessageOrderError, id="llama-2-chat-two_users"
    ),
    pytest.param(
        Llama2OfficialChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="llama-2-chat-assistant_first",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="codellama-instruct-two_users",
    ),
    pytest.param(
        CodeLlamaInstructChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="codellama-instruct-assistant_first",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="swallow-7b-instruct-v0.1-two_users",
    ),
    pytest.param(
        SwallowInstructChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="swallow-7b-instruct-v0.1-assistant_first",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "error"), ERRORS)
def test_render_raises_where_the_template_raises(
    preset: TemplateChatPrompt, messages: Messages, error: type[Exception]
) -> None:
    with pytest.raises(error):
        preset.render(messages)


STOPS = [
    pytest.param(Llama2OfficialChatPrompt(), ["</s>"], id="Llama2OfficialChatPrompt"),
    pytest.param(CodeLlamaInstructChatPrompt(), ["</s>"], id="CodeLlamaInstructChatPrompt"),
    pytest.param(SwallowInstructChatPrompt(), ["</s>"], id="SwallowInstructChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
