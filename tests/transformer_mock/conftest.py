"""Fixtures: the tiny model, and one recording of every way the chat app drives a model.

The recording is made once per session (a few hundred tiny-model forward calls) and replayed by
many tests; each test that needs its own recording makes a small one in ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
import torch

from local_models import tiny_llama
from transformer_mock import MockTransformer, ProbeTransformer

from .chat_app import (
    QUESTIONS,
    SAMPLED_GENERATE,
    chat,
    custom_sampler,
    generate_text,
    llama2_prompt,
)
from .handmade import TWO_EPISODES, handmade_recording

MAX_NEW = 8


@attrs.frozen
class Recorded:
    """Where the session recording is and what the real model produced in it."""

    path: Path
    chat_cached: list[str]
    chat_uncached: list[str]
    chat_custom: list[str]
    chat_do_sample: list[str]
    sample_options: dict[str, Any]
    generate_greedy: tuple[list[int], str]
    generate_sampled: tuple[list[int], str]
    generate_streamed: tuple[list[int], str]
    generate_eos: tuple[list[int], str]
    eos_token_id: int


@pytest.fixture(scope="session")
def tiny_model() -> Any:
    """The seeded random 2-layer Llama over the Llama 2 vocabulary."""
    return tiny_llama()


def _prompt(question: str) -> str:
    return llama2_prompt([(question, None)])


@pytest.fixture(scope="session")
def recorded(
    tmp_path_factory: pytest.TempPathFactory, tiny_model: Any, llama_tokenizer: Any
) -> Recorded:
    """Record the chat app driven every supported way, with the real tokenizer."""
    parent = tmp_path_factory.mktemp("recordings")
    sample_options = {"temperature": 0.7, "top_k": 40, "top_p": 0.9, "penalty": 1.2}
    with ProbeTransformer(
        tiny_model, llama_tokenizer, dirname="chat", parent_dir_path=parent
    ) as probe:
        model, tokenizer = probe.get_model(), probe.get_tokenizer()
        model = model.to("cpu").eval()
        chat_cached = chat(model, tokenizer, QUESTIONS, MAX_NEW)
        chat_uncached = chat(
            model, tokenizer, [q + " (no cache)" for q in QUESTIONS], MAX_NEW, use_cache=False
        )
        torch.manual_seed(1)
        wrapped_custom = probe.get_token_sampler(custom_sampler)
        chat_custom = chat(
            model, tokenizer, [q + " (custom)" for q in QUESTIONS], MAX_NEW, pick=wrapped_custom
        )
        sampler = probe.get_token_sampler()
        torch.manual_seed(2)
        chat_do_sample = chat(
            model,
            tokenizer,
            [q + " (do_sample)" for q in QUESTIONS],
            MAX_NEW,
            pick=lambda logits, past: sampler.do_sample(logits, past_tokens=past, **sample_options),
        )
        greedy = generate_text(
            model, tokenizer, _prompt("generate greedy 🍣"), max_new_tokens=MAX_NEW, do_sample=False
        )
        torch.manual_seed(3)
        sampled = generate_text(
            model,
            tokenizer,
            _prompt("generate sampled 🎲"),
            max_new_tokens=MAX_NEW,
            **SAMPLED_GENERATE,
        )
        streamed = generate_text(
            model, tokenizer, _prompt("stream it 🌊"), stream=True, max_new_tokens=MAX_NEW
        )
        eos_probe = generate_text(
            model, tokenizer, _prompt("stop early ⛔"), max_new_tokens=MAX_NEW
        )
        eos_token_id = eos_probe[0][2]
        eos = generate_text(
            model,
            tokenizer,
            _prompt("stop early ⛔"),
            max_new_tokens=MAX_NEW,
            eos_token_id=eos_token_id,
        )
    return Recorded(
        path=parent / "chat",
        chat_cached=chat_cached,
        chat_uncached=chat_uncached,
        chat_custom=chat_custom,
        chat_do_sample=chat_do_sample,
        sample_options=sample_options,
        generate_greedy=greedy,
        generate_sampled=sampled,
        generate_streamed=streamed,
        generate_eos=eos,
        eos_token_id=eos_token_id,
    )


@pytest.fixture(scope="session")
def mock(recorded: Recorded) -> MockTransformer:
    """The session recording, loaded for replay (shared: tests must not change it)."""
    return MockTransformer(recorded.path.name, parent_dir_path=recorded.path.parent)


@pytest.fixture
def senso_ji(tmp_path: Path, llama_tokenizer: Any) -> Path:
    """A hand-made two-episode recording in ``tmp_path/senso-ji``."""
    path = tmp_path / "senso-ji"
    handmade_recording(path, llama_tokenizer, TWO_EPISODES)
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The chat app passes ``past_key_values`` the ChatStream way; transformers 5 warns of it."""
    for item in items:
        if "transformer_mock" in str(item.path):
            item.add_marker(
                pytest.mark.filterwarnings("ignore:`past_key_values` is deprecated:FutureWarning")
            )
