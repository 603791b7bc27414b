"""Our prompt classes inside ChatStream 0.3.0's own FastAPI server, driven over HTTP.

Each test builds ChatStream's server in-process (see ``chatstream_server``) with a tiny random
``LlamaForCausalLM`` and the real Llama-2-family tokenizer, passes one of our classes as
``chat_prompt_clazz`` unchanged, and reads what the server streams.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import chatstream
import pytest
from chatstream.token_samplers.presets.token_sampler_hft import TokenSamplerHft
from starlette.testclient import TestClient

from chatprompt import (
    AbstractChatPrompt,
    DollyChatPrompt,
    LineChatPrompt,
    Llama2ChatPrompt,
    MatsuoLabChatPrompt,
    MPTChatPrompt,
    OpenCalmChatPrompt,
    OpenLlamaChatPrompt,
    RedPajamaChatPrompt,
    RinnaChatPrompt,
    StabilityAIJapaneseChatPrompt,
    StockmarkChatPrompt,
)
from local_models import tiny_llama
from tests.chatprompt.chatstream_server import (
    FINISH,
    ChoiceLog,
    ScriptedSampler,
    answers_so_far,
    chat,
    chatstream_app,
    chatstream_client,
    unfinished,
)
from transformer_mock import MockTransformer, ProbeTransformer

QUESTIONS = ("浅草寺はどこですか？🙏", "おすすめの食べ物は？😋")
# "浅" is not in the vocabulary: it streams as three byte-fallback tokens.
ANSWERS = ("浅草です🙏", "いいえ😊 京都")
# ChatStream's stop-string and replacement filters assume the decoded text only grows, so with
# a preset that has either, a character split over byte-fallback tokens stays a placeholder in
# the stream, with ChatStream's own classes too (pinned below). Those presets get answers
# whose every character is one token; rinna's carry its <NL> newline marker.
WHOLE_ANSWERS = ("東京です🙏", "いいえ😊 京都")
RINNA_ANSWERS = ("東京🙏<NL>です", "いいえ<NL>京都😊")

PRESETS: list[type[AbstractChatPrompt]] = [
    Llama2ChatPrompt,
    RinnaChatPrompt,
    LineChatPrompt,
    MatsuoLabChatPrompt,
    StabilityAIJapaneseChatPrompt,
    OpenCalmChatPrompt,
    StockmarkChatPrompt,
    DollyChatPrompt,
    RedPajamaChatPrompt,
    MPTChatPrompt,
    OpenLlamaChatPrompt,
]


@pytest.fixture(scope="module")
def model() -> Any:
    return tiny_llama()


def scripted(tokenizer: Any, answers: Sequence[str]) -> list[list[int]]:
    """Each answer's ids, ended by EOS."""
    return [
        [*tokenizer.encode(answer, add_special_tokens=False), tokenizer.eos_token_id]
        for answer in answers
    ]


def replaced(prompt: AbstractChatPrompt, text: str) -> str:
    for old, new in prompt.output_replacements:
        text = text.replace(old, new)
    return text


