"""phi3: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import (
    Phi3MediumChatPrompt,
    Phi3MiniChatPrompt,
    Phi3OriginalChatPrompt,
    Phi3SmallChatPrompt,
    Phi35MiniChatPrompt,
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

SYSTEM_BLOCK = "<|system|>\nYou are a helpful assistant.<|end|>\n"

TURNS = "<|user|>\nHello\nthere<|end|>\n<|assistant|>\nHi!<|end|>\n<|user|>\nHow are you?<|end|>\n"

JAPANESE_TURNS = (
    "<|user|>\n"
    "  こんにちは 😀  <|end|>\n"
    "<|assistant|>\n"
    " はい、こんにちは！\n"
    "<|end|>\n"
    "<|user|>\n"
    "天気は？🌤<|end|>\n"
)

EMPTY_TURNS = "<|user|>\n<|end|>\n<|assistant|>\n<|end|>\n<|user|>\n <|end|>\n"

ANSWER = "<|assistant|>\nFine, thanks.<|end|>\n"

GEN = "<|assistant|>\n"

RENDERS = [
    pytest.param(
        Phi3MiniChatPrompt(),
        ONE_TURN,
        True,
        "<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-mini-4k-instruct-one_turn",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        ONE_TURN,
        False,
        "<|user|>\nHello<|end|>\n<|endoftext|>",
        id="phi-3-mini-4k-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="phi-3-mini-4k-instruct-multi_turn",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS + "<|endoftext|>",
        id="phi-3-mini-4k-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="phi-3-mini-4k-instruct-no_system",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|system|>\n  日本語で答えてください。 <|end|>\n" + JAPANESE_TURNS + GEN,
        id="phi-3-mini-4k-instruct-japanese_padded",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        EMPTY_CONTENTS,
        True,
        EMPTY_TURNS + GEN,
        id="phi-3-mini-4k-instruct-empty_contents",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + ANSWER + GEN,
        id="phi-3-mini-4k-instruct-ends_with_answer",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + ANSWER + "<|endoftext|>",
        id="phi-3-mini-4k-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        TWO_USERS,
        True,
        "<|user|>\nHello<|end|>\n<|user|>\nAnyone there?<|end|>\n" + GEN,
        id="phi-3-mini-4k-instruct-two_users",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<|assistant|>\nHi!<|end|>\n<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-mini-4k-instruct-assistant_first",
    ),
    pytest.param(
        Phi3MiniChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="phi-3-mini-4k-instruct-system_only",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        ONE_TURN,
        True,
        "<s><|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-mini-original-one_turn",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        ONE_TURN,
        False,
        "<s><|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-mini-original-one_turn-no-gen",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        MULTI_TURN,
        True,
        "<s>" + TURNS + GEN,
        id="phi-3-mini-original-multi_turn",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        MULTI_TURN,
        False,
        "<s>" + TURNS + GEN,
        id="phi-3-mini-original-multi_turn-no-gen",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>" + TURNS + GEN,
        id="phi-3-mini-original-no_system",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<s>" + JAPANESE_TURNS + GEN,
        id="phi-3-mini-original-japanese_padded",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>" + EMPTY_TURNS + GEN,
        id="phi-3-mini-original-empty_contents",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<s>" + TURNS + ANSWER,
        id="phi-3-mini-original-ends_with_answer",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<s>" + TURNS + ANSWER,
        id="phi-3-mini-original-ends_with_answer-no-gen",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        TWO_USERS,
        True,
        "<s><|user|>\nHello<|end|>\n<|assistant|>\n<|user|>\nAnyone there?<|end|>\n" + GEN,
        id="phi-3-mini-original-two_users",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<s>Hi!<|end|>\n<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-mini-original-assistant_first",
    ),
    pytest.param(
        Phi3OriginalChatPrompt(), SYSTEM_ONLY, True, "<s>", id="phi-3-mini-original-system_only"
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        ONE_TURN,
        True,
        "<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-medium-128k-instruct-one_turn",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        ONE_TURN,
        False,
        "<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-medium-128k-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        MULTI_TURN,
        True,
        TURNS + GEN,
        id="phi-3-medium-128k-instruct-multi_turn",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        MULTI_TURN,
        False,
        TURNS + GEN,
        id="phi-3-medium-128k-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="phi-3-medium-128k-instruct-no_system",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        JAPANESE_PADDED,
        True,
        JAPANESE_TURNS + GEN,
        id="phi-3-medium-128k-instruct-japanese_padded",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        EMPTY_CONTENTS,
        True,
        EMPTY_TURNS + GEN,
        id="phi-3-medium-128k-instruct-empty_contents",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + ANSWER,
        id="phi-3-medium-128k-instruct-ends_with_answer",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + ANSWER,
        id="phi-3-medium-128k-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        TWO_USERS,
        True,
        "<|user|>\nHello<|end|>\n<|assistant|>\n<|user|>\nAnyone there?<|end|>\n" + GEN,
        id="phi-3-medium-128k-instruct-two_users",
    ),
    pytest.param(
        Phi3MediumChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "Hi!<|end|>\n<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-medium-128k-instruct-assistant_first",
    ),
    pytest.param(
        Phi3MediumChatPrompt(), SYSTEM_ONLY, True, "", id="phi-3-medium-128k-instruct-system_only"
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        ONE_TURN,
        True,
        "<|endoftext|><|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-small-8k-instruct-one_turn",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        ONE_TURN,
        False,
        "<|endoftext|><|user|>\nHello<|end|>\n<|endoftext|>",
        id="phi-3-small-8k-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        MULTI_TURN,
        True,
        "<|endoftext|>" + SYSTEM_BLOCK + TURNS + GEN,
        id="phi-3-small-8k-instruct-multi_turn",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        MULTI_TURN,
        False,
        "<|endoftext|>" + SYSTEM_BLOCK + TURNS + "<|endoftext|>",
        id="phi-3-small-8k-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        NO_SYSTEM,
        True,
        "<|endoftext|>" + TURNS + GEN,
        id="phi-3-small-8k-instruct-no_system",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|endoftext|><|system|>\n  日本語で答えてください。 <|end|>\n" + JAPANESE_TURNS + GEN,
        id="phi-3-small-8k-instruct-japanese_padded",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<|endoftext|>" + EMPTY_TURNS + GEN,
        id="phi-3-small-8k-instruct-empty_contents",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<|endoftext|>" + TURNS + ANSWER + GEN,
        id="phi-3-small-8k-instruct-ends_with_answer",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<|endoftext|>" + TURNS + ANSWER + "<|endoftext|>",
        id="phi-3-small-8k-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        TWO_USERS,
        True,
        "<|endoftext|><|user|>\nHello<|end|>\n<|user|>\nAnyone there?<|end|>\n" + GEN,
        id="phi-3-small-8k-instruct-two_users",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<|endoftext|><|assistant|>\nHi!<|end|>\n<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3-small-8k-instruct-assistant_first",
    ),
    pytest.param(
        Phi3SmallChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<|endoftext|>" + SYSTEM_BLOCK + GEN,
        id="phi-3-small-8k-instruct-system_only",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        ONE_TURN,
        True,
        "<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3.5-mini-instruct-one_turn",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        ONE_TURN,
        False,
        "<|user|>\nHello<|end|>\n<|endoftext|>",
        id="phi-3.5-mini-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="phi-3.5-mini-instruct-multi_turn",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS + "<|endoftext|>",
        id="phi-3.5-mini-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="phi-3.5-mini-instruct-no_system",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|system|>\n  日本語で答えてください。 <|end|>\n" + JAPANESE_TURNS + GEN,
        id="phi-3.5-mini-instruct-japanese_padded",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        EMPTY_CONTENTS,
        True,
        EMPTY_TURNS + GEN,
        id="phi-3.5-mini-instruct-empty_contents",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + ANSWER + GEN,
        id="phi-3.5-mini-instruct-ends_with_answer",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + ANSWER + "<|endoftext|>",
        id="phi-3.5-mini-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        TWO_USERS,
        True,
        "<|user|>\nHello<|end|>\n<|user|>\nAnyone there?<|end|>\n" + GEN,
        id="phi-3.5-mini-instruct-two_users",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<|assistant|>\nHi!<|end|>\n<|user|>\nHello<|end|>\n" + GEN,
        id="phi-3.5-mini-instruct-assistant_first",
    ),
    pytest.param(
        Phi35MiniChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="phi-3.5-mini-instruct-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(Phi3MiniChatPrompt(), ["<|end|>", "<|endoftext|>"], id="Phi3MiniChatPrompt"),
    pytest.param(
        Phi3OriginalChatPrompt(), ["<|end|>", "<|endoftext|>"], id="Phi3OriginalChatPrompt"
    ),
    pytest.param(Phi3MediumChatPrompt(), ["<|end|>", "<|endoftext|>"], id="Phi3MediumChatPrompt"),
    pytest.param(Phi3SmallChatPrompt(), ["<|end|>", "<|endoftext|>"], id="Phi3SmallChatPrompt"),
    pytest.param(Phi35MiniChatPrompt(), ["<|end|>", "<|endoftext|>"], id="Phi35MiniChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
