"""Swapping a new recording in: SIGKILL at every step leaves the old or the new one in place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from transformer_mock import Recording
from transformer_mock._swap import KILL_ENV, install, recover, staging_dir

from .handmade import handmade_recording

ROOT = Path(__file__).parents[2]
OLD = ("<s>[INST] 古い質問 [/INST]", "古い答え")
NEW = ("<s>[INST] 新しい質問🆕 [/INST]", "新しい答え")
CHILD = """
import shutil, sys
from pathlib import Path
from transformer_mock import _swap
if sys.argv[3] == "fallback":
    _swap._exchange = lambda first, second: False
path = Path(sys.argv[1])
staging = _swap.staging_dir(path, "new run")
shutil.copytree(sys.argv[2], staging, dirs_exist_ok=True)
_swap.install(staging, path, "new run")
"""


def _prompts(path: Path, tokenizer: Any) -> list[str]:
    return [tokenizer.decode(e.prompt_ids) for e in Recording.load(path).episodes]


@pytest.mark.parametrize(
    ("how", "step", "kept"),
    [
        ("exchange", "exchange", OLD),
        ("exchange", "exchanged", NEW),
        ("exchange", "swapped", NEW),
        ("fallback", "moved-aside", OLD),
        ("fallback", "swapped", NEW),
    ],
)
def test_a_kill_at_each_step_of_the_swap_leaves_the_old_or_the_new_recording(
    tmp_path: Path, llama_tokenizer: Any, how: str, step: str, kept: tuple[str, str]
) -> None:
    path = tmp_path / "recordings" / "浅草"
    handmade_recording(path, llama_tokenizer, [OLD])
    handmade_recording(tmp_path / "new", llama_tokenizer, [NEW])
    env = {**os.environ, KILL_ENV: step, "PYTHONPATH": str(ROOT / "src")}

    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / "new"), how], env=env, check=False
    )
    recover(path)  # what the next open does

    assert -signal.SIGKILL == child.returncode
    assert [kept[0]] == _prompts(path, llama_tokenizer)
    assert ["浅草"] == [p.name for p in path.parent.iterdir()]


def test_two_sessions_swapping_at_once_leave_one_whole_recording_and_no_leftovers(
    tmp_path: Path, llama_tokenizer: Any
) -> None:
    path = tmp_path / "recordings" / "shared"
    handmade_recording(path, llama_tokenizer, [OLD])
    stagings = [staging_dir(path, f"run {i}") for i in range(4)]
    for staging in stagings:
        handmade_recording(staging, llama_tokenizer, [NEW])
    errors: list[BaseException] = []

    def swap(staging: Path, session: str) -> None:
        try:
            install(staging, path, session)
        except BaseException as error:  # collected, asserted below
            errors.append(error)

    threads = [threading.Thread(target=swap, args=(s, f"run {i}")) for i, s in enumerate(stagings)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [] == errors
    assert 1 == len(_prompts(path, llama_tokenizer))
    assert ["shared"] == [p.name for p in path.parent.iterdir()]


def test_a_second_staging_of_the_same_session_is_appended_not_swapped(
    tmp_path: Path, llama_tokenizer: Any
) -> None:
    path = tmp_path / "recordings" / "shared"
    handmade_recording(path, llama_tokenizer, [("<s>[INST] 前の回 [/INST]", "前")])
    first, second = staging_dir(path, "this run"), staging_dir(path, "this run")
    handmade_recording(first, llama_tokenizer, [OLD])
    handmade_recording(second, llama_tokenizer, [NEW])

    install(first, path, "this run")
    install(second, path, "this run")

    assert [OLD[0], NEW[0]] == _prompts(path, llama_tokenizer)
    assert ["shared"] == [p.name for p in path.parent.iterdir()]
