"""``transformer-mock show`` decodes without transformers exactly as the replay tokenizer does."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transformer_mock import Recording
from transformer_mock._replay_objects import replay_tokenizer
from transformer_mock._text_decoder import text_decoder

from .handmade import TWO_EPISODES, handmade_recording

SPACED = (
    "<s>[INST] Is it far ? I can't walk ! [/INST]",
    "No , it is n't . You 're close , it 's 5 minutes 🚶\x1b",
)
"""English with the spaces ``clean_up_tokenization_spaces`` removes, an emoji and a control."""


def _as_if_not_bpe_cleaning_up_spaces(path: Path) -> None:
    """Edit the recording as if its tokenizer were a Unigram one that cleans up spaces."""
    meta_path = path / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["tokenizer_backend"]["model_type"] = "Unigram"
    meta["tokenizer_backend"]["settings"]["clean_up_tokenization_spaces"] = True
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module", params=["as recorded (BPE)", "not BPE, cleaning up spaces"])
def decoders(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, llama_tokenizer: Any
) -> tuple[Recording, Any, Callable[[Sequence[int]], str]]:
    """A recording, its replay tokenizer and its text decoder."""
    path = tmp_path_factory.mktemp("decoder") / "spaced"
    handmade_recording(path, llama_tokenizer, [SPACED, *TWO_EPISODES])
    if request.param.startswith("not BPE"):
        _as_if_not_bpe_cleaning_up_spaces(path)
    recording = Recording.load(path)
    return recording, replay_tokenizer(recording), text_decoder(recording)


def test_every_episode_of_a_model_run_decodes_as_the_replay_tokenizer_decodes_it(
    recorded: Any,
) -> None:
    recording = Recording.load(recorded.path)
    tokenizer = replay_tokenizer(recording)
    decode = text_decoder(recording)
    sequences = [ids for trace in recording.episodes for ids in (trace.prompt_ids, trace.all_ids)]

    assert [tokenizer.decode(list(ids)) for ids in sequences] == [decode(ids) for ids in sequences]


@given(data=st.data())
def test_any_slice_of_recorded_ids_decodes_as_the_replay_tokenizer_decodes_it(
    decoders: tuple[Recording, Any, Callable[[Sequence[int]], str]], data: st.DataObject
) -> None:
    recording, tokenizer, decode = decoders
    ids = list(data.draw(st.sampled_from(recording.episodes)).all_ids)
    start = data.draw(st.integers(0, len(ids)))
    stop = data.draw(st.integers(start, len(ids)))

    assert tokenizer.decode(ids[start:stop]) == decode(ids[start:stop])


def test_a_tokenizer_that_is_not_bpe_gets_its_spaces_cleaned_up(
    tmp_path: Path, llama_tokenizer: Any
) -> None:
    path = tmp_path / "spaced"
    (trace,) = handmade_recording(path, llama_tokenizer, [SPACED])
    _as_if_not_bpe_cleaning_up_spaces(path)

    decode = text_decoder(Recording.load(path))

    assert "No, it isn't. You're close, it's 5 minutes 🚶\x1b</s>" == decode(trace.generated_ids)
