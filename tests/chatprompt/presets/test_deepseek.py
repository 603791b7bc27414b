"""deepseek: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import DeepSeekCoderChatPrompt, DeepSeekLLMChatPrompt
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
        DeepSeekLLMChatPrompt(),
        ONE_TURN,
        True,
        "<｜begin▁of▁sentence｜>User: Hello\n\nAssistant:",
        id="deepseek-llm-7b-chat-one_turn",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ONE_TURN,
        False,
        "<｜begin▁of▁sentence｜>User: Hello\n\n",
        id="deepseek-llm-7b-chat-one_turn-no-gen",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<｜begin▁of▁sentence｜>You are a helpful assistant.\n"
            "\n"
            "User: Hello\n"
            "there\n"
            "\n"
            "Assistant: Hi!<｜end▁of▁sentence｜>User: How are you?\n"
            "\n"
            "Assistant:"
        ),
        id="deepseek-llm-7b-chat-multi_turn",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<｜begin▁of▁sentence｜>You are a helpful assistant.\n"
            "\n"
            "User: Hello\n"
            "there\n"
            "\n"
            "Assistant: Hi!<｜end▁of▁sentence｜>User: How are you?\n"
            "\n"
        ),
        id="deepseek-llm-7b-chat-multi_turn-no-gen",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<｜begin▁of▁sentence｜>User: Hello\n"
            "there\n"
            "\n"
            "Assistant: Hi!<｜end▁of▁sentence｜>User: How are you?\n"
            "\n"
            "Assistant:"
        ),
        id="deepseek-llm-7b-chat-no_system",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<｜begin▁of▁sentence｜>  日本語で答えてください。 \n"
            "\n"
            "User:   こんにちは 😀  \n"
            "\n"
            "Assistant:  はい、こんにちは！\n"
            "<｜end▁of▁sentence｜>User: 天気は？🌤\n"
            "\n"
            "Assistant:"
        ),
        id="deepseek-llm-7b-chat-japanese_padded",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        EMPTY_CONTENTS,
        True,
        ("<｜begin▁of▁sentence｜>User: \n\nAssistant: <｜end▁of▁sentence｜>User:  \n\nAssistant:"),
        id="deepseek-llm-7b-chat-empty_contents",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<｜begin▁of▁sentence｜>User: Hello\n"
            "there\n"
            "\n"
            "Assistant: Hi!<｜end▁of▁sentence｜>User: How are you?\n"
            "\n"
            "Assistant: Fine, thanks.<｜end▁of▁sentence｜>Assistant:"
        ),
        id="deepseek-llm-7b-chat-ends_with_answer",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<｜begin▁of▁sentence｜>User: Hello\n"
            "there\n"
            "\n"
            "Assistant: Hi!<｜end▁of▁sentence｜>User: How are you?\n"
            "\n"
            "Assistant: Fine, thanks.<｜end▁of▁sentence｜>"
        ),
        id="deepseek-llm-7b-chat-ends_with_answer-no-gen",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        TWO_USERS,
        True,
        ("<｜begin▁of▁sentence｜>User: Hello\n\nUser: Anyone there?\n\nAssistant:"),
        id="deepseek-llm-7b-chat-two_users",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ASSISTANT_FIRST,
        True,
        ("<｜begin▁of▁sentence｜>Assistant: Hi!<｜end▁of▁sentence｜>User: Hello\n\nAssistant:"),
        id="deepseek-llm-7b-chat-assistant_first",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<｜begin▁of▁sentence｜>You are a helpful assistant.\n\nAssistant:",
        id="deepseek-llm-7b-chat-system_only",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ONE_TURN,
        True,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "Hello\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-one_turn",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ONE_TURN,
        False,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "Hello\n"
        ),
        id="deepseek-coder-instruct-one_turn-no-gen",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<｜begin▁of▁sentence｜>You are a helpful a"
            "ssistant.### Instruction:\n"
            "Hello\n"
            "there\n"
            "### Response:\n"
            "Hi!\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "How are you?\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-multi_turn",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<｜begin▁of▁sentence｜>You are a helpful a"
            "ssistant.### Instruction:\n"
            "Hello\n"
            "there\n"
            "### Response:\n"
            "Hi!\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "How are you?\n"
        ),
        id="deepseek-coder-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "Hello\n"
            "there\n"
            "### Response:\n"
            "Hi!\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "How are you?\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-no_system",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<｜begin▁of▁sentence｜>  日本語で答えてください。 ### Instruction:\n"
            "  こんにちは 😀  \n"
            "### Response:\n"
            " はい、こんにちは！\n"
            "\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "天気は？🌤\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-japanese_padded",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "\n"
            "### Response:\n"
            "\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            " \n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-empty_contents",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "Hello\n"
            "there\n"
            "### Response:\n"
            "Hi!\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "How are you?\n"
            "### Response:\n"
            "Fine, thanks.\n"
            "<|EOT|>\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-ends_with_answer",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "Hello\n"
            "there\n"
            "### Response:\n"
            "Hi!\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "How are you?\n"
            "### Response:\n"
            "Fine, thanks.\n"
            "<|EOT|>\n"
        ),
        id="deepseek-coder-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        TWO_USERS,
        True,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Instruction:\n"
            "Hello\n"
            "### Instruction:\n"
            "Anyone there?\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-two_users",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<｜begin▁of▁sentence｜>You are an AI progr"
            "amming assistant, utilizing the Deepseek"
            " Coder model, developed by Deepseek Comp"
            "any, and you only answer questions relat"
            "ed to computer science. For politically "
            "sensitive questions, security and privac"
            "y issues, and other non-computer science"
            " questions, you will refuse to answer\n"
            "### Response:\n"
            "Hi!\n"
            "<|EOT|>\n"
            "### Instruction:\n"
            "Hello\n"
            "### Response:\n"
        ),
        id="deepseek-coder-instruct-assistant_first",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        SYSTEM_ONLY,
        True,
        "<｜begin▁of▁sentence｜>You are a helpful assistant.### Response:\n",
        id="deepseek-coder-instruct-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(
        DeepSeekLLMChatPrompt(), ["<｜end▁of▁sentence｜>", "User:"], id="DeepSeekLLMChatPrompt"
    ),
    pytest.param(DeepSeekCoderChatPrompt(), ["<|EOT|>"], id="DeepSeekCoderChatPrompt"),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
