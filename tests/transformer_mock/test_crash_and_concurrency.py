"""Probes killed at random points, and probes in threads and processes sharing one folder."""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from transformer_mock import MockTransformer, ProbeTransformer, Recording
from transformer_mock.cli import main

from . import probe_worker
from .chat_app import manual_loop

KILLS = 15
SEED = 20261125


class Zygote:
    """Drives ``probe_worker.py``: forks probe processes, collects what they report."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, probe_worker.__file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.control: queue.Queue[str] = queue.Queue()
        self.finished: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.expect("zygote ready", timeout=120)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("finished "):
                self.finished.append(json.loads(line[len("finished ") :]))
            else:
                self.control.put(line.rstrip("\n"))

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def expect(self, prefix: str, timeout: float = 60) -> str:
        """The next control line starting with ``prefix`` (other children's lines skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            line = self.control.get(timeout=max(0.0, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line

    def fork(self, **command: Any) -> int:
        self.send(**command)
        return int(self.expect(f"pid {command['tag']} ").split()[-1])

    def reap(self, pid: int) -> None:
        self.send(cmd="wait", pid=pid)
        self.expect(f"reaped {pid}")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    """One warm probe parent for the module's tests."""
    driver = Zygote()
    yield driver
    driver.close()


def _prompts(path: Path) -> list[str | None]:
    return [trace.prompt_text for trace in Recording.load(path).episodes]


def test_probe_killed_at_random_points_keeps_every_finished_generation(
    zygote: Zygote, tmp_path: Path
) -> None:
    folder = tmp_path / "crash"
    rng = random.Random(SEED)
    for kill in range(KILLS):
        pid = zygote.fork(cmd="loop", dir=str(folder), tag=f"k{kill}")
        if kill % 5 != 4:  # most kills land in the generation loop, some at start-up
            zygote.expect(f"ready k{kill}")
            time.sleep(rng.uniform(0, 0.3))
        os.kill(pid, signal.SIGKILL)
        zygote.reap(pid)
        if (folder / "meta.json").exists():
            Recording.load(folder)

    finished = {item["prompt"] for item in zygote.finished}
    loaded = _prompts(folder)
    assert finished  # the kills hit probes that were making progress
    assert set() == finished - set(loaded)
    assert len(loaded) == len(set(loaded))
    assert 0 == main(["verify", str(folder)])


def test_threads_and_processes_probing_one_folder_keep_every_episode_once(
    zygote: Zygote, tiny_model: Any, llama_tokenizer: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    zygote.finished.clear()
    pids = [zygote.fork(cmd="run", dir=str(folder), tag=f"process{n}", count=6) for n in range(2)]
    probes = [ProbeTransformer(tiny_model, llama_tokenizer, "shared", tmp_path) for _ in range(2)]

    def run(thread: int) -> list[tuple[str, list[int]]]:
        probe = probes[thread % 2]
        model, tokenizer = probe.get_model(), probe.get_tokenizer()
        results = []
        for number in range(3):
            prompt = probe_worker.prompt_for(f"thread{thread}", number)
            results.append((prompt, probe_worker.generate(model, tokenizer, prompt, 2)))
        return results

    with ThreadPoolExecutor(max_workers=4) as pool:
        threads = [item for result in pool.map(run, range(4)) for item in result]
    for probe in probes:
        probe.close()
    for pid in pids:
        zygote.reap(pid)

    expected = dict(threads) | {item["prompt"]: item["generated"] for item in zygote.finished}
    recording = Recording.load(folder)
    actual = {trace.prompt_text: list(trace.generated_ids) for trace in recording.episodes}
    assert 4 * 3 + 2 * 6 == len(expected)
    assert sorted(expected) == sorted(trace.prompt_text or "" for trace in recording.episodes)
    assert expected == actual
    assert 0 == main(["verify", str(folder)])


def _replay_served(folder: Path, served: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Replay each served request with the mock, in the loop the server used."""
    with MockTransformer(folder.name, folder.parent) as mock:
        model, tokenizer, sampler = mock.get_model(), mock.get_tokenizer(), mock.get_token_sampler()
        replayed = {}
        for number, item in enumerate(served):

            def sample(logits: Any, generated: list[int]) -> int:
                return int(sampler.do_sample(logits, temperature=0.9, top_k=40))

            pick = None if number == 0 else sample
            replayed[item["prompt"]] = manual_loop(
                model, tokenizer, item["prompt"], 3 + number, pick=pick
            )
    return replayed


@pytest.mark.parametrize("end", ["SIGKILL", "SIGTERM", "exit"])
def test_every_answer_a_server_sent_replays_after_the_server_ends_without_close(
    zygote: Zygote, tmp_path: Path, end: str
) -> None:
    folder = tmp_path / f"served-{end}"
    tag = f"serve-{end}"
    idle = "exit" if end == "exit" else "idle"
    pid = zygote.fork(cmd="serve", dir=str(folder), tag=tag, end=idle)
    if end != "exit":
        zygote.expect(f"idle {tag}")
        os.kill(pid, getattr(signal, end))
    zygote.reap(pid)
    served = [item for item in zygote.finished if item["prompt"].startswith(f"<s>[INST] {tag}-")]

    replayed = _replay_served(folder, served)

    assert 3 == len(served)
    assert {item["prompt"]: item["generated"] for item in served} == replayed
    assert 0 == main(["verify", str(folder)])


def test_streamed_text_the_application_showed_survives_a_sigkill_mid_generate(
    zygote: Zygote, llama_tokenizer: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "streamed"
    tag, count = "stream-kill", 24
    pid = zygote.fork(cmd="stream", dir=str(folder), tag=tag, count=count)
    shown: list[str] = []
    handed = None
    deadline = time.monotonic() + 120
    while handed is None or not shown:
        line = zygote.control.get(timeout=max(0.0, deadline - time.monotonic()))
        if line.startswith(f"blocked {tag} "):
            handed = int(line.split()[-1])
        if line.startswith(f"shown {tag} "):
            shown.append(json.loads(line[len(f"shown {tag} ") :]))
    os.kill(pid, signal.SIGKILL)
    zygote.send(cmd="wait", pid=pid)
    while (line := zygote.control.get(timeout=60)) != f"reaped {pid}":
        if line.startswith(f"shown {tag} "):
            shown.append(json.loads(line[len(f"shown {tag} ") :]))

    (episode,) = Recording.load(folder).episodes
    text = llama_tokenizer.decode(episode.generated_ids)

    assert probe_worker.prompt_for(tag, 0) == episode.prompt_text
    assert count - 1 <= handed
    assert handed == len(episode.generated_ids)
    assert text.startswith("".join(shown))
