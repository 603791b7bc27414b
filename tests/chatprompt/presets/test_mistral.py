"""mistral: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import (
    MistralNemoChatPrompt,
    MistralV01ChatPrompt,
    MistralV01LegacyChatPrompt,
    MistralV02LegacyChatPrompt,
    MistralV03ChatPrompt,
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

RENDERS = [
    pytest.param(
        MistralV01ChatPrompt(),
        ONE_TURN,
        True,
        "<s> [INST] Hello [/INST]",
        id="mistral-7b-instruct-v0.1-one_turn",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        ONE_TURN,
        False,
        "<s> [INST] Hello [/INST]",
        id="mistral-7b-instruct-v0.1-one_turn-no-gen",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<s> [INST] You are a helpful assistant.\n"
            "\n"
            "Hello\n"
            "there [/INST] Hi!</s> [INST] How are you? [/INST]"
        ),
        id="mistral-7b-instruct-v0.1-multi_turn",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<s> [INST] You are a helpful assistant.\n"
            "\n"
            "Hello\n"
            "there [/INST] Hi!</s> [INST] How are you? [/INST]"
        ),
        id="mistral-7b-instruct-v0.1-multi_turn-no-gen",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        NO_SYSTEM,
        True,
        "<s> [INST] Hello\nthere [/INST] Hi!</s> [INST] How are you? [/INST]",
        id="mistral-7b-instruct-v0.1-no_system",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s> [INST]   日本語で答えてください。 \n"
            "\n"
            "  こんにちは 😀   [/INST]  はい、こんにちは！\n"
            "</s> [INST] 天気は？🌤 [/INST]"
        ),
        id="mistral-7b-instruct-v0.1-japanese_padded",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s> [INST]  [/INST] </s> [INST]   [/INST]",
        id="mistral-7b-instruct-v0.1-empty_contents",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        ("<s> [INST] Hello\nthere [/INST] Hi!</s> [INST] How are you? [/INST] Fine, thanks.</s>"),
        id="mistral-7b-instruct-v0.1-ends_with_answer",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        ("<s> [INST] Hello\nthere [/INST] Hi!</s> [INST] How are you? [/INST] Fine, thanks.</s>"),
        id="mistral-7b-instruct-v0.1-ends_with_answer-no-gen",
    ),
    pytest.param(
        MistralV01ChatPrompt(), SYSTEM_ONLY, True, "<s>", id="mistral-7b-instruct-v0.1-system_only"
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST] Hello [/INST]",
        id="mistral-7b-instruct-v0.1-legacy-one_turn",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST] Hello [/INST]",
        id="mistral-7b-instruct-v0.1-legacy-one_turn-no-gen",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST] Hello\nthere [/INST]Hi!</s> [INST] How are you? [/INST]",
        id="mistral-7b-instruct-v0.1-legacy-no_system",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST]  [/INST]</s> [INST]   [/INST]",
        id="mistral-7b-instruct-v0.1-legacy-empty_contents",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        ("<s>[INST] Hello\nthere [/INST]Hi!</s> [INST] How are you? [/INST]Fine, thanks.</s> "),
        id="mistral-7b-instruct-v0.1-legacy-ends_with_answer",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        ("<s>[INST] Hello\nthere [/INST]Hi!</s> [INST] How are you? [/INST]Fine, thanks.</s> "),
        id="mistral-7b-instruct-v0.1-legacy-ends_with_answer-no-gen",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST] Hello [/INST]",
        id="mistral-7b-instruct-v0.2-legacy-one_turn",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST] Hello [/INST]",
        id="mistral-7b-instruct-v0.2-legacy-one_turn-no-gen",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST] Hello\nthere [/INST]Hi!</s>[INST] How are you? [/INST]",
        id="mistral-7b-instruct-v0.2-legacy-no_system",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST]  [/INST]</s>[INST]   [/INST]",
        id="mistral-7b-instruct-v0.2-legacy-empty_contents",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        ("<s>[INST] Hello\nthere [/INST]Hi!</s>[INST] How are you? [/INST]Fine, thanks.</s>"),
        id="mistral-7b-instruct-v0.2-legacy-ends_with_answer",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        ("<s>[INST] Hello\nthere [/INST]Hi!</s>[INST] How are you? [/INST]Fine, thanks.</s>"),
        id="mistral-7b-instruct-v0.2-legacy-ends_with_answer-no-gen",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST] Hello[/INST]",
        id="mistral-7b-instruct-v0.3-one_turn",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST] Hello[/INST]",
        id="mistral-7b-instruct-v0.3-one_turn-no-gen",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<s>[INST] Hello\n"
            "there[/INST] Hi!</s>[INST] You are a helpful assistant.\n"
            "\n"
            "How are you?[/INST]"
        ),
        id="mistral-7b-instruct-v0.3-multi_turn",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<s>[INST] Hello\n"
            "there[/INST] Hi!</s>[INST] You are a helpful assistant.\n"
            "\n"
            "How are you?[/INST]"
        ),
        id="mistral-7b-instruct-v0.3-multi_turn-no-gen",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST] Hello\nthere[/INST] Hi!</s>[INST] How are you?[/INST]",
        id="mistral-7b-instruct-v0.3-no_system",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s>[INST]   こんにちは 😀  [/INST] はい、こんにちは！</"
            "s>[INST]   日本語で答えてください。 \n"
            "\n"
            "天気は？🌤[/INST]"
        ),
        id="mistral-7b-instruct-v0.3-japanese_padded",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST] [/INST] </s>[INST]  [/INST]",
        id="mistral-7b-instruct-v0.3-empty_contents",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        ("<s>[INST] Hello\nthere[/INST] Hi!</s>[INST] How are you?[/INST] Fine, thanks.</s>"),
        id="mistral-7b-instruct-v0.3-ends_with_answer",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        ("<s>[INST] Hello\nthere[/INST] Hi!</s>[INST] How are you?[/INST] Fine, thanks.</s>"),
        id="mistral-7b-instruct-v0.3-ends_with_answer-no-gen",
    ),
    pytest.param(
        MistralV03ChatPrompt(), SYSTEM_ONLY, True, "<s>", id="mistral-7b-instruct-v0.3-system_only"
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        ONE_TURN,
        True,
        "<s>[INST]Hello[/INST]",
        id="mistral-nemo-instruct-2407-one_turn",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        ONE_TURN,
        False,
        "<s>[INST]Hello[/INST]",
        id="mistral-nemo-instruct-2407-one_turn-no-gen",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<s>[INST]Hello\n"
            "there[/INST]Hi!</s>[INST]You are a helpful assistant.\n"
            "\n"
            "How are you?[/INST]"
        ),
        id="mistral-nemo-instruct-2407-multi_turn",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<s>[INST]Hello\n"
            "there[/INST]Hi!</s>[INST]You are a helpful assistant.\n"
            "\n"
            "How are you?[/INST]"
        ),
        id="mistral-nemo-instruct-2407-multi_turn-no-gen",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>[INST]Hello\nthere[/INST]Hi!</s>[INST]How are you?[/INST]",
        id="mistral-nemo-instruct-2407-no_system",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s>[INST]  こんにちは 😀  [/INST] はい、こんにちは！\n"
            "</s>[INST]  日本語で答えてください。 \n"
            "\n"
            "天気は？🌤[/INST]"
        ),
        id="mistral-nemo-instruct-2407-japanese_padded",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>[INST][/INST]</s>[INST] [/INST]",
        id="mistral-nemo-instruct-2407-empty_contents",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        ("<s>[INST]Hello\nthere[/INST]Hi!</s>[INST]How are you?[/INST]Fine, thanks.</s>"),
        id="mistral-nemo-instruct-2407-ends_with_answer",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        ("<s>[INST]Hello\nthere[/INST]Hi!</s>[INST]How are you?[/INST]Fine, thanks.</s>"),
        id="mistral-nemo-instruct-2407-ends_with_answer-no-gen",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<s>",
        id="mistral-nemo-instruct-2407-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


ERRORS = [
    pytest.param(
        MistralV01ChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-two_users",
    ),
    pytest.param(
        MistralV01ChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-assistant_first",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        MULTI_TURN,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-legacy-multi_turn",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        JAPANESE_PADDED,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-legacy-japanese_padded",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-legacy-two_users",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-legacy-assistant_first",
    ),
    pytest.param(
        MistralV01LegacyChatPrompt(),
        SYSTEM_ONLY,
        MessageOrderError,
        id="mistral-7b-instruct-v0.1-legacy-system_only",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        MULTI_TURN,
        MessageOrderError,
        id="mistral-7b-instruct-v0.2-legacy-multi_turn",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        JAPANESE_PADDED,
        MessageOrderError,
        id="mistral-7b-instruct-v0.2-legacy-japanese_padded",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="mistral-7b-instruct-v0.2-legacy-two_users",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="mistral-7b-instruct-v0.2-legacy-assistant_first",
    ),
    pytest.param(
        MistralV02LegacyChatPrompt(),
        SYSTEM_ONLY,
        MessageOrderError,
        id="mistral-7b-instruct-v0.2-legacy-system_only",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="mistral-7b-instruct-v0.3-two_users",
    ),
    pytest.param(
        MistralV03ChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="mistral-7b-instruct-v0.3-assistant_first",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        TWO_USERS,
        MessageOrderError,
        id="mistral-nemo-instruct-2407-two_users",
    ),
    pytest.param(
        MistralNemoChatPrompt(),
        ASSISTANT_FIRST,
        MessageOrderError,
        id="mistral-nemo-instruct-2407-assistant_first",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "error"), ERRORS)
def test_render_raises_where_the_template_raises(
    preset: TemplateChatPrompt, messages: Messages, error: type[Exception]
) -> None:
    with pytest.raises(error):
        preset.render(messages)


STOPS = [
    pytest.param(MistralV01ChatPrompt(), ["</s>"], id="MistralV01ChatPrompt"),
    pytest.param(MistralV01LegacyChatPrompt(), ["</s>"], id="MistralV01LegacyChatPrompt"),
    pytest.param(MistralV02LegacyChatPrompt(), ["</s>"], id="MistralV02LegacyChatPrompt"),
    pytest.param(MistralV03ChatPrompt(), ["</s>"], id="MistralV03ChatPrompt"),
    pytest.param(MistralNemoChatPrompt(), ["</s>"], id="MistralNemoChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