def assert_stream_shows_the_answer(
    chunks: list[str], generated: Sequence[int], tokenizer: Any, prompt: AbstractChatPrompt
) -> str:
    """Chunk ``i`` is the answer decoded from the first ``i + 1`` generated ids (output
    replacements applied), short of at most a tail that may still turn into a stop string or a
    replacement marker, and of a character still incomplete; the chunks after the last id hold
    the whole answer. Returns it."""
    truths = [replaced(prompt, text) for text in answers_so_far(tokenizer, generated)]
    markers = [*prompt.get_stop_strs(), *(old for old, _ in prompt.output_replacements)]
    assert len(chunks) > len(truths)
    for index, (chunk, truth) in enumerate(zip(chunks, truths, strict=False)):
        shown, expected = unfinished(chunk), unfinished(truth)
        held_back = expected[len(shown) :]
        assert expected.startswith(shown), (index, chunk, truth)
        assert not held_back or any(m.startswith(held_back) for m in markers), (index, chunk)
    assert [truths[-1]] * (len(chunks) - len(truths)) == chunks[len(truths) :]
    return truths[-1]


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.__name__)
def test_every_chunk_is_the_true_answer_so_far_at_every_turn(
    preset: type[AbstractChatPrompt], model: Any, llama_tokenizer: Any
) -> None:
    prompt = preset()
    texts = ANSWERS
    if prompt.get_stop_strs() or prompt.output_replacements:
        texts = RINNA_ANSWERS if preset is RinnaChatPrompt else WHOLE_ANSWERS
    answers = scripted(llama_tokenizer, texts)
    sampler = ScriptedSampler(answers)
    with chatstream_client(
        preset, model=model, tokenizer=llama_tokenizer, token_sampler=sampler
    ) as client:
        streams = [chat(client, question) for question in QUESTIONS]

    finals = [
        assert_stream_shows_the_answer(chunks, ids, llama_tokenizer, prompt)
        for chunks, ids in zip(streams, answers, strict=True)
    ]
    assert [replaced(prompt, text) for text in texts] == finals  # nothing lost at turn 2


def test_the_server_keeps_the_history_our_class_renders(model: Any, llama_tokenizer: Any) -> None:
    sampler = ScriptedSampler(scripted(llama_tokenizer, ANSWERS))
    roles = {
        "user": {
            "apis": {
                "allow": ["chat_stream", "get_prompt"],
                "auth_method": "nothing",
                "use_session": True,
            }
        }
    }
    with chatstream_client(
        Llama2ChatPrompt,
        model=model,
        tokenizer=llama_tokenizer,
        token_sampler=sampler,
        client_roles=roles,
    ) as client:
        for question in QUESTIONS:
            chat(client, question)
        served = client.get("/get_prompt").json()

    expected = Llama2ChatPrompt()
    for question, answer in zip(QUESTIONS, ANSWERS, strict=True):
        expected.add_requester_msg(question)
        expected.add_responder_msg(answer)
    assert {"success": True, "message": "success"}.items() <= served.items()
    assert expected.create_prompt() == unquote(served["prompt"])


def test_chatstreams_own_llama2_class_loses_the_start_of_later_answers(
    model: Any, llama_tokenizer: Any
) -> None:
    """The echo-length fix: the same server and answers, ChatStream's class against ours."""
    finals = {}
    for preset in (chatstream.ChatPromptMetaLlamaLlama2Chat, Llama2ChatPrompt):
        sampler = ScriptedSampler(scripted(llama_tokenizer, ANSWERS))
        with chatstream_client(
            preset,
            model=model,
            tokenizer=llama_tokenizer,
            token_sampler=sampler,
            add_special_tokens=False,
        ) as client:
            finals[preset.__name__] = [chat(client, q)[-1] for q in QUESTIONS]

    assert list(ANSWERS) == finals["Llama2ChatPrompt"]
    assert [ANSWERS[0], ANSWERS[1][1:]] == finals["ChatPromptMetaLlamaLlama2Chat"]


@pytest.mark.parametrize(
    ("theirs", "ours", "answer", "stuck"),
    [
        (
            chatstream.ChatPromptRinnaJpGptNeoxInstSft,
            RinnaChatPrompt,
            "浅草です🙏<NL>楽しんで",
            "\ufffd草です🙏\n楽しんで",
        ),
        (
            chatstream.ChatPromptLineCorpJpLargeLmInstSft,
            LineChatPrompt,
            "東京の浅草です🙏",
            "東京の\ufffd草です🙏",
        ),
    ],
    ids=["rinna", "line"],
)
def test_a_split_character_sticks_as_a_placeholder_with_chatstreams_own_classes_too(
    theirs: type, ours: type, answer: str, stuck: str, model: Any, llama_tokenizer: Any
) -> None:
    """ChatStream filters stop strings and output replacements assuming the decoded text only
    grows; a character that arrives over byte-fallback tokens breaks that. Same stream either
    way: the prompt class is not the cause."""
    streams = {}
    for preset in (theirs, ours):
        sampler = ScriptedSampler(scripted(llama_tokenizer, [answer]))
        with chatstream_client(
            preset, model=model, tokenizer=llama_tokenizer, token_sampler=sampler
        ) as client:
            streams[preset] = chat(client, QUESTIONS[0])

    assert streams[theirs] == streams[ours]
    assert stuck == streams[ours][-1]


