"""Recordings round-trip through disk, and content addressing finds every recorded step."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from transformers import GenerationConfig

from token_trace import FinishReason, TokenizerCard, TokenTrace
from transformer_mock import Recording, RecordingMeta
from transformer_mock._matcher import EpisodeIndex
from transformer_mock._store import EncodeCall, RecordingWriter

CARD = TokenizerCard(
    name_or_path="hand",
    class_name="Hand",
    vocab_size=100,
    special_tokens={"</s>": 2},
    roles={"eos_token": "</s>"},
    fingerprint="sha256:" + "0" * 64,
)
META = RecordingMeta(
    tokenizer_card=CARD,
    tokenizer_backend={"model_type": "BPE", "decoder": None, "added_tokens": [], "settings": {}},
    model_class="Hand",
    model_config={"vocab_size": 100},
    generation_config=GenerationConfig(eos_token_id=2).to_dict(),
)

ids = st.lists(st.integers(min_value=0, max_value=99), max_size=12)
texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)
traces = st.builds(
    TokenTrace,
    prompt_ids=ids,
    generated_ids=ids,
    finish_reason=st.sampled_from(list(FinishReason)),
    prompt_text=st.none() | texts,
    metadata=st.dictionaries(st.sampled_from(["via", "seed"]), texts, max_size=2),
)
encodes = st.builds(
    EncodeCall,
    text=texts,
    text_pair=st.none() | texts,
    options=st.fixed_dictionaries({"add_special_tokens": st.booleans()}),
    ids=ids,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    episodes=st.lists(traces, max_size=5),
    calls=st.lists(encodes, max_size=5, unique_by=lambda call: call.key),
)
def test_what_the_writer_appends_loads_back_equal(
    episodes: list[TokenTrace], calls: list[EncodeCall]
) -> None:
    pieces = {i: f"▁piece{i}🙏" for i in range(100)}
    with tempfile.TemporaryDirectory() as folder:
        writer = RecordingWriter(Path(folder), META)
        writer.append(None, pieces, calls)
        for trace in episodes:
            writer.append(trace, pieces)

        loaded = Recording.load(folder)

    assert META == loaded.meta
    assert episodes == loaded.episodes
    assert {call.key: call.ids for call in calls} == loaded.encodes
    assert pieces == loaded.pieces


@settings(max_examples=60, deadline=None)
@given(
    prompts=st.lists(
        st.lists(st.integers(0, 50), min_size=1, max_size=8),
        min_size=1,
        max_size=5,
        unique_by=tuple,
    ),
    data=st.data(),
)
def test_every_step_of_every_episode_finds_its_recorded_next_token(
    prompts: list[list[int]], data: Any
) -> None:
    episodes = [
        TokenTrace(prompt, data.draw(st.lists(st.integers(51, 99), min_size=1, max_size=6)))
        for prompt in prompts
    ]
    # a prompt that starts another episode's full sequence would be that episode's continuation
    all_ids = {e.all_ids for e in episodes}
    episodes = [
        e
        for e in episodes
        if not any(o != e.all_ids and o[: len(e.prompt_ids)] == e.prompt_ids for o in all_ids)
    ]
    index = EpisodeIndex(episodes)

    for trace in episodes:
        for position, expected in enumerate(trace.generated_ids):
            cursor = index.find(trace.prompt_ids + trace.generated_ids[:position])
            assert cursor is not None
            assert expected == cursor.next_token
