"""Replaying a ChatStream-style manual token loop gives back the recorded chat, exactly."""

from __future__ import annotations

from typing import Any

import pytest
import torch

from transformer_mock import MockTransformer

from .chat_app import QUESTIONS, chat, custom_sampler


def test_argmax_loop_with_cache_replays_the_recorded_multi_turn_chat(
    recorded: Any, mock: MockTransformer
) -> None:
    model = mock.get_model().to("cpu").eval()

    actual = chat(model, mock.get_tokenizer(), QUESTIONS, 8)

    assert recorded.chat_cached == actual


def test_argmax_loop_without_cache_replays_the_recorded_chat(
    recorded: Any, mock: MockTransformer
) -> None:
    questions = [q + " (no cache)" for q in QUESTIONS]

    actual = chat(mock.get_model(), mock.get_tokenizer(), questions, 8, use_cache=False)

    assert recorded.chat_uncached == actual


@pytest.mark.parametrize("seed", [0, 12345])
def test_custom_sampler_replays_the_recorded_chat_whatever_the_seed(
    recorded: Any, mock: MockTransformer, seed: int
) -> None:
    torch.manual_seed(seed)
    questions = [q + " (custom)" for q in QUESTIONS]

    actual = chat(mock.get_model(), mock.get_tokenizer(), questions, 8, pick=custom_sampler)

    assert recorded.chat_custom == actual


@pytest.mark.parametrize("seed", [0, 777])
def test_do_sample_replays_the_recorded_chat_whatever_the_seed(
    recorded: Any, mock: MockTransformer, seed: int
) -> None:
    torch.manual_seed(seed)
    sampler = mock.get_token_sampler()
    options = recorded.sample_options
    questions = [q + " (do_sample)" for q in QUESTIONS]

    def pick(logits: torch.Tensor, past: list[int]) -> int:
        return sampler.do_sample(logits, past_tokens=past, **options)

    actual = chat(mock.get_model(), mock.get_tokenizer(), questions, 8, pick=pick)

    assert recorded.chat_do_sample == actual


def test_do_sample_with_other_settings_still_picks_the_recorded_tokens(
    recorded: Any, mock: MockTransformer
) -> None:
    sampler = mock.get_token_sampler()
    questions = [q + " (do_sample)" for q in QUESTIONS]

    def pick(logits: torch.Tensor, past: list[int]) -> int:
        return sampler.do_sample(
            logits,
            top_k=3,
            top_p=0.5,
            temperature=1.7,
            past_tokens=past,
            penalty=0.5,
            penalty_method="subtractive",
        )

    actual = chat(mock.get_model(), mock.get_tokenizer(), questions, 8, pick=pick)

    assert recorded.chat_do_sample == actual


def test_half_precision_mock_replays_the_same_chat(recorded: Any) -> None:
    mock = MockTransformer(recorded.path.name, parent_dir_path=recorded.path.parent)
    model = mock.get_model().half()

    actual = chat(model, mock.get_tokenizer(), QUESTIONS, 8)

    assert torch.float16 == model.dtype
    assert recorded.chat_cached == actual


def test_episodes_replay_in_any_order_and_repeatedly(recorded: Any, mock: MockTransformer) -> None:
    model, tokenizer = mock.get_model(), mock.get_tokenizer()
    questions = [q + " (no cache)" for q in QUESTIONS]

    later_first = chat(model, tokenizer, questions, 8, use_cache=False)
    again = chat(model, tokenizer, QUESTIONS, 8)
    and_again = chat(model, tokenizer, QUESTIONS, 8)

    assert recorded.chat_uncached == later_first
    assert recorded.chat_cached == again == and_again


def test_mock_model_reports_device_dtype_and_config(mock: MockTransformer, tiny_model: Any) -> None:
    model = mock.get_model()

    assert torch.device("cpu") == model.device
    assert torch.float32 == model.dtype
    assert type(tiny_model.config) is type(model.config)
    assert tiny_model.config.vocab_size == model.config.vocab_size
    assert tiny_model.config.eos_token_id == model.config.eos_token_id
