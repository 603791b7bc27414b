"""What the probe writes: every generation at once, its last token, and the tokenizer's calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from token_trace import FinishReason
from transformer_mock import (
    LastTokenUnknownWarning,
    ProbeTransformer,
    Recording,
    default_parent_dir,
)

from .chat_app import llama2_prompt, manual_loop


def _episodes(path: Path) -> list[dict[str, Any]]:
    return [trace.to_dict() for trace in Recording.load(path).episodes]


def test_probe_records_the_last_token_of_a_greedy_loop(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    with ProbeTransformer(tiny_model, llama_tokenizer, "greedy", tmp_path) as probe:
        generated = manual_loop(probe.get_model(), probe.get_tokenizer(), "<s>[INST] 🙏 [/INST]", 5)

    episode = Recording.load(tmp_path / "greedy").episodes[0]
    assert generated == list(episode.generated_ids)
    assert "greedy" == episode.metadata["last_token"]


def test_an_episode_is_on_disk_as_soon_as_the_sampler_chooses_eos(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    probe = ProbeTransformer(tiny_model, llama_tokenizer, "eos", tmp_path)
    steps: list[int] = []

    def stop_on_third(logits: torch.Tensor, generated: list[int]) -> int:
        steps.append(1)
        return llama_tokenizer.eos_token_id if len(steps) == 3 else int(logits.argmax())

    generated = manual_loop(
        probe.get_model(),
        probe.get_tokenizer(),
        "<s>[INST] 止まって ✋ [/INST]",
        10,
        pick=probe.get_token_sampler(stop_on_third),
    )

    episodes = Recording.load(tmp_path / "eos").episodes  # before close()
    assert [generated] == [list(e.generated_ids) for e in episodes]
    assert FinishReason.EOS == episodes[0].finish_reason
    probe.close()


def test_probe_leaves_the_real_model_and_tokenizer_untouched(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    model_class, tokenizer_class = type(tiny_model), type(llama_tokenizer)

    with ProbeTransformer(tiny_model, llama_tokenizer, "untouched", tmp_path) as probe:
        model, tokenizer = probe.get_model(), probe.get_tokenizer()

    assert model_class is type(tiny_model)
    assert tokenizer_class is type(llama_tokenizer)
    assert isinstance(model, model_class)
    assert isinstance(tokenizer, tokenizer_class)


def test_recording_files_are_utf8_json_lines_without_escapes(recorded: Any) -> None:
    text = (recorded.path / "tokenizer.jsonl").read_text(encoding="utf-8")

    assert "浅草寺" in text
    assert "\\u" not in text
    assert all(json.loads(line) for line in text.splitlines())
    assert {"meta.json", "episodes.jsonl", "tokenizer.jsonl"} <= {
        p.name for p in recorded.path.iterdir()
    }


def test_generate_episodes_record_how_they_ended(recorded: Any) -> None:
    by_prompt = {e.get("prompt_text"): e for e in _episodes(recorded.path)}
    stop = by_prompt[llama2_prompt([("stop early ⛔", None)])]
    greedy = by_prompt[llama2_prompt([("generate greedy 🍣", None)])]

    assert "length" == greedy["finish_reason"]
    assert stop["finish_reason"] in ("eos", "length")


def test_generate_episodes_record_their_sampling_settings(recorded: Any) -> None:
    by_prompt = {e.get("prompt_text"): e for e in _episodes(recorded.path)}
    greedy = by_prompt[llama2_prompt([("generate greedy 🍣", None)])]
    sampled = by_prompt[llama2_prompt([("generate sampled 🎲", None)])]

    unset = {"temperature": None, "top_k": None, "top_p": None, "repetition_penalty": None}
    assert {"via": "generate", "do_sample": False, **unset, "max_new_tokens": 8} == greedy[
        "metadata"
    ]
    assert {
        "via": "generate",
        "do_sample": True,
        "temperature": 0.9,
        "top_k": 50,
        "top_p": 0.95,
        "repetition_penalty": None,
        "max_new_tokens": 8,
    } == sampled["metadata"]


def test_every_episode_records_each_tokens_latency(recorded: Any) -> None:
    episodes = _episodes(recorded.path)

    assert [len(e["generated_ids"]) for e in episodes] == [
        len(e.get("latencies", [])) for e in episodes
    ]
    assert all(seconds > 0 for e in episodes for seconds in e["latencies"])


def test_default_parent_dir_honours_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    assert tmp_path / "chatstream" / "probe_data" == default_parent_dir()


def test_default_parent_dir_is_under_the_home_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    assert Path.home() / ".cache" / "chatstream" / "probe_data" == default_parent_dir()


def test_probe_without_dirname_records_into_a_timestamped_directory(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    with ProbeTransformer(tiny_model, llama_tokenizer, parent_dir_path=tmp_path) as probe:
        name = probe.path.name

    assert [name] == [p.name for p in tmp_path.iterdir()]
    assert name[:8].isdigit()


def test_setting_pad_token_on_the_probed_tokenizer_leaves_the_real_one_alone(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    with ProbeTransformer(tiny_model, llama_tokenizer, "pad", tmp_path) as probe:
        probe.get_tokenizer().pad_token = "<unk>"

    assert llama_tokenizer.pad_token is None


def test_a_loop_sampling_without_the_probes_sampler_warns_that_its_last_token_is_unknown(
    tiny_model: Any, llama_tokenizer: Any, tmp_path: Path
) -> None:
    def second_best(logits: torch.Tensor, generated: list[int]) -> int:
        return int(torch.topk(logits, 2).indices[1])

    with ProbeTransformer(tiny_model, llama_tokenizer, "own-sampler", tmp_path) as probe:
        generated = manual_loop(
            probe.get_model(),
            probe.get_tokenizer(),
            "<s>[INST] 浅草寺🙏 [/INST]",
            4,
            pick=second_best,
        )
        with pytest.warns(LastTokenUnknownWarning, match="picked its tokens itself"):
            probe.close()

    (episode,) = Recording.load(tmp_path / "own-sampler").episodes
    assert generated[:-1] == list(episode.generated_ids)
    assert "unknown" == episode.metadata["last_token"]
