"""A recording shared by many tests and pytest-xdist workers keeps every episode of the run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from transformer_mock import Recording

from .handmade import handmade_recording

pytest_plugins = ["pytester"]

ROOT = Path(__file__).parents[2]
PROMPTS = [
    "<s>[INST] 浅草寺はどこですか？🙏 [/INST]",
    "<s>[INST] 雷門は？ [/INST]",
    "<s>[INST] 仲見世で何を食べる？🍡 [/INST]",
    "<s>[INST] スカイツリーの高さは？ [/INST]",
    "<s>[INST] 隅田川の花火🎆 [/INST]",
    "<s>[INST] 人形焼きとは？ [/INST]",
]
SHARED_TESTS = """
import pytest
import torch

from local_models import llama2_tokenizer, tiny_llama


@pytest.fixture
def transformer_mock_model_factory():
    return lambda: (tiny_llama(), llama2_tokenizer())


@pytest.mark.transformer_mock(dirname="shared-chat")
@pytest.mark.parametrize("prompt", {prompts!r})
def test_chat(transformer_mock, prompt):
    model, tokenizer = transformer_mock.get_model(), transformer_mock.get_tokenizer()
    ids = tokenizer.encode(prompt, add_special_tokens=False)
    output = model.generate(torch.tensor([ids]), max_new_tokens=2, do_sample=False)
    assert 2 == output.shape[1] - len(ids)
"""


@pytest.mark.parametrize("workers", [0, 2], ids=["serial", "n2"])
@pytest.mark.parametrize("mode", ["once", "new_episodes", "all"])
def test_six_tests_sharing_a_recording_keep_all_six_episodes_and_replay(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    llama_tokenizer: Any,
    mode: str,
    workers: int,
) -> None:
    recording = pytester.path / "recordings" / "test_shared" / "shared-chat"
    if mode == "all":  # an older recording of the same name, replaced by the run
        handmade_recording(recording, llama_tokenizer, [("<s>[INST] 古い [/INST]", "古い答え")])
    pytester.makepyfile(test_shared=SHARED_TESTS.format(prompts=PROMPTS))
    paths = [str(ROOT / "examples"), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))

    if workers:
        recorded = pytester.runpytest_subprocess("-n", str(workers), f"--record-mode={mode}")
    else:
        recorded = pytester.runpytest(f"--record-mode={mode}")
    replayed = pytester.runpytest("--record-mode=none")

    recorded.assert_outcomes(passed=6)
    replayed.assert_outcomes(passed=6)
    expected = sorted(tuple(llama_tokenizer.encode(p, add_special_tokens=False)) for p in PROMPTS)
    episodes = Recording.load(recording).episodes
    assert expected == sorted(episode.prompt_ids for episode in episodes)
    assert [] == [p.name for p in recording.parent.iterdir() if p.name != "shared-chat"]
