"""The ChatStream path: ``decoded_output[get_skip_len():]`` is exactly the response.

ChatStream decodes the prompt ids and the generated ids together and slices the response off
by ``get_skip_len()``; these tests do the same with the real Llama 2 tokenizer, loaded with its
default behaviour and with ``legacy=True``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatprompt import Llama2ChatPrompt, encode_prompt
from chatprompt._echo import echo_len

ANSWERS = ["James Cameron.", "浅草寺です。", "A3 𠮷 🦜", "ꙮ\nok", " spaced  out ", "A4"]
QUESTIONS = ["Who directed Titanic?", "浅草の有名な寺は？", "Q3 🦜", "Q4\n"]


@pytest.fixture(scope="module", params=["default", "legacy"])
def tokenizer(request: pytest.FixtureRequest) -> Any:
    name = "llama_tokenizer" if request.param == "default" else "llama_tokenizer_legacy"
    return request.getfixturevalue(name)


def conversation(answers: list[str], questions: list[str]) -> Llama2ChatPrompt:
    """Every answer but the last given, the last answer's slot pending."""
    prompt = Llama2ChatPrompt()
    for question, answer in zip(questions, answers[:-1], strict=False):
        prompt.add_requester_msg(question)
        prompt.add_responder_msg(answer)
    prompt.add_requester_msg(questions[len(answers) - 1])
    prompt.add_responder_msg(None)
    return prompt


def chatstream_response(
    tokenizer: Any, prompt: Llama2ChatPrompt, answer: str, prompt_ids: list[int] | None = None
) -> str:
    """What ChatStream shows: decode prompt + answer ids, slice by get_skip_len, strip.

    Without ``prompt_ids`` the prompt is encoded as ChatStream encodes it; with them, they
    are passed to ``get_skip_len`` too.
    """
    ids = tokenizer(prompt.create_prompt()).input_ids if prompt_ids is None else prompt_ids
    output = tokenizer.decode(ids + answer_ids(tokenizer, answer), skip_special_tokens=True)
    prompt.set_tokenizer(tokenizer)
    return str(output[prompt.get_skip_len(prompt_ids=prompt_ids) :].strip())


def answer_ids(tokenizer: Any, answer: str) -> list[int]:
    return list(tokenizer.encode(answer, add_special_tokens=False))


@pytest.mark.parametrize("encoding", ["whole", "encode_prompt"])
@pytest.mark.parametrize("turns", [1, 2, 3, 4])
def test_sliced_response_equals_the_decoded_answer_on_every_turn(
    tokenizer: Any, turns: int, encoding: str
) -> None:
    # encode_prompt encodes each Llama 2 exchange on its own, which decodes to another length
    # than the prompt encoded as a whole (ChatStream's way): its ids go to get_skip_len.
    answer = ANSWERS[turns - 1]
    prompt = conversation(ANSWERS[:turns], QUESTIONS)
    prompt_ids = encode_prompt(tokenizer, prompt) if encoding == "encode_prompt" else None
    expected = tokenizer.decode(answer_ids(tokenizer, answer), skip_special_tokens=True).strip()

    assert expected == chatstream_response(tokenizer, prompt, answer, prompt_ids)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.lists(st.sampled_from(ANSWERS) | st.text("ab 浅🦜\n", max_size=6), min_size=1),
    questions=st.lists(st.sampled_from(QUESTIONS), min_size=6, max_size=6),
)
def test_sliced_response_equals_the_decoded_answer_for_any_conversation(
    tokenizer: Any, answers: list[str], questions: list[str]
) -> None:
    answers = answers[:6]
    answer = answers[-1]
    prompt = conversation(answers, questions)
    expected = tokenizer.decode(answer_ids(tokenizer, answer), skip_special_tokens=True).strip()

    assert expected == chatstream_response(tokenizer, prompt, answer)


def test_one_token_at_a_time_with_the_answer_in_the_history(tokenizer: Any) -> None:
    # ChatStream's default: after each token the partial answer goes into the history, and
    # the echo length is taken with omit_last_message=True.
    prompt = conversation(ANSWERS[:3], QUESTIONS)
    prompt.set_tokenizer(tokenizer)
    prompt_ids = tokenizer(prompt.create_prompt()).input_ids
    ids = answer_ids(tokenizer, "浅草寺です。🦜 Done")
    for count in range(1, len(ids) + 1):
        output = tokenizer.decode(prompt_ids + ids[:count], skip_special_tokens=True)
        response = output[prompt.get_skip_len(omit_last_message=True) :].strip()
        prompt.set_responder_last_msg(response)

        assert tokenizer.decode(ids[:count], skip_special_tokens=True).strip() == response


@pytest.mark.parametrize("turns", [1, 2, 3, 4])
def test_echo_length_exceeds_chatstreams_estimate_by_one_per_earlier_turn_only_when_legacy(
    llama_tokenizer: Any, llama_tokenizer_legacy: Any, turns: int
) -> None:
    prompt = conversation(ANSWERS[:turns], QUESTIONS)
    estimate = len(prompt.create_prompt().replace("<s>", "").replace("</s>", ""))

    prompt.set_tokenizer(llama_tokenizer)
    default = prompt.get_skip_len()
    prompt.set_tokenizer(llama_tokenizer_legacy)
    legacy = prompt.get_skip_len()

    assert (0, turns - 1) == (default - estimate, legacy - estimate)


def test_chatstreams_fixed_correction_cut_the_answer_on_the_default_tokenizer(
    llama_tokenizer: Any,
) -> None:
    prompt = conversation(ANSWERS[:2], QUESTIONS)
    prompt_ids = llama_tokenizer(prompt.create_prompt()).input_ids
    output = llama_tokenizer.decode(
        prompt_ids + answer_ids(llama_tokenizer, "浅草寺です。"), skip_special_tokens=True
    )
    plain = prompt.create_prompt().replace("<s>", "").replace("</s>", "")
    seed_skip_len = len(plain) + prompt.get_turn()

    assert "草寺です。" == output[seed_skip_len:].strip()
    assert "浅草寺です。" == chatstream_response(llama_tokenizer, prompt, "浅草寺です。")


class _StubTokenizer:
    all_special_tokens = ("<s>", "</s>", "<unk>")


def test_a_tokenizer_that_cannot_decode_gets_chatstreams_estimate() -> None:
    assert len("A [INST] B") == echo_len(_StubTokenizer(), "A </s><s>[INST] B")