def two_chats(order: str = "AB", **options: Any) -> dict[str, list[list[str]]]:
    """Chat A (two turns) and chat B (one turn), each in its own session, on one server."""
    questions = {"A": QUESTIONS, "B": ("東京の天気は？☔",)}
    app, _ = chatstream_app(Llama2ChatPrompt, **options)
    streams: dict[str, list[list[str]]] = {}
    with TestClient(app, base_url="https://testserver") as client:
        for name in order:
            client.cookies.clear()  # a new browser: a new session
            streams[name] = [chat(client, question) for question in questions[name]]
    return streams


def test_probe_keeps_the_stream_and_the_mock_replays_it_in_another_order_with_another_seed(
    model: Any, llama_tokenizer: Any, tmp_path: Path
) -> None:
    sampling = {"temperature": 1.0, "max_new_tokens": 6}
    plain = ChoiceLog(TokenSamplerHft())
    real = two_chats(model=model, tokenizer=llama_tokenizer, token_sampler=plain, **sampling)

    with ProbeTransformer(model, llama_tokenizer, "server", tmp_path) as probe:
        probed = two_chats(
            model=probe.get_model(),
            tokenizer=probe.get_tokenizer(),
            token_sampler=probe.get_token_sampler(TokenSamplerHft()),
            **sampling,
        )

    mock = MockTransformer("server", tmp_path)
    replayed = two_chats(
        "BA",
        model=mock.get_model(),
        tokenizer=mock.get_tokenizer(),
        token_sampler=TokenSamplerHft(),
        seed=7,
        **sampling,
    )

    assert real == probed
    assert real == replayed
    assert any(len(stream[-1]) > 0 for streams in real.values() for stream in streams)
    first_answer = plain.chosen[: len(real["A"][0]) - 1]
    assert_stream_shows_the_answer(real["A"][0], first_answer, llama_tokenizer, Llama2ChatPrompt())


def test_chatstreams_own_probe_mode_runs_with_our_class(
    model: Any, llama_tokenizer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # ChatStream's probe writes under ~/.cache
    answers = scripted(llama_tokenizer, ANSWERS)
    with chatstream_client(
        Llama2ChatPrompt,
        model=model,
        tokenizer=llama_tokenizer,
        token_sampler=ScriptedSampler(answers),
        probe_mode_enabled=True,
    ) as client:
        streams = [chat(client, question) for question in QUESTIONS]

    finals = [
        assert_stream_shows_the_answer(chunks, ids, llama_tokenizer, Llama2ChatPrompt())
        for chunks, ids in zip(streams, answers, strict=True)
    ]
    assert list(ANSWERS) == finals


def test_chatstreams_console_mode_streams_with_our_class(model: Any, llama_tokenizer: Any) -> None:
    _, stream = chatstream_app(
        Llama2ChatPrompt,
        model=model,
        tokenizer=llama_tokenizer,
        token_sampler=ScriptedSampler(scripted(llama_tokenizer, WHOLE_ANSWERS)),
    )

    async def turn(question: str) -> tuple[str, str]:
        steps = [step async for step in stream.handle_console_input(question)]
        # While streaming: (answer so far + FINISH, new text, pos); at the end ChatStream
        # yields (new text, whole answer + FINISH, "end"). The new text is a length-based diff,
        # so the answers have no character split over byte-fallback tokens.
        updates = "".join(updated for _, updated, _ in steps[:-1])
        return updates, steps[-1][1].removesuffix(FINISH)

    assert [(a, a) for a in WHOLE_ANSWERS] == [
        asyncio.run(turn(question)) for question in QUESTIONS
    ]
