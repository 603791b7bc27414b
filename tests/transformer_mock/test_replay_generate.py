"""``generate`` on the mock model replays what ``generate`` on the real model produced."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import torch

from local_models import llama2_tokenizer
from transformer_mock import MockTransformer, ProbeTransformer, Recording, ReplaySettingsWarning
from transformer_mock._store import episode_id

from .chat_app import SAMPLED_GENERATE, generate_text, llama2_prompt, manual_loop


def _prompt(question: str) -> str:
    return llama2_prompt([(question, None)])


def test_greedy_generate_replays_the_recording(recorded: Any, mock: MockTransformer) -> None:
    actual = generate_text(
        mock.get_model(),
        mock.get_tokenizer(),
        _prompt("generate greedy 🍣"),
        max_new_tokens=8,
        do_sample=False,
    )

    assert recorded.generate_greedy == actual


@pytest.mark.parametrize("seed", [0, 4242])
def test_sampled_generate_replays_the_recording_with_any_seed(
    recorded: Any, mock: MockTransformer, seed: int
) -> None:
    torch.manual_seed(seed)

    actual = generate_text(
        mock.get_model(),
        mock.get_tokenizer(),
        _prompt("generate sampled 🎲"),
        max_new_tokens=8,
        **SAMPLED_GENERATE,
    )

    assert recorded.generate_sampled == actual


def test_generate_with_other_sampling_settings_replays_the_recording_and_warns(
    recorded: Any, mock: MockTransformer
) -> None:
    with pytest.warns(ReplaySettingsWarning) as caught:
        actual = generate_text(
            mock.get_model(),
            mock.get_tokenizer(),
            _prompt("generate sampled 🎲"),
            max_new_tokens=8,
            do_sample=True,
            temperature=0.3,
            top_k=5,
            top_p=0.5,
            repetition_penalty=1.5,
        )

    assert recorded.generate_sampled == actual
    trace = next(
        e for e in Recording.load(recorded.path).episodes if "sampled 🎲" in (e.prompt_text or "")
    )
    assert [
        f"generate() replays episode {episode_id(trace)} of recording {str(recorded.path)!r} "
        "with other settings than it was recorded with: repetition_penalty recorded None, "
        "now 1.5; temperature recorded 0.9, now 0.3; top_k recorded 50, now 5; top_p recorded "
        "0.95, now 0.5. Replay forces the recorded tokens, so the text is the recorded one, "
        "not what these settings would produce"
    ] == [str(w.message) for w in caught]


def test_generate_with_the_recorded_settings_does_not_warn(
    recorded: Any, mock: MockTransformer
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ReplaySettingsWarning)
        actual = generate_text(
            mock.get_model(),
            mock.get_tokenizer(),
            _prompt("generate sampled 🎲"),
            max_new_tokens=8,
            **SAMPLED_GENERATE,
        )

    assert recorded.generate_sampled == actual


def test_generate_without_cache_replays_the_recording(recorded: Any, mock: MockTransformer) -> None:
    actual = generate_text(
        mock.get_model(),
        mock.get_tokenizer(),
        _prompt("generate greedy 🍣"),
        max_new_tokens=8,
        use_cache=False,
    )

    assert recorded.generate_greedy == actual


def test_text_iterator_streamer_streams_the_recorded_text(
    recorded: Any, mock: MockTransformer
) -> None:
    actual = generate_text(
        mock.get_model(),
        mock.get_tokenizer(),
        _prompt("stream it 🌊"),
        stream=True,
        max_new_tokens=8,
    )

    assert recorded.generate_streamed == actual


def test_generate_stops_at_the_recorded_eos(recorded: Any, mock: MockTransformer) -> None:
    actual = generate_text(
        mock.get_model(),
        mock.get_tokenizer(),
        _prompt("stop early ⛔"),
        max_new_tokens=8,
        eos_token_id=recorded.eos_token_id,
    )

    assert recorded.generate_eos == actual
    assert recorded.eos_token_id == actual[0][-1]


def test_batched_generate_with_left_padding_replays_each_row(
    tmp_path: Path, tiny_model: Any
) -> None:

    prompts = [_prompt("浅草寺はどこですか？🙏"), _prompt("hi")]
    real_tokenizer = llama2_tokenizer()
    real_tokenizer.pad_token, real_tokenizer.padding_side = "<unk>", "left"
    with ProbeTransformer(tiny_model, real_tokenizer, "batch", tmp_path) as probe:
        inputs = probe.get_tokenizer()(prompts, return_tensors="pt", padding=True)
        expected = probe.get_model().generate(**inputs, max_new_tokens=6, do_sample=False)
    mock = MockTransformer("batch", tmp_path)
    tokenizer = mock.get_tokenizer()
    tokenizer.pad_token, tokenizer.padding_side = "<unk>", "left"

    replay_inputs = tokenizer(prompts, return_tensors="pt", padding=True)
    actual = mock.get_model().generate(**replay_inputs, max_new_tokens=6, do_sample=False)

    assert torch.equal(inputs["attention_mask"], replay_inputs["attention_mask"])
    assert expected.tolist() == actual.tolist()


def test_batched_generate_where_one_row_ends_early_replays(tmp_path: Path, tiny_model: Any) -> None:
    prompts = [_prompt("浅草寺はどこですか？🙏"), _prompt("hi")]
    real_tokenizer = llama2_tokenizer()
    real_tokenizer.pad_token, real_tokenizer.padding_side = "<unk>", "left"
    inputs = real_tokenizer(prompts, return_tensors="pt", padding=True)
    width = inputs["input_ids"].shape[1]
    free = tiny_model.generate(**inputs, max_new_tokens=6, do_sample=False)[:, width:].tolist()
    stop = next(t for t in free[0][1:] if t not in free[1])  # ends row 0 only
    options = {"max_new_tokens": 6, "do_sample": False, "eos_token_id": stop, "pad_token_id": 0}
    with ProbeTransformer(tiny_model, real_tokenizer, "early", tmp_path) as probe:
        expected = probe.get_model().generate(**inputs, **options)
    mock = MockTransformer("early", tmp_path)

    actual = mock.get_model().generate(**inputs, **options)

    assert expected.tolist() == actual.tolist()
    assert 0 == actual[0, -1]  # row 0 ended and was padded while row 1 went on


def test_generate_prefers_what_generate_recorded_for_a_prompt_also_run_by_hand(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    prompt = _prompt("浅草寺はどこですか？🙏")
    with ProbeTransformer(tiny_model, llama_tokenizer, "both", tmp_path) as probe:
        torch.manual_seed(0)
        sampler = probe.get_token_sampler()
        manual_loop(probe.get_model(), probe.get_tokenizer(), prompt, 6, pick=sampled(sampler))
        expected = generate_text(probe.get_model(), probe.get_tokenizer(), prompt, max_new_tokens=6)
    mock = MockTransformer("both", tmp_path)

    actual = generate_text(mock.get_model(), mock.get_tokenizer(), prompt, max_new_tokens=6)

    assert expected == actual


def sampled(sampler: Any) -> Any:
    """A manual-loop picker drawing with ``sampler`` at a high temperature."""
    return lambda logits, past: sampler.do_sample(logits, temperature=5.0)
