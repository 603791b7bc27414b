"""transformer_mock against ChatStream 0.3.0's probe and MockTransformer, side by side.

One run, one process: a 3-turn Llama 2 chat (ChatStream's own chat loop and Llama 2 prompt, the
real Llama-2-family tokenizer, the tiny random 2-layer Llama), 512 generated tokens per turn.

- recording size per generated token (both probes record the same chat);
- load time of each recording;
- replay tokens/s in one ChatStream-style manual loop (``model(input_ids, use_cache=True,
  past_key_values=...)``, ``out.logits[0][-1]``, ``sampler.do_sample``) against the tiny model;
- ``generate()`` tokens/s with the mock against the tiny model;
- probe overhead on real generation.

``python benchmarks/bench_mock.py --quick`` measures only our load (against the parse floor)
and the probe overhead in the ChatStream-style loop (QUICK_OVERHEAD_TOKENS per turn), in a few
minutes, and writes its own section of ``RESULTS.md``; the full run measures ChatStream's load
next to ours.

ChatStream is only called (never imported by the library or tests, never copied). The table is
printed and written between the ``bench_mock`` markers of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import torch
import transformers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))

from local_models import llama2_tokenizer, tiny_llama  # noqa: E402
from transformer_mock import MockTransformer, ProbeTransformer, Recording, TokenSampler  # noqa: E402

QUESTIONS = (
    "浅草寺はどこですか？🙏",
    "How do I get there from Tokyo Station? 🚃",
    "ありがとう！お土産のおすすめは？🍡",
)
NEW_TOKENS = int(os.environ.get("BENCH_MOCK_TOKENS", "512"))
REPEATS = 3
OVERHEAD_REPEATS = 5
QUICK_OVERHEAD_TOKENS = 128
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- bench_mock:start -->", "<!-- bench_mock:end -->"
QUICK_START, QUICK_END = "<!-- bench_mock_quick:start -->", "<!-- bench_mock_quick:end -->"


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """``(seconds, result)`` of one call."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def median_time(function: Callable[[], Any]) -> float:
    """Median seconds of REPEATS calls, each after a garbage collection."""
    times = []
    for _ in range(REPEATS):
        gc.collect()
        times.append(timed(function)[0])
    return statistics.median(times)


def overhead_peers(
    model: Any, probe: ProbeTransformer, index: int
) -> tuple[dict[str, tuple[Any, Any]], list[str]]:
    """The plain and probed ``(model, sampler)`` pairs, and their order in repeat ``index``."""
    peers = {
        "plain": (model, TokenSampler()),
        "probe": (probe.get_model(), probe.get_token_sampler(TokenSampler())),
    }
    return peers, ["plain", "probe"] if index % 2 == 0 else ["probe", "plain"]


def parse_floor(path: Path) -> float:
    """Median seconds to read a recording's files and ``json.loads`` them (each JSONL line)."""

    def parse() -> None:
        for file in sorted(path.iterdir()):
            if file.suffix == ".json":
                json.loads(file.read_bytes())
            elif file.suffix == ".jsonl":
                for line in file.read_bytes().splitlines():
                    json.loads(line)

    return median_time(parse)


def directory_bytes(path: Path) -> int:
    """Bytes of the files in a recording directory (lock files aside)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and p.name != ".lock")


def chatstream_style_loop(
    model: Any, sampler: Any, prompt_ids: list[int], new_tokens: int
) -> list[int]:
    """ChatStream's manual loop: one forward call and one ``do_sample`` per generated token."""
    generated: list[int] = []
    past = None
    token = 0
    with torch.no_grad():
        for step in range(new_tokens):
            if step == 0:
                out = model(input_ids=torch.as_tensor([prompt_ids]), use_cache=True)
            else:
                out = model(
                    input_ids=torch.as_tensor([[token]]), use_cache=True, past_key_values=past
                )
            past = out.past_key_values
            token = int(
                sampler.do_sample(out.logits[0][-1], top_k=None, top_p=1.0, temperature=1.0)
            )
            generated.append(token)
    return generated


