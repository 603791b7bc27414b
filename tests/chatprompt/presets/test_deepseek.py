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

BOS = "<｜begin▁of▁sentence｜>"

CODER_SYSTEM = (
    "You are an AI programming assistant, utilizing the Deepseek Coder model, "
    "developed by Deepseek Company, and you only answer questions related to "
    "computer science. For politically sensitive questions, security and privacy "
    "issues, and other non-computer science questions, you will refuse to answer\n"
)

LLM_TURNS = "User: Hello\nthere\n\nAssistant: Hi!<｜end▁of▁sentence｜>User: How are you?\n\n"

CODER_TURNS = (
    "### Instruction:\nHello\nthere\n### Response:\nHi!\n<|EOT|>\n### Instruction:\nHow are you?\n"
)

LLM_GEN = "Assistant:"

CODER_GEN = "### Response:\n"

RENDERS = [
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ONE_TURN,
        True,
        BOS + "User: Hello\n\n" + LLM_GEN,
        id="deepseek-llm-7b-chat-one_turn",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ONE_TURN,
        False,
        BOS + "User: Hello\n\n",
        id="deepseek-llm-7b-chat-one_turn-no-gen",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        MULTI_TURN,
        True,
        BOS + "You are a helpful assistant.\n\n" + LLM_TURNS + LLM_GEN,
        id="deepseek-llm-7b-chat-multi_turn",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        MULTI_TURN,
        False,
        BOS + "You are a helpful assistant.\n\n" + LLM_TURNS,
        id="deepseek-llm-7b-chat-multi_turn-no-gen",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        NO_SYSTEM,
        True,
        BOS + LLM_TURNS + LLM_GEN,
        id="deepseek-llm-7b-chat-no_system",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            BOS
            + (
                "  日本語で答えてください。 \n"
                "\n"
                "User:   こんにちは 😀  \n"
                "\n"
                "Assistant:  はい、こんにちは！\n"
                "<｜end▁of▁sentence｜>User: 天気は？🌤\n"
                "\n"
            )
            + LLM_GEN
        ),
        id="deepseek-llm-7b-chat-japanese_padded",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        EMPTY_CONTENTS,
        True,
        BOS + "User: \n\nAssistant: <｜end▁of▁sentence｜>User:  \n\n" + LLM_GEN,
        id="deepseek-llm-7b-chat-empty_contents",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        BOS + LLM_TURNS + "Assistant: Fine, thanks.<｜end▁of▁sentence｜>" + LLM_GEN,
        id="deepseek-llm-7b-chat-ends_with_answer",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        BOS + LLM_TURNS + "Assistant: Fine, thanks.<｜end▁of▁sentence｜>",
        id="deepseek-llm-7b-chat-ends_with_answer-no-gen",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        TWO_USERS,
        True,
        BOS + "User: Hello\n\nUser: Anyone there?\n\n" + LLM_GEN,
        id="deepseek-llm-7b-chat-two_users",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        ASSISTANT_FIRST,
        True,
        BOS + "Assistant: Hi!<｜end▁of▁sentence｜>User: Hello\n\n" + LLM_GEN,
        id="deepseek-llm-7b-chat-assistant_first",
    ),
    pytest.param(
        DeepSeekLLMChatPrompt(),
        SYSTEM_ONLY,
        True,
        BOS + "You are a helpful assistant.\n\n" + LLM_GEN,
        id="deepseek-llm-7b-chat-system_only",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ONE_TURN,
        True,
        BOS + CODER_SYSTEM + "### Instruction:\nHello\n" + CODER_GEN,
        id="deepseek-coder-instruct-one_turn",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ONE_TURN,
        False,
        BOS + CODER_SYSTEM + "### Instruction:\nHello\n",
        id="deepseek-coder-instruct-one_turn-no-gen",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        MULTI_TURN,
        True,
        BOS + "You are a helpful assistant." + CODER_TURNS + CODER_GEN,
        id="deepseek-coder-instruct-multi_turn",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        MULTI_TURN,
        False,
        BOS + "You are a helpful assistant." + CODER_TURNS,
        id="deepseek-coder-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        NO_SYSTEM,
        True,
        BOS + CODER_SYSTEM + CODER_TURNS + CODER_GEN,
        id="deepseek-coder-instruct-no_system",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            BOS
            + (
                "  日本語で答えてください。 ### Instruction:\n"
                "  こんにちは 😀  \n"
                "### Response:\n"
                " はい、こんにちは！\n"
                "\n"
                "<|EOT|>\n"
                "### Instruction:\n"
                "天気は？🌤\n"
            )
            + CODER_GEN
        ),
        id="deepseek-coder-instruct-japanese_padded",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            BOS
            + CODER_SYSTEM
            + "### Instruction:\n\n### Response:\n\n<|EOT|>\n### Instruction:\n \n"
            + CODER_GEN
        ),
        id="deepseek-coder-instruct-empty_contents",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (BOS + CODER_SYSTEM + CODER_TURNS + "### Response:\nFine, thanks.\n<|EOT|>\n" + CODER_GEN),
        id="deepseek-coder-instruct-ends_with_answer",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        BOS + CODER_SYSTEM + CODER_TURNS + "### Response:\nFine, thanks.\n<|EOT|>\n",
        id="deepseek-coder-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        TWO_USERS,
        True,
        (
            BOS
            + CODER_SYSTEM
            + "### Instruction:\nHello\n### Instruction:\nAnyone there?\n"
            + CODER_GEN
        ),
        id="deepseek-coder-instruct-two_users",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (BOS + CODER_SYSTEM + "### Response:\nHi!\n<|EOT|>\n### Instruction:\nHello\n" + CODER_GEN),
        id="deepseek-coder-instruct-assistant_first",
    ),
    pytest.param(
        DeepSeekCoderChatPrompt(),
        SYSTEM_ONLY,
        True,
        BOS + "You are a helpful assistant." + CODER_GEN,
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
