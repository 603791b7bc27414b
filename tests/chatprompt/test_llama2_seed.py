"""The seed preset reproduces ChatStream's Llama 2 layout character for character."""

from __future__ import annotations

from typing import Any

import pytest

from chatprompt import LLAMA2_SYSTEM_PROMPT, Llama2ChatPrompt
from chatprompt.errors import MessageOrderError
from titanic import titanic_prompt  # the conversation examples/titanic.py builds

SYSTEM = (
    "You are a helpful, respectful and honest assistant. Always answer as helpfully as possible, "
    "while being safe. Your answers should not include any harmful, unethical, racist, sexist, "
    "toxic, dangerous, or illegal content. Please ensure that your responses are socially "
    "unbiased and positive in nature.\nIf a question does not make any sense, or is not "
    "factually coherent, explain why instead of answering something not correct. If you don't "
    "know the answer to a question, please don't share false information."
)

TITANIC_PROMPT = (
    "<s>[INST] <<SYS>>\n" + SYSTEM + "\n<</SYS>>\n\n"
    "Do you know about the Titanic movie? [/INST] "
    "Yes, Titanic is a 1997 film about the sinking of the RMS Titanic, starring Leonardo "
    "DiCaprio and Kate Winslet. </s><s>[INST] "
    "Who directed it? [/INST] "
    "It was directed by James Cameron. </s><s>[INST] "
    "What awards did it win? [/INST] "
)


def test_default_system_prompt_is_metas() -> None:
    assert SYSTEM == LLAMA2_SYSTEM_PROMPT
    assert "<s>[INST] <<SYS>>\n" + SYSTEM + "\n<</SYS>>\n\n" == Llama2ChatPrompt().get_system()


def test_titanic_conversation_renders_character_for_character() -> None:
    assert TITANIC_PROMPT == titanic_prompt().create_prompt()


def test_titanic_conversation_renders_the_same_from_messages() -> None:
    messages = titanic_prompt().to_messages()

    assert TITANIC_PROMPT == Llama2ChatPrompt().render(messages)
    assert [m["role"] for m in messages] == [
        "system",
        "user",
        "assistant",
        "user",
        "assistant",
        "user",
    ]
    assert SYSTEM == messages[0]["content"]


def test_system_prompt_argument_builds_the_same_wrapper() -> None:
    prompt = Llama2ChatPrompt(system_prompt="あなたは誠実な日本語アシスタントです。")
    prompt.add_requester_msg("浅草寺はどこですか？🙏")
    prompt.add_responder_msg(None)

    assert (
        "<s>[INST] <<SYS>>\nあなたは誠実な日本語アシスタントです。\n<</SYS>>\n\n"
        "浅草寺はどこですか？🙏 [/INST] "
    ) == prompt.create_prompt()


def test_empty_messages_are_skipped() -> None:
    prompt = Llama2ChatPrompt(system_prompt="S")
    prompt.add_requester_msg("")
    prompt.add_responder_msg("")
    prompt.add_requester_msg("Q")
    prompt.add_responder_msg(None)

    assert "<s>[INST] <<SYS>>\nS\n<</SYS>>\n\nQ [/INST] " == prompt.create_prompt()


def test_no_stop_strings() -> None:
    assert [] == Llama2ChatPrompt().get_stop_strs()


def test_answer_before_any_question_is_refused_and_history_kept() -> None:
    prompt = Llama2ChatPrompt()

    with pytest.raises(
        MessageOrderError, match="needs a requester message before the responder message 'Hi'"
    ):
        prompt.add_responder_msg("Hi")
    with pytest.raises(MessageOrderError, match="user message before any assistant message"):
        prompt.render([{"role": "assistant", "content": "Hi"}])
    assert prompt.is_empty()


@pytest.mark.parametrize(("turns", "expected_extra"), [(1, 0), (2, 2), (3, 3), (4, 4)])
def test_skip_echo_correction_adds_the_turn_count_from_the_second_turn(
    turns: int, expected_extra: int
) -> None:
    prompt = Llama2ChatPrompt()
    for turn in range(turns):
        prompt.add_requester_msg(f"Q{turn}")
        prompt.add_responder_msg(None if turn == turns - 1 else f"A{turn}")

    assert 100 + expected_extra == prompt.get_custom_skip_echo_len(100)


class _StubTokenizer:
    all_special_tokens = ("<s>", "</s>", "<unk>")


def test_skip_len_is_prompt_length_without_special_tokens_plus_correction() -> None:
    prompt = titanic_prompt()
    prompt.set_tokenizer(_StubTokenizer())
    plain = TITANIC_PROMPT.replace("<s>", "").replace("</s>", "")

    assert len(plain) + 3 == prompt.get_skip_len()


def test_titanic_prompt_tokenizes_with_one_bos_per_exchange(llama_tokenizer: Any) -> None:
    ids = llama_tokenizer(titanic_prompt().create_prompt(), add_special_tokens=False).input_ids

    assert 1 == ids[0]
    assert 3 == ids.count(1)
    assert 2 == ids.count(2)
    assert (
        TITANIC_PROMPT.replace("<s>", "")
        .replace("</s>", "")
        .startswith(llama_tokenizer.decode(ids[:8], skip_special_tokens=True))
    )
