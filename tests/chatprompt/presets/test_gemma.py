"""gemma: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import Gemma2ChatPrompt, GemmaChatPrompt
from chatprompt.errors import MessageOrderError, UnsupportedRoleError
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

TURNS = (
    "<start_of_turn>user\n"
    "Hello\n"
    "there<end_of_turn>\n"
    "<start_of_turn>model\n"
    "Hi!<end_of_turn>\n"
    "<start_of_turn>user\n"
    "How are you?<end_of_turn>\n"
)

EMPTY_TURNS = (
    "<start_of_turn>user\n"
    "<end_of_turn>\n"
    "<start_of_turn>model\n"
    "<end_of_turn>\n"
    "<start_of_turn>user\n"
    "<end_of_turn>\n"
)

GEN = "<start_of_turn>model\n"

RENDERS = [
    pytest.param(
        GemmaChatPrompt(),
        ONE_TURN,
        True,
        "<bos><start_of_turn>user\nHello<end_of_turn>\n" + GEN,
        id="gemma-it-one_turn",
    ),
    pytest.param(
        GemmaChatPrompt(),
        ONE_TURN,
        False,
        "<bos><start_of_turn>user\nHello<end_of_turn>\n",
        id="gemma-it-one_turn-no-gen",
    ),
    pytest.param(
        GemmaChatPrompt(),
        NO_SYSTEM,
        True,
        "<bos>" + TURNS + GEN,
        id="gemma-it-no_system",
    ),
    pytest.param(
        GemmaChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<bos>" + EMPTY_TURNS + GEN,
        id="gemma-it-empty_contents",
    ),
    pytest.param(
        GemmaChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<bos>" + TURNS + "<start_of_turn>model\nFine, thanks.<end_of_turn>\n" + GEN,
        id="gemma-it-ends_with_answer",
    ),
    pytest.param(
        GemmaChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<bos>" + TURNS + "<start_of_turn>model\nFine, thanks.<end_of_turn>\n",
        id="gemma-it-ends_with_answer-no-gen",
    ),
    pytest.param(
        Gemma2ChatPrompt(),
        ONE_TURN,
        True,
        "<bos><start_of_turn>user\nHello<end_of_turn>\n" + GEN,
        id="gemma-2-it-one_turn",
    ),
    pytest.param(
        Gemma2ChatPrompt(),
        ONE_TURN,
        False,
        "<bos><start_of_turn>user\nHello<end_of_turn>\n",
        id="gemma-2-it-one_turn-no-gen",
    ),
    pytest.param(
        Gemma2ChatPrompt(),
        NO_SYSTEM,
        True,
        "<bos>" + TURNS + GEN,
        id="gemma-2-it-no_system",
    ),
    pytest.param(
        Gemma2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<bos>" + EMPTY_TURNS + GEN,
        id="gemma-2-it-empty_contents",
    ),
    pytest.param(
        Gemma2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<bos>" + TURNS + "<start_of_turn>model\nFine, thanks.<end_of_turn>\n" + GEN,
        id="gemma-2-it-ends_with_answer",
    ),
    pytest.param(
        Gemma2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<bos>" + TURNS + "<start_of_turn>model\nFine, thanks.<end_of_turn>\n",
        id="gemma-2-it-ends_with_answer-no-gen",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


ERRORS = [
    pytest.param(GemmaChatPrompt(), MULTI_TURN, UnsupportedRoleError, id="gemma-it-multi_turn"),
    pytest.param(GemmaChatPrompt(), MULTI_TURN, UnsupportedRoleError, id="gemma-it-multi_turn"),
    pytest.param(
        GemmaChatPrompt(), JAPANESE_PADDED, UnsupportedRoleError, id="gemma-it-japanese_padded"
    ),
    pytest.param(GemmaChatPrompt(), TWO_USERS, MessageOrderError, id="gemma-it-two_users"),
    pytest.param(
        GemmaChatPrompt(), ASSISTANT_FIRST, MessageOrderError, id="gemma-it-assistant_first"
    ),
    pytest.param(GemmaChatPrompt(), SYSTEM_ONLY, UnsupportedRoleError, id="gemma-it-system_only"),
    pytest.param(Gemma2ChatPrompt(), MULTI_TURN, UnsupportedRoleError, id="gemma-2-it-multi_turn"),
    pytest.param(Gemma2ChatPrompt(), MULTI_TURN, UnsupportedRoleError, id="gemma-2-it-multi_turn"),
    pytest.param(
        Gemma2ChatPrompt(), JAPANESE_PADDED, UnsupportedRoleError, id="gemma-2-it-japanese_padded"
    ),
    pytest.param(Gemma2ChatPrompt(), TWO_USERS, MessageOrderError, id="gemma-2-it-two_users"),
    pytest.param(
        Gemma2ChatPrompt(), ASSISTANT_FIRST, MessageOrderError, id="gemma-2-it-assistant_first"
    ),
    pytest.param(
        Gemma2ChatPrompt(), SYSTEM_ONLY, UnsupportedRoleError, id="gemma-2-it-system_only"
    ),
]


@pytest.mark.parametrize(("preset", "messages", "error"), ERRORS)
def test_render_raises_where_the_template_raises(
    preset: TemplateChatPrompt, messages: Messages, error: type[Exception]
) -> None:
    with pytest.raises(error):
        preset.render(messages)


STOPS = [
    pytest.param(GemmaChatPrompt(), ["<end_of_turn>", "<eos>"], id="GemmaChatPrompt"),
    pytest.param(Gemma2ChatPrompt(), ["<end_of_turn>", "<eos>"], id="Gemma2ChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
