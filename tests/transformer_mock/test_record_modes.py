"""Record modes: when the real model runs, what lands in the recording, and what never loads."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch

from token_trace import TokenizerCard
from transformer_mock import (
    InvalidRecordModeError,
    MockTransformer,
    ModelFactoryMissingError,
    Recording,
    RecordMode,
    TokenizerMismatchError,
    UnrecordedInputError,
)
from transformer_mock._generator_mock import byte_level_tokenizer
from transformer_mock._store import episode_id

from .chat_app import generate_text, llama2_prompt, manual_loop

SENSO_JI = llama2_prompt([("浅草寺はどこですか？🙏", None)])
KAMINARIMON = llama2_prompt([("雷門の提灯は何色？🏮", None)])
SHORT = 4
LONG = 8


class Factory:
    """A model factory that counts its calls."""

    def __init__(self, model: Any, tokenizer: Any) -> None:
        self.model, self.tokenizer, self.calls = model, tokenizer, 0

    def __call__(self) -> tuple[Any, Any]:
        self.calls += 1
        return self.model, self.tokenizer


@pytest.fixture
def factory(tiny_model: Any, llama_tokenizer: Any) -> Factory:
    return Factory(tiny_model, llama_tokenizer)


@pytest.fixture(scope="module")
def real(tiny_model: Any, llama_tokenizer: Any) -> Callable[[str, int], list[int]]:
    """What the tiny model itself generates greedily (memoised)."""
    cache: dict[tuple[str, int], list[int]] = {}

    def run(prompt: str, max_new_tokens: int) -> list[int]:
        key = (prompt, max_new_tokens)
        if key not in cache:
            cache[key] = manual_loop(tiny_model, llama_tokenizer, prompt, max_new_tokens)
        return cache[key]

    return run


@pytest.fixture(scope="module")
def senso_ji_recording(
    tmp_path_factory: pytest.TempPathFactory, tiny_model: Any, llama_tokenizer: Any
) -> Path:
    """A recording (made in ``once`` mode) of a short greedy loop on SENSO_JI."""
    parent = tmp_path_factory.mktemp("modes")
    record = Factory(tiny_model, llama_tokenizer)
    with MockTransformer("senso-ji", parent, record_mode="once", model_factory=record) as mock:
        manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, SHORT)
    return parent / "senso-ji"


@pytest.fixture
def recording(tmp_path: Path, senso_ji_recording: Path) -> Path:
    """A copy of the SENSO_JI recording this test may change."""
    return Path(shutil.copytree(senso_ji_recording, tmp_path / "senso-ji"))


def _new_episodes(recording: Path, factory: Factory) -> MockTransformer:
    return MockTransformer(
        recording.name, recording.parent, record_mode="new_episodes", model_factory=factory
    )


def _ids(path: Path) -> list[tuple[int, ...]]:
    return [trace.generated_ids for trace in Recording.load(path).episodes]


def test_a_bad_record_mode_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidRecordModeError) as caught:
        RecordMode.parse("sometimes")

    assert (
        "there is no record mode 'sometimes'; valid record modes are: "
        "'none', 'once', 'new_episodes', 'all'"
    ) == str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_once_without_a_recording_records_and_the_next_run_replays_it(
    senso_ji_recording: Path, real: Callable[[str, int], list[int]], factory: Factory
) -> None:
    mock = MockTransformer(
        "senso-ji", senso_ji_recording.parent, record_mode="once", model_factory=factory
    )

    replayed = manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, SHORT)

    assert [tuple(real(SENSO_JI, SHORT))] == _ids(senso_ji_recording)
    assert real(SENSO_JI, SHORT) == replayed
    assert 0 == factory.calls


@pytest.mark.parametrize("mode", ["none", "once"])
def test_replay_only_modes_raise_on_a_miss_and_never_load_the_model(
    recording: Path, factory: Factory, mode: str
) -> None:
    mock = MockTransformer(
        "senso-ji", recording.parent, record_mode=mode, model_factory=factory, session="later run"
    )
    ids = mock.get_tokenizer().encode(SENSO_JI, add_special_tokens=False)

    with pytest.raises(UnrecordedInputError):
        mock.get_model()(input_ids=torch.tensor([ids[:-1]]))
    assert 0 == factory.calls


def test_new_episodes_replays_what_is_recorded_without_loading_the_model(
    recording: Path, real: Callable[[str, int], list[int]], factory: Factory
) -> None:
    with _new_episodes(recording, factory) as mock:
        replayed = manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, SHORT)

    assert real(SENSO_JI, SHORT) == replayed
    assert 0 == factory.calls
    assert {episode_id(Recording.load(recording).episodes[0])} == mock.used_episode_ids()


def test_new_episodes_runs_the_real_model_on_a_new_prompt_and_records_it(
    recording: Path, real: Callable[[str, int], list[int]], factory: Factory
) -> None:
    with _new_episodes(recording, factory) as mock:
        model, tokenizer = mock.get_model(), mock.get_tokenizer()
        answer = manual_loop(model, tokenizer, KAMINARIMON, SHORT)
        text = tokenizer.decode(answer)

    replay = MockTransformer("senso-ji", recording.parent)
    assert real(KAMINARIMON, SHORT) == answer
    assert text == replay.get_tokenizer().decode(answer)
    assert 1 == factory.calls
    assert [tuple(real(SENSO_JI, SHORT)), tuple(answer)] == _ids(recording)
    assert answer == manual_loop(replay.get_model(), replay.get_tokenizer(), KAMINARIMON, SHORT)


def test_new_episodes_hands_a_loop_that_outruns_its_episode_to_the_real_model(
    recording: Path, real: Callable[[str, int], list[int]], factory: Factory
) -> None:
    with _new_episodes(recording, factory) as mock:
        longer = manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, LONG)

    assert real(SENSO_JI, LONG) == longer
    replay = MockTransformer("senso-ji", recording.parent)
    assert longer == manual_loop(replay.get_model(), replay.get_tokenizer(), SENSO_JI, LONG)


@pytest.mark.parametrize(
    ("prompt", "max_new_tokens"),
    [(KAMINARIMON, SHORT), (SENSO_JI, LONG)],
    ids=["new-prompt", "episode-too-short"],
)
def test_new_episodes_runs_generate_on_the_real_model_where_the_recording_falls_short(
    recording: Path,
    tiny_model: Any,
    llama_tokenizer: Any,
    factory: Factory,
    prompt: str,
    max_new_tokens: int,
) -> None:
    expected = generate_text(tiny_model, llama_tokenizer, prompt, max_new_tokens=max_new_tokens)

    with _new_episodes(recording, factory) as mock:
        actual = generate_text(
            mock.get_model(), mock.get_tokenizer(), prompt, max_new_tokens=max_new_tokens
        )

    replay = MockTransformer("senso-ji", recording.parent)
    assert expected == actual
    assert 1 == factory.calls
    assert "generate" == Recording.load(recording).episodes[-1].metadata["via"]
    assert expected == generate_text(
        replay.get_model(), replay.get_tokenizer(), prompt, max_new_tokens=max_new_tokens
    )


def test_new_episodes_replays_an_episode_it_recorded_in_the_same_run(
    recording: Path, factory: Factory
) -> None:
    with _new_episodes(recording, factory) as mock:
        first = generate_text(
            mock.get_model(), mock.get_tokenizer(), KAMINARIMON, max_new_tokens=SHORT
        )
        again = generate_text(
            mock.get_model(), mock.get_tokenizer(), KAMINARIMON, max_new_tokens=SHORT
        )

    assert first == again
    assert 2 == len(Recording.load(recording).episodes)


def test_all_replaces_the_recording_only_when_closed(
    recording: Path, real: Callable[[str, int], list[int]], factory: Factory
) -> None:
    mock = MockTransformer(
        "senso-ji", recording.parent, record_mode="all", model_factory=factory, session="later run"
    )
    answer = manual_loop(mock.get_model(), mock.get_tokenizer(), KAMINARIMON, SHORT)
    before_close = _ids(recording)
    mock.close()

    assert real(KAMINARIMON, SHORT) == answer
    assert [tuple(real(SENSO_JI, SHORT))] == before_close
    assert [tuple(answer)] == _ids(recording)
    assert ["senso-ji"] == [p.name for p in recording.parent.iterdir()]


def test_a_mode_that_must_record_without_a_factory_says_how_to_give_one(
    tmp_path: Path,
) -> None:
    mock = MockTransformer("nothing-yet", tmp_path, record_mode="once")

    with pytest.raises(ModelFactoryMissingError) as caught:
        mock.get_model()

    assert (
        f"record mode 'once' must run the real model for recording "
        f"{str(tmp_path / 'nothing-yet')!r} (record mode 'once' records everything), but no "
        "model_factory was given; pass model_factory=lambda: (model, tokenizer) (pytest: "
        "override the transformer_mock_model_factory fixture), or use record mode 'none'"
    ) == str(caught.value)


def test_replaying_with_another_tokenizer_names_both_fingerprints(
    senso_ji_recording: Path, llama_tokenizer: Any
) -> None:
    other = byte_level_tokenizer()
    recorded, given = (
        TokenizerCard.from_tokenizer(llama_tokenizer),
        TokenizerCard.from_tokenizer(other),
    )

    with pytest.raises(TokenizerMismatchError) as caught:
        MockTransformer("senso-ji", senso_ji_recording.parent, tokenizer=other)

    assert (
        f"recording {str(senso_ji_recording)!r} was made with tokenizer "
        f"{recorded.name_or_path!r} ({recorded.class_name}, fingerprint {recorded.fingerprint}), "
        f"but the tokenizer given is {given.name_or_path!r} ({given.class_name}, fingerprint "
        f"{given.fingerprint}); replay with the recorded tokenizer, or record again "
        "(record_mode='all')"
    ) == str(caught.value)


def test_a_factory_with_another_tokenizer_is_refused_before_recording(
    recording: Path, tiny_model: Any
) -> None:
    mock = MockTransformer(
        "senso-ji",
        recording.parent,
        record_mode="new_episodes",
        model_factory=lambda: (tiny_model, byte_level_tokenizer()),
    )

    with pytest.raises(TokenizerMismatchError):
        manual_loop(mock.get_model(), mock.get_tokenizer(), KAMINARIMON, SHORT)
    assert [tuple(Recording.load(recording).episodes[0].generated_ids)] == _ids(recording)


def test_recorded_wait_sleeps_each_tokens_recorded_latency(
    senso_ji_recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    mock = MockTransformer("senso-ji", senso_ji_recording.parent, wait_sec="recorded")

    manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, SHORT)

    latencies = Recording.load(senso_ji_recording).episodes[0].latencies
    assert latencies is not None
    assert list(latencies) == slept


def test_a_fixed_wait_sleeps_that_long_per_token(
    senso_ji_recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    mock = MockTransformer("senso-ji", senso_ji_recording.parent, wait_sec=0.25)

    manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, SHORT)

    assert [0.25] * SHORT == slept


def test_new_episodes_without_a_recording_records_everything_into_it(
    tmp_path: Path, real: Callable[[str, int], list[int]], factory: Factory
) -> None:
    with _new_episodes(tmp_path / "fresh", factory) as mock:
        answer = manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, SHORT)

    assert [tuple(real(SENSO_JI, SHORT))] == _ids(tmp_path / "fresh")
    assert real(SENSO_JI, SHORT) == answer


def test_new_episodes_records_the_last_token_a_sampled_loop_draws_from_the_real_model(
    recording: Path, factory: Factory
) -> None:
    torch.manual_seed(7)
    with _new_episodes(recording, factory) as mock:
        sampler = mock.get_token_sampler()
        answer = manual_loop(
            mock.get_model(),
            mock.get_tokenizer(),
            KAMINARIMON,
            SHORT,
            pick=lambda logits, past: sampler.do_sample(logits, temperature=0.8, top_k=40),
        )

    episode = Recording.load(recording).episodes[-1]
    assert tuple(answer) == episode.generated_ids
    assert "sampled" == episode.metadata["last_token"]