def time_loop(
    model: Any, sampler: Any, prompt: list[int], new_tokens: int = NEW_TOKENS
) -> tuple[float, float]:
    """Wall-clock and thread CPU seconds for one seeded run of the loop on one prompt.

    Thread CPU time (``time.thread_time``) counts only what this thread ran, so other jobs on a
    shared machine move it far less than wall-clock time (torch runs on this one thread).
    """
    torch.manual_seed(42)
    cpu_started = time.thread_time()
    wall, _ = timed(partial(chatstream_style_loop, model, sampler, prompt, new_tokens))
    return wall, time.thread_time() - cpu_started


def overhead_of(times: dict[str, list[list[float]]], column: int) -> float:
    """The probe's overhead: median probed time over median plain time, less one.

    ``times`` maps ``plain`` and ``probe`` to ``[wall, cpu]`` totals per repeat; ``column``
    picks wall (0) or thread CPU (1) time.
    """
    probed = statistics.median(run[column] for run in times["probe"])
    return probed / statistics.median(run[column] for run in times["plain"]) - 1


def new_overhead_times() -> dict[str, list[list[float]]]:
    """Empty ``[wall, cpu]`` totals per repeat for plain and probed runs."""
    return {kind: [[0.0, 0.0] for _ in range(OVERHEAD_REPEATS)] for kind in ("plain", "probe")}


def add_loop_time(totals: list[float], measured: tuple[float, float]) -> None:
    """Add one run's ``(wall, cpu)`` to a repeat's totals."""
    totals[0] += measured[0]
    totals[1] += measured[1]


def loop_all(model: Any, sampler: Any, prompts: list[list[int]]) -> list[list[int]]:
    """The loop over every turn's prompt, seeded like ChatStream seeds each request."""
    outputs = []
    for prompt in prompts:
        torch.manual_seed(42)
        outputs.append(chatstream_style_loop(model, sampler, prompt, NEW_TOKENS))
    return outputs


def generate_all(model: Any, prompts: list[list[int]]) -> list[list[int]]:
    """Greedy ``generate`` over every turn's prompt."""
    outputs = []
    for prompt in prompts:
        ids = torch.as_tensor([prompt])
        out = model.generate(ids, max_new_tokens=NEW_TOKENS, do_sample=False)
        outputs.append(out[0, ids.shape[1] :].tolist())
    return outputs


class ChatStreamPeer:
    """ChatStream 0.3.0, called through its public API only."""

    def __init__(self, home: Path) -> None:
        os.environ["HOME"] = str(home)  # ChatStream's probe writes under ~/.cache/chatstream
        import chatstream

        self.chatstream = chatstream
        self.home = home

    def chat(self, model: Any, tokenizer: Any, sampler: Any = None, probe: bool = False) -> float:
        """Seconds for the 3-turn chat in ChatStream's console loop."""
        options: dict[str, Any] = {
            "model": model,
            "tokenizer": tokenizer,
            "device": "cpu",
            "chat_prompt_clazz": self.chatstream.ChatPromptMetaLlamaLlama2Chat,
            "max_new_tokens": NEW_TOKENS,
            "context_len": 4096,
            "num_of_concurrent_executions": 1,
            "probe_mode_enabled": probe,
        }
        if sampler is not None:
            options["token_sampler"] = sampler
        stream = self.chatstream.ChatStream(**options)

        async def turn(question: str) -> None:
            async for _ in stream.handle_console_input(question):
                pass

        started = time.perf_counter()
        for question in QUESTIONS:
            asyncio.run(turn(question))
        return time.perf_counter() - started

    def recording(self) -> Path:
        """The directory ChatStream's probe wrote last."""
        parent = self.home / ".cache" / "chatstream" / "probe_data"
        return max(parent.iterdir(), key=lambda p: p.stat().st_mtime)

    def load(self, path: Path, first_prompt: list[int]) -> Any:
        """ChatStream's MockTransformer, up to its first replayed token (it loads lazily)."""
        from chatstream.mock.mock_transformer import MockTransformer as ChatStreamMock

        mock = ChatStreamMock(path.name, parent_dir_path=str(path.parent))
        mock.get_tokenizer()
        chatstream_style_loop(mock.get_model(), mock.get_token_sampler(), first_prompt, 1)
        return mock


