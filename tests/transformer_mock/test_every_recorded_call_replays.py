"""Rule 1: every call the application made while recording is answered at replay, exactly, or
refused loudly while recording."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from transformer_mock import MockTransformer, ProbeTransformer, Recording
from transformer_mock.cli import main
from transformer_mock.errors import (
    UnrecordedInputError,
    UnreplayableGenerationError,
    UnsavableTokenizerError,
    VocabularyNotRecordedError,
)

from .chat_app import llama2_prompt

PROMPT = llama2_prompt([("浅草寺はどこですか？🙏", None)])


def _sample_then_forward(model: Any, tokenizer: Any, sampler: Any, count: int) -> list[int]:
    """A loop that samples, appends, and calls the model once more after its last token."""
    ids = torch.tensor([tokenizer.encode(PROMPT, add_special_tokens=False)])
    generated: list[int] = []
    with torch.no_grad():
        out = model(input_ids=ids, use_cache=True)
        for _ in range(count):
            token = int(sampler.do_sample(out.logits[0][-1], temperature=0.9, top_k=40))
            generated.append(token)
            out = model(input_ids=torch.tensor([[token]]), cache=out.cache, use_cache=True)
    return generated


def test_a_forward_call_after_the_last_sampled_token_replays(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    torch.manual_seed(3)
    with ProbeTransformer(tiny_model, llama_tokenizer, "extra", tmp_path) as probe:
        recorded = _sample_then_forward(
            probe.get_model(), probe.get_tokenizer(), probe.get_token_sampler(), 5
        )

    with MockTransformer("extra", tmp_path) as mock:
        replayed = _sample_then_forward(
            mock.get_model(), mock.get_tokenizer(), mock.get_token_sampler(), 5
        )

    assert recorded == replayed


def _generate(model: Any, encoder: Any, **options: Any) -> list[int]:
    inputs = encoder(PROMPT, return_tensors="pt", add_special_tokens=False)
    output = model.generate(**inputs, max_new_tokens=6, do_sample=False, **options)
    return [int(i) for i in output[0, inputs["input_ids"].shape[1] :]]


def test_generate_with_stop_strings_replays_whether_or_not_they_occur(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    plain = _generate(tiny_model, llama_tokenizer)
    occurring = llama_tokenizer.decode(plain[:3])[-2:]
    stops = {"never": ["ZZZ🛑", "終わり"], "occurring": [occurring]}
    recorded = {}
    for name, stop_strings in stops.items():  # the second one hits transformers' cache
        with ProbeTransformer(tiny_model, llama_tokenizer, name, tmp_path) as probe:
            tokenizer = probe.get_tokenizer()
            recorded[name] = _generate(
                probe.get_model(), tokenizer, stop_strings=stop_strings, tokenizer=tokenizer
            )

    replayed = {}
    for name, stop_strings in stops.items():
        with MockTransformer(name, tmp_path) as mock:
            tokenizer = mock.get_tokenizer()
            replayed[name] = _generate(
                mock.get_model(), tokenizer, stop_strings=stop_strings, tokenizer=tokenizer
            )

    assert plain == recorded["never"]
    assert len(recorded["occurring"]) < len(plain)
    assert recorded == replayed


def test_beam_search_is_refused_while_recording_and_at_replay(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    with ProbeTransformer(tiny_model, llama_tokenizer, "beams", tmp_path) as probe:
        with pytest.raises(UnreplayableGenerationError, match="num_beams=2"):
            _generate(probe.get_model(), probe.get_tokenizer(), num_beams=2)
        greedy = _generate(probe.get_model(), probe.get_tokenizer())

    with MockTransformer("beams", tmp_path) as mock:
        with pytest.raises(UnreplayableGenerationError, match="num_beams=2"):
            _generate(mock.get_model(), mock.get_tokenizer(), num_beams=2)
        assert greedy == _generate(mock.get_model(), mock.get_tokenizer())


def test_verify_flags_an_episode_recorded_by_beam_search(
    senso_ji: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    episodes = senso_ji / "episodes.jsonl"
    lines = episodes.read_text(encoding="utf-8").splitlines()
    trace = json.loads(lines[0])
    trace["metadata"] = {"via": "generate", "num_beams": 3}
    episodes.write_text(json.dumps(trace, ensure_ascii=False) + "\n", encoding="utf-8")

    status = main(["verify", str(senso_ji)])

    assert 1 == status
    assert "recorded by beam search (num_beams=3)" in capsys.readouterr().out


def test_convert_tokens_to_ids_answers_recorded_pieces_and_refuses_others(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    with ProbeTransformer(tiny_model, llama_tokenizer, "pieces", tmp_path) as probe:
        recorded = probe.get_tokenizer().convert_tokens_to_ids(["▁the", "寺"])
        _generate(probe.get_model(), probe.get_tokenizer())

    with MockTransformer("pieces", tmp_path) as mock:
        tokenizer = mock.get_tokenizer()
        replayed = tokenizer.convert_tokens_to_ids(["▁the", "寺"])
        with pytest.raises(UnrecordedInputError, match="token piece '▁Tokyo' never recorded"):
            tokenizer.convert_tokens_to_ids("▁Tokyo")

    assert [272, 30799] == recorded
    assert recorded == replayed


def test_the_replay_tokenizer_refuses_to_be_saved(senso_ji: Path, tmp_path: Path) -> None:
    tokenizer = MockTransformer(senso_ji.name, senso_ji.parent).get_tokenizer()

    with pytest.raises(UnsavableTokenizerError, match="cannot be saved"):
        tokenizer.save_pretrained(tmp_path / "saved")

    assert not (tmp_path / "saved").exists()


def test_the_replay_tokenizer_refuses_a_vocabulary_it_holds_only_part_of(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    tokenizer = MockTransformer(senso_ji.name, senso_ji.parent).get_tokenizer()
    recording = Recording.load(senso_ji)
    added = {token["id"] for token in recording.meta.tokenizer_backend["added_tokens"]}
    known = len(recording.pieces.keys() | added)

    with pytest.raises(VocabularyNotRecordedError) as raised:
        tokenizer.get_vocab()
    with pytest.raises(VocabularyNotRecordedError):
        _ = tokenizer.vocab

    error = raised.value
    assert (str(senso_ji), known, 32000, 32000) == (
        error.recording,
        error.known,
        error.vocab_size,
        len(tokenizer),
    )
    assert f"holds only the {known} recorded pieces of the real tokenizer's 32000" in str(error)
    assert llama_tokenizer.convert_tokens_to_ids(["草", "🙏"]) == tokenizer.convert_tokens_to_ids(
        ["草", "🙏"]
    )


def test_the_replay_tokenizer_of_new_episodes_answers_the_vocabulary_from_the_real_one(
    senso_ji: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    with MockTransformer(
        senso_ji.name,
        senso_ji.parent,
        record_mode="new_episodes",
        model_factory=lambda: (tiny_model, llama_tokenizer),
    ) as mock:
        vocab = mock.get_tokenizer().get_vocab()

    assert llama_tokenizer.get_vocab() == vocab
