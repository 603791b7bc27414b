"""llama3: renders equal the published chat templates' output, byte for byte."""

from __future__ import annotations

import pytest

from chatprompt import (
    Llama3ChatPrompt,
    Llama3OriginalChatPrompt,
    Llama31ChatPrompt,
    Llama32ChatPrompt,
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
        Llama3ChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-one_turn",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ONE_TURN,
        False,
        ("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"),
        id="llama-3-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-multi_turn",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|>"
        ),
        id="llama-3-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-no_system",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "日本語で答えてください。<|eot_id|><|start_header_id|"
            ">user<|end_header_id|>\n"
            "\n"
            "こんにちは 😀<|eot_id|><|start_header_id|>assi"
            "stant<|end_header_id|>\n"
            "\n"
            "はい、こんにちは！<|eot_id|><|start_header_id|>us"
            "er<|end_header_id|>\n"
            "\n"
            "天気は？🌤<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-japanese_padded",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-empty_contents",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-ends_with_answer",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|>"
        ),
        id="llama-3-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Anyone there?<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-two_users",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|begin_of_text|><|start_header_id|>assi"
            "stant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-assistant_first",
    ),
    pytest.param(
        Llama3ChatPrompt(),
        SYSTEM_ONLY,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-system_only",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-one_turn",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ONE_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-one_turn-no-gen",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-multi_turn",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-multi_turn-no-gen",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-no_system",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "日本語で答えてください。<|eot_id|><|start_header_id|"
            ">user<|end_header_id|>\n"
            "\n"
            "こんにちは 😀<|eot_id|><|start_header_id|>assi"
            "stant<|end_header_id|>\n"
            "\n"
            "はい、こんにちは！<|eot_id|><|start_header_id|>us"
            "er<|end_header_id|>\n"
            "\n"
            "天気は？🌤<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-japanese_padded",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-empty_contents",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-ends_with_answer",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>user"
            "<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Anyone there?<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-two_users",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|begin_of_text|><|start_header_id|>assi"
            "stant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-assistant_first",
    ),
    pytest.param(
        Llama3OriginalChatPrompt(),
        SYSTEM_ONLY,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3-instruct-original-system_only",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ONE_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-one_turn",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ONE_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|>"
        ),
        id="llama-3.1-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        MULTI_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-multi_turn",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        MULTI_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|>"
        ),
        id="llama-3.1-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        NO_SYSTEM,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-no_system",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        JAPANESE_PADDED,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "日本語で答えてください。<|eot_id|><|start_header_id|"
            ">user<|end_header_id|>\n"
            "\n"
            "こんにちは 😀<|eot_id|><|start_header_id|>assi"
            "stant<|end_header_id|>\n"
            "\n"
            "はい、こんにちは！<|eot_id|><|start_header_id|>us"
            "er<|end_header_id|>\n"
            "\n"
            "天気は？🌤<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-japanese_padded",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        EMPTY_CONTENTS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-empty_contents",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-ends_with_answer",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|>"
        ),
        id="llama-3.1-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        TWO_USERS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Anyone there?<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-two_users",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        ASSISTANT_FIRST,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-assistant_first",
    ),
    pytest.param(
        Llama31ChatPrompt(),
        SYSTEM_ONLY,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 26 Jul 2024\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.1-instruct-system_only",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ONE_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-one_turn",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ONE_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|>"
        ),
        id="llama-3.2-instruct-one_turn-no-gen",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        MULTI_TURN,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-multi_turn",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        MULTI_TURN,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|>"
        ),
        id="llama-3.2-instruct-multi_turn-no-gen",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        NO_SYSTEM,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-no_system",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        JAPANESE_PADDED,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "日本語で答えてください。<|eot_id|><|start_header_id|"
            ">user<|end_header_id|>\n"
            "\n"
            "こんにちは 😀<|eot_id|><|start_header_id|>assi"
            "stant<|end_header_id|>\n"
            "\n"
            "はい、こんにちは！<|eot_id|><|start_header_id|>us"
            "er<|end_header_id|>\n"
            "\n"
            "天気は？🌤<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-japanese_padded",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        EMPTY_CONTENTS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-empty_contents",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ENDS_WITH_ANSWER,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-ends_with_answer",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ENDS_WITH_ANSWER,
        False,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello\n"
            "there<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "How are you?<|eot_id|><|start_header_id|"
            ">assistant<|end_header_id|>\n"
            "\n"
            "Fine, thanks.<|eot_id|>"
        ),
        id="llama-3.2-instruct-ends_with_answer-no-gen",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        TWO_USERS,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Anyone there?<|eot_id|><|start_header_id"
            "|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-two_users",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ASSISTANT_FIRST,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
            "\n"
            "Hi!<|eot_id|><|start_header_id|>user<|end_header_id|>\n"
            "\n"
            "Hello<|eot_id|><|start_header_id|>assist"
            "ant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-assistant_first",
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        SYSTEM_ONLY,
        True,
        (
            "<|begin_of_text|><|start_header_id|>syst"
            "em<|end_header_id|>\n"
            "\n"
            "Cutting Knowledge Date: December 2023\n"
            "Today Date: 25 Nov 2026\n"
            "\n"
            "You are a helpful assistant.<|eot_id|><|"
            "start_header_id|>assistant<|end_header_id|>\n"
            "\n"
        ),
        id="llama-3.2-instruct-system_only",
    ),
]


@pytest.mark.parametrize(("preset", "messages", "add_generation_prompt", "expected"), RENDERS)
def test_render_equals_the_published_template(
    preset: TemplateChatPrompt, messages: Messages, add_generation_prompt: bool, expected: str
) -> None:
    assert expected == preset.render(messages, add_generation_prompt=add_generation_prompt)


STOPS = [
    pytest.param(Llama3ChatPrompt(), ["<|eot_id|>", "<|end_of_text|>"], id="Llama3ChatPrompt"),
    pytest.param(
        Llama3OriginalChatPrompt(), ["<|eot_id|>", "<|end_of_text|>"], id="Llama3OriginalChatPrompt"
    ),
    pytest.param(
        Llama31ChatPrompt(), ["<|eot_id|>", "<|eom_id|>", "<|end_of_text|>"], id="Llama31ChatPrompt"
    ),
    pytest.param(
        Llama32ChatPrompt(date_string="25 Nov 2026"),
        ["<|eot_id|>", "<|eom_id|>", "<|end_of_text|>"],
        id="Llama32ChatPrompt",
    ),
]


@pytest.mark.parametrize(("preset", "expected"), STOPS)
def test_stop_strings(preset: TemplateChatPrompt, expected: list[str]) -> None:
    assert expected == preset.get_stop_strs()