def short(error: BaseException) -> str:
    """An exception's message on one line, shortened in the middle."""
    text = " ".join(str(error).split())
    return text if len(text) <= 220 else f"{text[:90]} … {text[-120:]}"


def fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    """A number for the table, or n/a."""
    return "n/a" if value is None else f"{value:,.{digits}f}{unit}"


def ratio(numerator: float | None, denominator: float | None, digits: int = 0) -> str:
    """``a/b ×`` for the table, or n/a."""
    if numerator is None or not denominator:
        return "n/a"
    return f"{numerator / denominator:,.{digits}f}×"


def main() -> None:
    """Run the comparison, print the table and write it into RESULTS.md."""
    torch.set_num_threads(1)  # steadier timings on a shared machine; the same for every peer
    work = Path(tempfile.mkdtemp(prefix="bench-mock-"))
    model, tokenizer = tiny_llama(), llama2_tokenizer()
    notes: list[str] = []
    peer: ChatStreamPeer | None = None
    try:
        peer = ChatStreamPeer(work / "chatstream-home")
    except Exception as error:  # ChatStream missing or broken: measure ours only
        notes.append(f"ChatStream 0.3.0 could not be imported: {error!r}")

    warm_up = [tokenizer("<s>[INST] warm up [/INST]").input_ids]
    for _ in range(2):
        torch.manual_seed(0)
        chatstream_style_loop(model, TokenSampler(), warm_up[0], 16)
        model.generate(torch.as_tensor(warm_up), max_new_tokens=16, do_sample=False)

    # 1. Record the same chat with both probes, in ChatStream's loop when it runs.
    ours = work / "ours" / "chat"
    cs_path: Path | None = None
    cs_real_s = cs_probe_s = None
    if peer is not None:
        try:
            sampler = peer.chatstream.TokenSamplerIsok()
            peer.chat(model, tokenizer, sampler)  # warm-up
            cs_probe_s = peer.chat(model, tokenizer, sampler, probe=True)
            cs_real_s = peer.chat(model, tokenizer, sampler)
            cs_path = peer.recording()
            with ProbeTransformer(model, tokenizer, ours.name, ours.parent) as probe:
                peer.chat(
                    probe.get_model(), probe.get_tokenizer(), probe.get_token_sampler(sampler)
                )
        except Exception:
            notes.append("ChatStream's chat loop failed: " + traceback.format_exc(limit=2))
            peer = None
    if not ours.exists():
        prompts = [tokenizer(f"<s>[INST] {q} [/INST]").input_ids for q in QUESTIONS]
        with ProbeTransformer(model, tokenizer, ours.name, ours.parent) as probe:
            loop_all(probe.get_model(), probe.get_token_sampler(), prompts)
    recording = Recording.load(ours)
    prompts = [list(e.prompt_ids) for e in recording.episodes]
    recorded = [list(e.generated_ids) for e in recording.episodes]
    tokens = sum(len(g) for g in recorded)

    # 2. Size per generated token.
    ours_bytes = directory_bytes(ours) / tokens
    cs_bytes = directory_bytes(cs_path) / tokens if cs_path else None

    # 3. Load time (median of REPEATS).
    def load_ours() -> MockTransformer:
        mock = MockTransformer(ours.name, ours.parent)
        mock.get_tokenizer()
        chatstream_style_loop(mock.get_model(), mock.get_token_sampler(), prompts[0], 1)
        return mock

    ours_load = median_time(load_ours)
    floor = parse_floor(ours)
    cs_load = None
    cs_mock: Any = None
    if peer is not None and cs_path is not None:
        try:
            loads = []
            for _ in range(REPEATS):
                cs_mock = None
                gc.collect()
                seconds, cs_mock = timed(lambda: peer.load(cs_path, prompts[0]))
                loads.append(seconds)
            cs_load = statistics.median(loads)
        except Exception:
            notes.append(
                "ChatStream's MockTransformer failed to load: " + traceback.format_exc(limit=2)
            )

    # 4. Replay speed in the same ChatStream-style loop (medians of REPEATS).
    ours_mock = MockTransformer(ours.name, ours.parent)
    replayed = loop_all(ours_mock.get_model(), ours_mock.get_token_sampler(), prompts)
    if replayed != recorded:
        notes.append("our replay differs from the recording (this is a bug)")
    ours_s = median_time(
        lambda: loop_all(ours_mock.get_model(), ours_mock.get_token_sampler(), prompts)
    )
    cs_s = None
    if cs_mock is not None:
        try:
            cs_s = median_time(
                lambda: loop_all(cs_mock.get_model(), cs_mock.get_token_sampler(), prompts)
            )
        except Exception as error:
            notes.append(
                "ChatStream's MockTransformer could not replay its own recording in the loop: "
                f"{type(error).__name__}: {short(error)}"
            )
        try:
            asked = cs_mock.get_tokenizer()
            peer.chat(cs_mock.get_model(), asked, cs_mock.get_token_sampler())  # type: ignore[union-attr]
        except Exception as error:
            notes.append(
                "ChatStream's MockTransformer replays in the manual loop above, but not in "
                f"ChatStream's own chat loop: {type(error).__name__}: {short(error)}"
            )

    # 5. generate() and the probe's overhead: plain and probed runs alternate prompt by prompt
    #    (the order flips every repeat), so slow drifts of a shared machine hit both alike.
    generated_dir = work / "ours" / "generate"
    loop_times = new_overhead_times()
    gen_times = {"plain": [0.0] * OVERHEAD_REPEATS, "probe": [0.0] * OVERHEAD_REPEATS}
    real_generated: list[list[int]] = []
    for index in range(OVERHEAD_REPEATS):
        name = generated_dir.name if index == 0 else f"overhead{index}"
        with ProbeTransformer(model, tokenizer, name, generated_dir.parent) as probe:
            peers, order = overhead_peers(model, probe, index)
            for prompt in prompts:
                for kind in order:
                    peer_model, sampler = peers[kind]
                    add_loop_time(loop_times[kind][index], time_loop(peer_model, sampler, prompt))
                    seconds, output = timed(partial(generate_all, peer_model, [prompt]))
                    gen_times[kind][index] += seconds
                    if index == 0 and kind == "plain":
                        real_generated.extend(output)
    real_s = statistics.median(run[0] for run in loop_times["plain"])
    real_gen_s = statistics.median(gen_times["plain"])
    overhead, overhead_cpu = overhead_of(loop_times, 0), overhead_of(loop_times, 1)
    gen_overhead = statistics.median(gen_times["probe"]) / real_gen_s - 1
    gen_mock = MockTransformer(generated_dir.name, generated_dir.parent)
    mock_generated = generate_all(gen_mock.get_model(), prompts)
    if mock_generated != real_generated:
        notes.append("generate() replay differs from the real generate() (this is a bug)")
    mock_gen_s = median_time(lambda: generate_all(gen_mock.get_model(), prompts))
    gen_tokens = sum(len(g) for g in real_generated)

    real_tps = tokens / real_s
    ours_tps = tokens / ours_s
    cs_tps = tokens / cs_s if cs_s else None
    rows = [
        ("measure", "transformer_mock", "ChatStream 0.3.0", "ratio", "target"),
        (
            "recording bytes per generated token",
            fmt(ours_bytes, " B"),
            fmt(cs_bytes, " B"),
            "n/a" if cs_bytes is None else f"{100 * ours_bytes / cs_bytes:.2f} %",
            "≤ 1 %",
        ),
        (
            f"load the recording ({tokens} generated tokens) up to the first replayed token",
            fmt(ours_load * 1000, " ms", 2),
            fmt(None if cs_load is None else cs_load * 1000, " ms", 2),
            ratio(cs_load, ours_load) + (" faster" if cs_load else ""),
            "≥ 100× faster",
        ),
        (
            "load vs the parse floor (read + `json.loads` of the same files)",
            f"{fmt(ours_load * 1000, ' ms', 2)} vs {fmt(floor * 1000, ' ms', 2)}",
            "",
            ratio(ours_load, floor, 1),
            "≤ 3×",
        ),
        (
            "replay tokens/s, ChatStream-style loop",
            fmt(ours_tps, "", 0),
            fmt(cs_tps, "", 0),
            ratio(ours_tps, cs_tps, 1),
            "faster than ChatStream's mock",
        ),
        (
            "replay vs tiny 2-layer Llama, same loop",
            f"{fmt(ours_tps, '', 0)} vs {fmt(real_tps, '', 0)} tokens/s",
            "",
            ratio(ours_tps, real_tps),
            "≥ 50×",
        ),
        (
            "`generate()` tokens/s, mock vs tiny Llama",
            f"{fmt(gen_tokens / mock_gen_s, '', 0)} vs {fmt(gen_tokens / real_gen_s, '', 0)}",
            "",
            ratio(real_gen_s, mock_gen_s, 1),
            "faster",
        ),
        (
            "probe overhead on real generation (ChatStream-style loop), wall-clock / thread CPU",
            f"{100 * overhead:+.1f} % / {100 * overhead_cpu:+.1f} %",
            "n/a"
            if cs_probe_s is None or cs_real_s is None
            else f"{100 * (cs_probe_s / cs_real_s - 1):+.1f} % (in its own chat loop)",
            "",
            "≤ 5 %",
        ),
        (
            "probe overhead on real `generate()`",
            f"{100 * gen_overhead:+.1f} %",
            "",
            "",
            "≤ 5 %",
        ),
    ]
    table = "\n".join(
        "| " + " | ".join(row) + " |" + ("\n| --- | --- | --- | --- | --- |" if i == 0 else "")
        for i, row in enumerate(rows)
    )
    environment = (
        f"Python {platform.python_version()}, torch {torch.__version__}, transformers "
        f"{transformers.__version__}, {os.cpu_count()} CPUs ({platform.machine()}), "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}. "
        f"{len(QUESTIONS)} turns × {NEW_TOKENS} tokens. Timings are "
        f"medians of {REPEATS} runs after a warm-up ({OVERHEAD_REPEATS} for the probe overhead, "
        "plain and probed runs alternating prompt by prompt), torch on one thread, on a shared "
        "2-core machine: compare ratios, not absolute times (they move by 10-20 % between "
        "runs; ChatStream's load time most)."
    )
    section = "\n".join(
        [
            START,
            "### transformer_mock vs ChatStream 0.3.0 (`benchmarks/bench_mock.py`)",
            "",
            environment,
            "",
            table,
            "",
            *(f"- {note.strip()}" for note in notes),
            END,
        ]
    )
    print(section)
    write_section(section)


