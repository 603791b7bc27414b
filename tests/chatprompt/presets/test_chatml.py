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

RENDERS = [
    pytest.param(
        ChatMLChatPrompt(),
        ONE_TURN,
        True,
        "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
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
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-multi_turn",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
        ),
        id="chatml-openhermes-2.5-multi_turn-no-gen",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-no_system",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|im_start|>system\n"
            "  日本語で答えてください。 <|im_end|>\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-japanese_padded",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-empty_contents",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-ends_with_answer",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
        ),
        id="chatml-openhermes-2.5-ends_with_answer-no-gen",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-two_users",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="chatml-openhermes-2.5-assistant_first",
    ),
    pytest.param(
        ChatMLChatPrompt(),
        SYSTEM_ONLY,
        True,
        ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>assistant\n"),
        id="chatml-openhermes-2.5-system_only",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ONE_TURN,
        True,
        "<s><|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
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
        (
            "<s><|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-multi_turn",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<s><|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
        ),
        id="nous-hermes-2-mixtral-dpo-multi_turn-no-gen",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<s><|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-no_system",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s><|im_start|>system\n"
            "  日本語で答えてください。 <|im_end|>\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-japanese_padded",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<s><|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-empty_contents",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<s><|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-ends_with_answer",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<s><|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
        ),
        id="nous-hermes-2-mixtral-dpo-ends_with_answer-no-gen",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<s><|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-two_users",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<s><|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="nous-hermes-2-mixtral-dpo-assistant_first",
    ),
    pytest.param(
        NousHermes2ChatPrompt(),
        SYSTEM_ONLY,
        True,
        ("<s><|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>assistant\n"),
        id="nous-hermes-2-mixtral-dpo-system_only",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ONE_TURN,
        True,
        "<s><|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
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
        (
            "<s><|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-multi_turn",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<s><|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
        ),
        id="internlm2-chat-7b-multi_turn-no-gen",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<s><|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-no_system",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<s><|im_start|>system\n"
            "  日本語で答えてください。 <|im_end|>\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-japanese_padded",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<s><|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-empty_contents",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<s><|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-ends_with_answer",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<s><|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
        ),
        id="internlm2-chat-7b-ends_with_answer-no-gen",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<s><|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-two_users",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<s><|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="internlm2-chat-7b-assistant_first",
    ),
    pytest.param(
        InternLM2ChatPrompt(),
        SYSTEM_ONLY,
        True,
        ("<s><|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>assistant\n"),
        id="internlm2-chat-7b-system_only",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-one_turn",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ONE_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
        ),
        id="qwen2-7b-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-multi_turn",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
        ),
        id="qwen2-7b-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-no_system",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|im_start|>system\n"
            "  日本語で答えてください。 <|im_end|>\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-japanese_padded",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-empty_contents",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-ends_with_answer",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
        ),
        id="qwen2-7b-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-two_users",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2-7b-instruct-assistant_first",
    ),
    pytest.param(
        Qwen2ChatPrompt(),
        SYSTEM_ONLY,
        True,
        ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>assistant\n"),
        id="qwen2-7b-instruct-system_only",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-one_turn",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ONE_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
        ),
        id="qwen2.5-7b-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-multi_turn",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
        ),
        id="qwen2.5-7b-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-no_system",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|im_start|>system\n"
            "  日本語で答えてください。 <|im_end|>\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-japanese_padded",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-empty_contents",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-ends_with_answer",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
        ),
        id="qwen2.5-7b-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-two_users",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|im_start|>system\n"
            "You are Qwen, created by Alibaba Cloud. "
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="qwen2.5-7b-instruct-assistant_first",
    ),
    pytest.param(
        Qwen25ChatPrompt(),
        SYSTEM_ONLY,
        True,
        ("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>assistant\n"),
        id="qwen2.5-7b-instruct-system_only",
    ),
    pytest.param(
        MPTChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-one_turn",
    ),
    pytest.param(
        MPTChatPrompt(),
        ONE_TURN,
        False,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>"
        ),
        id="mpt-30b-chat-one_turn-no-gen",
    ),
    pytest.param(
        MPTChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
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
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-no_system",
    ),
    pytest.param(
        MPTChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|im_start|>system\n"
            "日本語で答えてください。\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-japanese_padded",
    ),
    pytest.param(
        MPTChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-empty_contents",
    ),
    pytest.param(
        MPTChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-ends_with_answer",
    ),
    pytest.param(
        MPTChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>"
        ),
        id="mpt-30b-chat-ends_with_answer-no-gen",
    ),
    pytest.param(
        MPTChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-two_users",
    ),
    pytest.param(
        MPTChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|im_start|>system\n"
            "A conversation between a user and an LLM"
            "-based AI assistant. The assistant gives"
            " helpful and honest answers.\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="mpt-30b-chat-assistant_first",
    ),
    pytest.param(MPTChatPrompt(), SYSTEM_ONLY, True, "", id="mpt-30b-chat-system_only"),
    pytest.param(
        DBRXChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-one_turn",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ONE_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>"
        ),
        id="dbrx-instruct-one_turn-no-gen",
    ),
    pytest.param(
        DBRXChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-multi_turn",
    ),
    pytest.param(
        DBRXChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|im_start|>system\n"
            "You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>"
        ),
        id="dbrx-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        DBRXChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-no_system",
    ),
    pytest.param(
        DBRXChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|im_start|>system\n"
            "日本語で答えてください。<|im_end|>\n"
            "<|im_start|>user\n"
            "  こんにちは 😀  <|im_end|>\n"
            "<|im_start|>assistant\n"
            " はい、こんにちは！\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            "天気は？🌤<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-japanese_padded",
    ),
    pytest.param(
        DBRXChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "<|im_end|>\n"
            "<|im_start|>assistant\n"
            "<|im_end|>\n"
            "<|im_start|>user\n"
            " <|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-empty_contents",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-ends_with_answer",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello\n"
            "there<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "How are you?<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Fine, thanks.<|im_end|>"
        ),
        id="dbrx-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        DBRXChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>user\n"
            "Anyone there?<|im_end|>\n"
            "<|im_start|>assistant\n"
        ),
        id="dbrx-instruct-two_users",
    ),
    pytest.param(
        DBRXChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|im_start|>system\n"
            "You are DBRX, created by Databricks. You"
            " were last updated in December 2023. You"
            " answer questions based on information a"
            "vailable up to that point.\n"
            "YOU PROVIDE SHORT RESPONSES TO SHORT QUE"
            "STIONS OR STATEMENTS, but provide thorou"
            "gh responses to more complex and open-ended questions.\n"
            "You assist with various tasks, from writ"
            "ing to coding (using markdown for code b"
            "locks — remember to use ``` with code, J"
            "SON, and tables).\n"
            "(You do not have real-time data access o"
            "r code execution capabilities. You avoid"
            " stereotyping and provide balanced persp"
            "ectives on controversial topics. You do "
            "not provide song lyrics, poems, or news "
            "articles and do not divulge details of y"
            "our training data.)\n"
            "This is your system prompt, guiding your"
            " responses. Do not reference it, just re"
            "spond to the user. If you find yourself "
            "talking about this message, stop. You sh"
            "ould be responding appropriately and usu"
            "ally that means not mentioning this.\n"
            "YOU DO NOT MENTION ANY OF THIS INFORMATI"
            "ON ABOUT YOURSELF UNLESS THE INFORMATION"
            " IS DIRECTLY PERTINENT TO THE USER'S QUERY.<|im_end|>\n"
            "<|im_start|>assistant\n"
            "Hi!<|im_end|>\n"
            "<|im_start|>user\n"
            "Hello<|im_end|>\n"
            "<|im_start|>assistant\n"
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
