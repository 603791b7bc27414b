"""Replay from many threads at once, and concurrent writers that never tear a line."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from transformer_mock import MockTransformer, Recording

from .chat_app import QUESTIONS, chat
from .handmade import handmade_recording


def test_threads_replay_different_episodes_at_once(recorded: Any, mock: MockTransformer) -> None:
    model, tokenizer = mock.get_model(), mock.get_tokenizer()
    jobs = [
        (QUESTIONS, {}, recorded.chat_cached),
        ([q + " (no cache)" for q in QUESTIONS], {"use_cache": False}, recorded.chat_uncached),
    ] * 4

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(chat, model, tokenizer, q, 8, **o) for q, o, _ in jobs]
        actual = [future.result() for future in futures]

    assert [expected for _, _, expected in jobs] == actual


def test_concurrent_writers_into_one_directory_keep_every_line_whole(
    tmp_path: Path, llama_tokenizer: Any
) -> None:
    conversations = [(f"<s>[INST] 質問 {n} 🙏 [/INST]", f"答え {n} です。") for n in range(12)]

    def write(part: int) -> None:
        handmade_recording(tmp_path / "shared", llama_tokenizer, conversations[part::4])

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))

    loaded = Recording.load(tmp_path / "shared")
    assert sorted(p for p, _ in conversations) == sorted(e.prompt_text for e in loaded.episodes)


def test_used_episode_ids_counts_what_every_thread_replayed(recorded: Any) -> None:
    one_thread, threads = (MockTransformer(recorded.path.name, recorded.path.parent) for _ in "12")
    chat(one_thread.get_model(), one_thread.get_tokenizer(), QUESTIONS, 8)
    model, tokenizer = threads.get_model(), threads.get_tokenizer()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: chat(model, tokenizer, QUESTIONS, 8), range(4)))

    assert len(QUESTIONS) == len(one_thread.used_episode_ids())
    assert one_thread.used_episode_ids() == threads.used_episode_ids()
