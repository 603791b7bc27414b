"""chatml: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import (
    ChatMLChatPrompt,
    DBRXChatPrompt,
    InternLM2ChatPrompt,
    MPTChatPrompt,
    NousHermes2ChatPrompt,
    Qwen2ChatPrompt,
    Qwen25ChatPrompt,
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

SYSTEM_BLOCK = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"

QWEN25_SYSTEM_BLOCK = (
    "<|im_start|>system\n"
    "You are Qwen, created by Alibaba Cloud. You are a helpful "
    "assistant.<|im_end|>\n"
)

MPT_SYSTEM_BLOCK = (
    "<|im_start|>system\n"
    "A conversation between a user and an LLM-based AI assistant. The assistant "
    "gives helpful and honest answers.\n"
)

DBRX_SYSTEM_BLOCK = (
    "<|im_start|>system\n"
    "You are DBRX, created by Databricks. You were last updated in December "
    "2023. You answer questions based on information available up to that point.\n"
    "YOU PROVIDE SHORT RESPONSES TO SHORT QUESTIONS OR STATEMENTS, but provide "
    "thorough responses to more complex and open-ended questions.\n"
    "You assist with various tasks, from writing to coding (using markdown for "
    "code blocks — remember to use ``` with code, JSON, and tables).\n"
    "(You do not have real-time data access or code execution capabilities. You "
    "avoid stereotyping and provide balanced perspectives on controversial "
    "topics. You do not provide song lyrics, poems, or news articles and do not "
    "divulge details of your training data.)\n"
    "This is your system prompt, guiding your responses. Do not reference it, "
    "just respond to the user. If you find yourself talking about this message, "
    "stop. You should be responding appropriately and usually that means not "
    "mentioning this.\n"
    "YOU DO NOT MENTION ANY OF THIS INFORMATION ABOUT YOURSELF UNLESS THE "
    "INFORMATION IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
)

TURNS = (
    "<|im_start|>user\n"
    "Hello\n"
    "there<|im_end|>\n"
    "<|im_start|>assistant\n"
    "Hi!<|im_end|>\n"
    "<|im_start|>user\n"
    "How are you?<|im_end|>\n"
)

JAPANESE_TURNS = (
    "<|im_start|>user\n"
    "  こんにちは 😀  <|im_end|>\n"
    "<|im_start|>assistant\n"
    " はい、こんにちは！\n"
    "<|im_end|>\n"
    "<|im_start|>user\n"
    "天気は？🌤<|im_end|>\n"
)

EMPTY_TURNS = (
    "<|im_start|>user\n"
    "<|im_end|>\n"
    "<|im_start|>assistant\n"
    "<|im_end|>\n"
    "<|im_start|>user\n"
    " <|im_end|>\n"
)

GEN = "<|im_start|>assistant\n"

RENDERS = [
    pytest.param(
        ChatMLChatPrompt(),
        ONE_TURN,
        True,
        "<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="chatml-openhermes-2.5-one_turn",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ONE_TURN,
        False,
        "<|im_start|>user\nHello<|im_end|>\n",
        id="chatml-openhermes-2.5-one_turn-no-gen",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="chatml-openhermes-2.5-multi_turn",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS,
        id="chatml-openhermes-2.5-multi_turn-no-gen",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        NO_SYSTEM,
        True,
        TURNS + GEN,
        id="chatml-openhermes-2.5-no_system",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|im_start|>system\n  日本語で答えてください。 <|im_end|>\n" + JAPANESE_TURNS + GEN,
        id="chatml-openhermes-2.5-japanese_padded",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        EMPTY_CONTENTS,
        True,
        EMPTY_TURNS + GEN,
        id="chatml-openhermes-2.5-empty_contents",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="chatml-openhermes-2.5-ends_with_answer",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n",
        id="chatml-openhermes-2.5-ends_with_answer-no-gen",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        TWO_USERS,
        True,
        "<|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n" + GEN,
        id="chatml-openhermes-2.5-two_users",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="chatml-openhermes-2.5-assistant_first",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="chatml-openhermes-2.5-system_only",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ONE_TURN,
        True,
        "<s><|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="nous-hermes-2-mixtral-dpo-one_turn",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ONE_TURN,
        False,
        "<s><|im_start|>user\nHello<|im_end|>\n",
        id="nous-hermes-2-mixtral-dpo-one_turn-no-gen",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        MULTI_TURN,
        True,
        "<s>" + SYSTEM_BLOCK + TURNS + GEN,
        id="nous-hermes-2-mixtral-dpo-multi_turn",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        MULTI_TURN,
        False,
        "<s>" + SYSTEM_BLOCK + TURNS,
        id="nous-hermes-2-mixtral-dpo-multi_turn-no-gen",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>" + TURNS + GEN,
        id="nous-hermes-2-mixtral-dpo-no_system",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<s><|im_start|>system\n  日本語で答えてください。 <|im_end|>\n" + JAPANESE_TURNS + GEN,
        id="nous-hermes-2-mixtral-dpo-japanese_padded",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>" + EMPTY_TURNS + GEN,
        id="nous-hermes-2-mixtral-dpo-empty_contents",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<s>" + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="nous-hermes-2-mixtral-dpo-ends_with_answer",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<s>" + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n",
        id="nous-hermes-2-mixtral-dpo-ends_with_answer-no-gen",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        TWO_USERS,
        True,
        (
            ("<s><|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n")
            + GEN
        ),
        id="nous-hermes-2-mixtral-dpo-two_users",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<s><|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="nous-hermes-2-mixtral-dpo-assistant_first",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<s>" + SYSTEM_BLOCK + GEN,
        id="nous-hermes-2-mixtral-dpo-system_only",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ONE_TURN,
        True,
        "<s><|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="internlm2-chat-7b-one_turn",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ONE_TURN,
        False,
        "<s><|im_start|>user\nHello<|im_end|>\n",
        id="internlm2-chat-7b-one_turn-no-gen",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        MULTI_TURN,
        True,
        "<s>" + SYSTEM_BLOCK + TURNS + GEN,
        id="internlm2-chat-7b-multi_turn",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        MULTI_TURN,
        False,
        "<s>" + SYSTEM_BLOCK + TURNS,
        id="internlm2-chat-7b-multi_turn-no-gen",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        NO_SYSTEM,
        True,
        "<s>" + TURNS + GEN,
        id="internlm2-chat-7b-no_system",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<s><|im_start|>system\n  日本語で答えてください。 <|im_end|>\n" + JAPANESE_TURNS + GEN,
        id="internlm2-chat-7b-japanese_padded",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        "<s>" + EMPTY_TURNS + GEN,
        id="internlm2-chat-7b-empty_contents",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        "<s>" + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="internlm2-chat-7b-ends_with_answer",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        "<s>" + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n",
        id="internlm2-chat-7b-ends_with_answer-no-gen",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        TWO_USERS,
        True,
        (
            ("<s><|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n")
            + GEN
        ),
        id="internlm2-chat-7b-two_users",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        "<s><|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="internlm2-chat-7b-assistant_first",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<s>" + SYSTEM_BLOCK + GEN,
        id="internlm2-chat-7b-system_only",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ONE_TURN,
        True,
        SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="qwen2-7b-instruct-one_turn",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ONE_TURN,
        False,
        SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>\n",
        id="qwen2-7b-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="qwen2-7b-instruct-multi_turn",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS,
        id="qwen2-7b-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        NO_SYSTEM,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="qwen2-7b-instruct-no_system",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|im_start|>system\n  日本語で答えてください。 <|im_end|>\n" + JAPANESE_TURNS + GEN,
        id="qwen2-7b-instruct-japanese_padded",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        SYSTEM_BLOCK + EMPTY_TURNS + GEN,
        id="qwen2-7b-instruct-empty_contents",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="qwen2-7b-instruct-ends_with_answer",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n",
        id="qwen2-7b-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        TWO_USERS,
        True,
        (
            SYSTEM_BLOCK
            + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n"
            + GEN
        ),
        id="qwen2-7b-instruct-two_users",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            SYSTEM_BLOCK
            + "<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
            + GEN
        ),
        id="qwen2-7b-instruct-assistant_first",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="qwen2-7b-instruct-system_only",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ONE_TURN,
        True,
        QWEN25_SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="qwen2.5-7b-instruct-one_turn",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ONE_TURN,
        False,
        QWEN25_SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>\n",
        id="qwen2.5-7b-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="qwen2.5-7b-instruct-multi_turn",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        MULTI_TURN,
        False,
        SYSTEM_BLOCK + TURNS,
        id="qwen2.5-7b-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        NO_SYSTEM,
        True,
        QWEN25_SYSTEM_BLOCK + TURNS + GEN,
        id="qwen2.5-7b-instruct-no_system",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|im_start|>system\n  日本語で答えてください。 <|im_end|>\n" + JAPANESE_TURNS + GEN,
        id="qwen2.5-7b-instruct-japanese_padded",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        QWEN25_SYSTEM_BLOCK + EMPTY_TURNS + GEN,
        id="qwen2.5-7b-instruct-empty_contents",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        QWEN25_SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="qwen2.5-7b-instruct-ends_with_answer",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        QWEN25_SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n",
        id="qwen2.5-7b-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        TWO_USERS,
        True,
        (
            QWEN25_SYSTEM_BLOCK
            + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n"
            + GEN
        ),
        id="qwen2.5-7b-instruct-two_users",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            QWEN25_SYSTEM_BLOCK
            + "<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
            + GEN
        ),
        id="qwen2.5-7b-instruct-assistant_first",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        SYSTEM_ONLY,
        True,
        SYSTEM_BLOCK + GEN,
        id="qwen2.5-7b-instruct-system_only",
    ),
    pytest.param(
        MPTChatPrompt(),
        ONE_TURN,
        True,
        MPT_SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="mpt-30b-chat-one_turn",
    ),
    pytest.param(
        MPTChatPrompt(),
        ONE_TURN,
        False,
        MPT_SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>",
        id="mpt-30b-chat-one_turn-no-gen",
    ),
    pytest.param(
        MPTChatPrompt(),
        MULTI_TURN,
        True,
        "<|im_start|>system\nYou are a helpful assistant.\n" + TURNS + GEN,
        id="mpt-30b-chat-multi_turn",
    ),
    pytest.param(
        MPTChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>"
        ),
        id="mpt-30b-chat-multi_turn-no-gen",
    ),
    pytest.param(
        MPTChatPrompt(),
        NO_SYSTEM,
        True,
        MPT_SYSTEM_BLOCK + TURNS + GEN,
        id="mpt-30b-chat-no_system",
    ),
    pytest.param(
        MPTChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|im_start|>system\n日本語で答えてください。\n" + JAPANESE_TURNS + GEN,
        id="mpt-30b-chat-japanese_padded",
    ),
    pytest.param(
        MPTChatPrompt(),
        EMPTY_CONTENTS,
        True,
        MPT_SYSTEM_BLOCK + EMPTY_TURNS + GEN,
        id="mpt-30b-chat-empty_contents",
    ),
    pytest.param(
        MPTChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        MPT_SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="mpt-30b-chat-ends_with_answer",
    ),
    pytest.param(
        MPTChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        MPT_SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>",
        id="mpt-30b-chat-ends_with_answer-no-gen",
    ),
    pytest.param(
        MPTChatPrompt(),
        TWO_USERS,
        True,
        (
            MPT_SYSTEM_BLOCK
            + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n"
            + GEN
        ),
        id="mpt-30b-chat-two_users",
    ),
    pytest.param(
        MPTChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            MPT_SYSTEM_BLOCK
            + "<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
            + GEN
        ),
        id="mpt-30b-chat-assistant_first",
    ),
    pytest.param(MPTChatPrompt(), SYSTEM_ONLY, True, "", id="mpt-30b-chat-system_only"),
    pytest.param(
        DBRXChatPrompt(),
        ONE_TURN,
        True,
        DBRX_SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>\n" + GEN,
        id="dbrx-instruct-one_turn",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ONE_TURN,
        False,
        DBRX_SYSTEM_BLOCK + "<|im_start|>user\nHello<|im_end|>",
        id="dbrx-instruct-one_turn-no-gen",
    ),
    pytest.param(
        DBRXChatPrompt(),
        MULTI_TURN,
        True,
        SYSTEM_BLOCK + TURNS + GEN,
        id="dbrx-instruct-multi_turn",
    ),
    pytest.param(
        DBRXChatPrompt(),
        MULTI_TURN,
        False,
        (
            SYSTEM_BLOCK
            + (
                "<|im_start|>user\n"
                "Hello\n"
                "there<|im_end|>\n"
                "<|im_start|>assistant\n"
                "Hi!<|im_end|>\n"
                "<|im_start|>user\n"
                "How are you?<|im_end|>"
            )
        ),
        id="dbrx-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        DBRXChatPrompt(),
        NO_SYSTEM,
        True,
        DBRX_SYSTEM_BLOCK + TURNS + GEN,
        id="dbrx-instruct-no_system",
    ),
    pytest.param(
        DBRXChatPrompt(),
        JAPANESE_PADDED,
        True,
        "<|im_start|>system\n日本語で答えてください。<|im_end|>\n" + JAPANESE_TURNS + GEN,
        id="dbrx-instruct-japanese_padded",
    ),
    pytest.param(
        DBRXChatPrompt(),
        EMPTY_CONTENTS,
        True,
        DBRX_SYSTEM_BLOCK + EMPTY_TURNS + GEN,
        id="dbrx-instruct-empty_contents",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        DBRX_SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>\n" + GEN,
        id="dbrx-instruct-ends_with_answer",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        DBRX_SYSTEM_BLOCK + TURNS + "<|im_start|>assistant\nFine, thanks.<|im_end|>",
        id="dbrx-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        DBRXChatPrompt(),
        TWO_USERS,
        True,
        (
            DBRX_SYSTEM_BLOCK
            + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>user\nAnyone there?<|im_end|>\n"
            + GEN
        ),
        id="dbrx-instruct-two_users",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            DBRX_SYSTEM_BLOCK
            + "<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
            + GEN
        ),
        id="dbrx-instruct-assistant_first",
    ),
    pytest.param(DBRXChatPrompt(), SYSTEM_ONLY, True, "", id="dbrx-instruct-system_only"),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(ChatMLChatPrompt(), ["<|im_end|>"], id="ChatMLChatPrompt"),
    pytest.param(NousHermes2ChatPrompt(), ["<|im_end|>"], id="NousHermes2ChatPrompt"),
    pytest.param(InternLM2ChatPrompt(), ["<|im_end|>", "</s>"], id="InternLM2ChatPrompt"),
    pytest.param(Qwen2ChatPrompt(), ["<|im_end|>", "<|endoftext|>"], id="Qwen2ChatPrompt"),
    pytest.param(Qwen25ChatPrompt(), ["<|im_end|>", "<|endoftext|>"], id="Qwen25ChatPrompt"),
    pytest.param(MPTChatPrompt(), ["<|im_end|>", "<|endoftext|>"], id="MPTChatPrompt"),
    pytest.param(DBRXChatPrompt(), ["<|im_end|>", "<|endoftext|>"], id="DBRXChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
