"""GeneratorMock answers anything with dummy text, needing no recording and no files."""

from __future__ import annotations

from typing import Any

import pytest

from transformer_mock import GeneratorMock
from transformer_mock._generator_mock import LONG_TEXT, last_user_message

from .chat_app import QUESTIONS, chat, generate_text, llama2_prompt


def test_long_mode_answers_with_the_long_text_using_the_built_in_tokenizer() -> None:
    mock = GeneratorMock()

    answers = chat(mock.get_model(), mock.get_tokenizer(), QUESTIONS[:1], 2000)

    assert [LONG_TEXT] == answers


def test_round_mode_answers_with_the_texts_in_turn() -> None:
    mock = GeneratorMock(mode="round", texts=["はい🙆", "いいえ🙅"])

    answers = chat(mock.get_model(), mock.get_tokenizer(), QUESTIONS, 50)

    assert ["はい🙆", "いいえ🙅", "はい🙆"] == answers


def test_echo_mode_echoes_the_last_user_turn_with_the_real_tokenizer(llama_tokenizer: Any) -> None:
    mock = GeneratorMock(tokenizer=llama_tokenizer, mode="echo")

    answers = chat(mock.get_model(), mock.get_tokenizer(), QUESTIONS, 60)

    assert list(QUESTIONS) == answers


def test_generate_and_streaming_work_on_the_generator_mock() -> None:
    mock = GeneratorMock(mode="echo")
    prompt = llama2_prompt([("浅草寺はどこですか？🙏", None)])

    ids, text = generate_text(mock.get_model(), mock.get_tokenizer(), prompt, max_new_tokens=200)
    _, streamed = generate_text(
        mock.get_model(), mock.get_tokenizer(), prompt, stream=True, max_new_tokens=200
    )

    assert "浅草寺はどこですか？🙏" == text == streamed
    assert mock.get_tokenizer().eos_token_id == ids[-1]


def test_unknown_mode_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown mode 'loop'; valid: 'long', 'round', 'echo'"):
        GeneratorMock(mode="loop")


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("<s>[INST] <<SYS>>\nBe kind\n<</SYS>>\n\nこんにちは [/INST]", "こんにちは"),
        ("<|im_start|>user\nhi 👋<|im_end|>\n<|im_start|>assistant\n", "hi 👋"),
        ("ユーザー: 元気？\nシステム: ", "元気？"),
        ("just a line", "just a line"),
    ],
)
def test_last_user_message_reads_common_chat_formats(prompt: str, expected: str) -> None:
    assert expected == last_user_message(prompt)


def test_wait_sec_sleeps_per_generated_token() -> None:
    import time

    mock = GeneratorMock(mode="round", texts=["abcde"], wait_sec=0.01)
    started = time.perf_counter()

    chat(mock.get_model(), mock.get_tokenizer(), ["q"], 10)

    assert time.perf_counter() - started >= 0.06