def progress(step: str) -> None:
    """Say on stderr which step runs (the quick run takes a few minutes)."""
    print(f"[bench_mock] {time.strftime('%H:%M:%S')} {step}", file=sys.stderr, flush=True)


def quick() -> None:
    """Our load (against the parse floor) and the probe overhead only, in minutes."""
    torch.set_num_threads(1)
    work = Path(tempfile.mkdtemp(prefix="bench-mock-quick-"))
    model, tokenizer = tiny_llama(), llama2_tokenizer()
    prompts = [tokenizer(f"<s>[INST] {q} [/INST]").input_ids for q in QUESTIONS]
    torch.manual_seed(0)
    chatstream_style_loop(model, TokenSampler(), prompts[0], 16)  # warm-up
    ours = work / "ours" / "chat"
    progress(f"recording {len(QUESTIONS)} turns × {NEW_TOKENS} tokens")
    with ProbeTransformer(model, tokenizer, ours.name, ours.parent) as probe:
        loop_all(probe.get_model(), probe.get_token_sampler(), prompts)
    progress("loading")
    recorded = Recording.load(ours)
    first = list(recorded.episodes[0].prompt_ids)
    tokens = sum(len(e.generated_ids) for e in recorded.episodes)

    def load_ours() -> MockTransformer:
        mock = MockTransformer(ours.name, ours.parent)
        mock.get_tokenizer()
        chatstream_style_loop(mock.get_model(), mock.get_token_sampler(), first, 1)
        return mock

    ours_load = median_time(load_ours)
    recording_load = median_time(lambda: Recording.load(ours))
    floor = parse_floor(ours)
    progress(f"probe overhead, {OVERHEAD_REPEATS} × {QUICK_OVERHEAD_TOKENS} tokens per turn")
    times = new_overhead_times()
    for index in range(OVERHEAD_REPEATS):
        with ProbeTransformer(model, tokenizer, f"overhead{index}", work / "ours") as probe:
            peers, order = overhead_peers(model, probe, index)
            for prompt in prompts:
                for kind in order:
                    measured = time_loop(*peers[kind], prompt, QUICK_OVERHEAD_TOKENS)
                    add_loop_time(times[kind][index], measured)
    overhead, overhead_cpu = overhead_of(times, 0), overhead_of(times, 1)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = [
        ("measure", "value", "target"),
        (
            f"load up to the first replayed token ({tokens} generated tokens)",
            fmt(ours_load * 1000, " ms", 2),
            "",
        ),
        ("`Recording.load` alone", fmt(recording_load * 1000, " ms", 2), ""),
        ("parse floor (read + `json.loads` of the same files)", fmt(floor * 1000, " ms", 2), ""),
        ("load / parse floor", ratio(ours_load, floor, 1), "≤ 3×"),
        ("`Recording.load` / parse floor", ratio(recording_load, floor, 1), ""),
        (
            f"probe overhead, ChatStream-style loop, {QUICK_OVERHEAD_TOKENS} tokens per turn "
            "(each token written as it is sampled), thread CPU time",
            f"{100 * overhead_cpu:+.1f} %",
            "≤ 5 %",
        ),
        ("the same, wall-clock time", f"{100 * overhead:+.1f} %", "≤ 5 %"),
    ]
    table = "\n".join(
        "| " + " | ".join(row) + " |" + ("\n| --- | --- | --- |" if i == 0 else "")
        for i, row in enumerate(rows)
    )
    section = "\n".join(
        [
            QUICK_START,
            "### transformer_mock load and probe overhead (`bench_mock.py --quick`)",
            "",
            f"Python {platform.python_version()}, torch {torch.__version__}, {os.cpu_count()} "
            f"CPUs, {time.strftime('%Y-%m-%d', time.gmtime())}. {len(QUESTIONS)} turns × "
            f"{NEW_TOKENS} tokens; medians of {REPEATS} loads and {OVERHEAD_REPEATS} overhead "
            "runs (plain and probed alternating), torch on one thread, shared machine "
            f"(1-minute load average {load:.1f} at the end of the overhead runs). "
            "ChatStream's load is measured by the full run.",
            "",
            table,
            QUICK_END,
        ]
    )
    print(section)
    write_section(section, QUICK_START, QUICK_END)


def write_section(section: str, start: str = START, end: str = END) -> None:
    """Replace this benchmark's section of RESULTS.md (between its markers), keeping the rest."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if "--quick" in sys.argv[1:]:
        quick()
    else:
        main()
