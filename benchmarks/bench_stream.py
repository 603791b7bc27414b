"""Streaming 2,000 generated ids to text: ResponseStream against the usual ways.

Peers, on the same ids of mixed Japanese / English / emoji text (the real Llama-2-family
tokenizer, with byte-fallback pieces):

- ``ResponseStream`` (what the library picks for this tokenizer: the piece table), also with
  stop strings and a replacement, and its other two methods forced (``DecodeStream``, offset);
- re-decoding all ids after every token (ChatStream's way);
- transformers' ``TextIteratorStreamer`` fed with ``put``;
- one batch decode (the lower bound).

Then a reasoning + tool-call stream (``push_delta`` with Qwen3's output format) against the same
ids in one channel, and the first stream on a new tokenizer object (what a server pays on its
first request and a test suite on every tokenizer it builds), for the Llama-2-family tokenizer
(32,000 ids) and Mistral Nemo's tekken (131,072 ids): ``ResponseStream(tokenizer)`` plus the
first push, and the whole first stream, next to the same stream on a tokenizer already used and
one batch decode.

Prints the tables (median of 5 runs) and writes them into ``benchmarks/RESULTS.md`` between the
``bench_stream`` markers (``--no-write``: print only). Run: ``python benchmarks/bench_stream.py``.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

from chatprompt import ResponseStream
from chatprompt._detok import (
    DecodeStreamDetokenizer,
    Detokenizer,
    OffsetDetokenizer,
    TokenClasses,
)
from local_models import llama2_tokenizer, tekken_tokenizer

TOKENS = 2000
RUNS = 5
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
START, END = "<!-- bench_stream:start -->", "<!-- bench_stream:end -->"
FRAGMENTS = [
    "東京の浅草寺は",
    "日本で最も古いお寺のひとつです。",
    " The temple was founded in 645",
    " and rebuilt after the war.",
    " 🦜",
    " 🙏",
    " 𠮷野家",
    " ꙮ",
    "\n",
    " 雷門をくぐると、",
    "仲見世通りが続きます。",
    " Hello, world!",
]


def generated_ids(tokenizer: Any) -> list[int]:
    rng = random.Random(0)
    ids: list[int] = []
    while len(ids) < TOKENS:
        ids += tokenizer.encode(rng.choice(FRAGMENTS), add_special_tokens=False)
    return ids[:TOKENS]


def median_ms(run: Callable[[], str]) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(RUNS):
        start = time.perf_counter()
        text = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), text


def response_stream(tokenizer: Any, ids: Sequence[int], **kwargs: Any) -> Callable[[], str]:
    def run() -> str:
        stream = ResponseStream(tokenizer, **kwargs)
        push = stream.push
        pieces = [push(token_id) for token_id in ids]
        pieces.append(stream.finish())
        return "".join(pieces)

    return run


def detokenizer(make: Callable[[], Detokenizer], ids: Sequence[int]) -> Callable[[], str]:
    def run() -> str:
        detok = make()
        pieces = [detok.push(token_id) for token_id in ids]
        return "".join(pieces) + detok.flush()

    return run


def redecode_all(tokenizer: Any, ids: Sequence[int]) -> Callable[[], str]:
    """Decode all ids so far after each token; show what is longer than last time."""

    def run() -> str:
        pieces, previous = [], ""
        for count in range(1, len(ids) + 1):
            text = tokenizer.decode(ids[:count], skip_special_tokens=True)
            pieces.append(text[len(previous) :])
            previous = text
        return "".join(pieces)

    return run


def text_iterator_streamer(tokenizer: Any, ids: Sequence[int]) -> Callable[[], str]:
    import torch
    from transformers import TextIteratorStreamer

    tensors = [torch.tensor([token_id]) for token_id in ids]

    def run() -> str:
        streamer = TextIteratorStreamer(tokenizer, skip_special_tokens=True)
        for tensor in tensors:
            streamer.put(tensor)
        streamer.end()
        pieces = []
        while (piece := streamer.text_queue.get()) is not streamer.stop_signal:
            pieces.append(piece)
        return "".join(pieces)

    return run


def measure() -> tuple[list[tuple[str, float, str]], dict[str, float]]:
    tokenizer = llama2_tokenizer()
    ids = generated_ids(tokenizer)
    expected = tokenizer.decode(ids, skip_special_tokens=True)
    stops = {"stop_strs": ["\n<human>:", "ユーザー:"], "replacements": [("<NL>", "\n")]}
    classes = TokenClasses.of(tokenizer, True)
    backend = tokenizer.backend_tokenizer

    def decode(window: Sequence[int]) -> str:
        return str(backend.decode(list(window), skip_special_tokens=True))

    peers = {
        "ResponseStream": response_stream(tokenizer, ids),
        "ResponseStream + 2 stop strings + 1 replacement": response_stream(tokenizer, ids, **stops),
        "its DecodeStream method, forced": detokenizer(
            lambda: DecodeStreamDetokenizer(backend, True, classes), ids
        ),
        "its offset method, forced": detokenizer(lambda: OffsetDetokenizer(decode, classes), ids),
        "re-decode all ids per token (ChatStream)": redecode_all(tokenizer, ids),
        "TextIteratorStreamer.put": text_iterator_streamer(tokenizer, ids),
        "one batch decode": lambda: str(tokenizer.decode(ids, skip_special_tokens=True)),
    }
    rows = []
    for name, run in peers.items():
        ms, text = median_ms(run)
        rows.append((name, ms, verdict(text, expected)))
    facts = {
        "characters": float(len(expected)),
        "byte pieces": float(sum(3 <= i <= 258 for i in ids)),
    }
    return rows, facts


def verdict(text: str, expected: str) -> str:
    if text == expected:
        return "exact"
    extra_fffd = text.count("\ufffd") - expected.count("\ufffd")
    return f"wrong: {extra_fffd} extra U+FFFD, length off by {len(text) - len(expected):+d}"


def table(rows: list[tuple[str, float, str]], facts: dict[str, float]) -> str:
    ms = {name: value for name, value, _ in rows}
    ours, batch = ms["ResponseStream"], ms["one batch decode"]
    redecode = ms["re-decode all ids per token (ChatStream)"]
    lines = [
        f"Streaming {TOKENS:,} generated ids ({facts['characters']:,.0f} characters, "
        f"{facts['byte pieces']:,.0f} byte-fallback pieces) of mixed Japanese / English / emoji "
        f"text with the Llama-2-family tokenizer, median of {RUNS} runs, CPU; Python "
        f"{platform.python_version()}, {platform.machine()}.",
        "",
        "| method | total (ms) | per token (µs) | vs ResponseStream | output |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, value, result in rows:
        lines.append(
            f"| {name} | {value:.2f} | {value * 1000 / TOKENS:.2f} | "
            f"{value / ours:.2f}× | {result} |"
        )
    lines += [
        "",
        f"- Re-decoding per token / ResponseStream: **{redecode / ours:.0f}×** (target ≥ 50×).",
        f"- ResponseStream / one batch decode: **{ours / batch:.2f}×** (target ≤ 5×).",
        "- The figures above are for a tokenizer object already used; its first stream is below.",
    ]
    return "\n".join(lines)


class FirstStream(NamedTuple):
    """The first stream on new objects of one tokenizer, against the same work on a used one."""

    tokenizer: str
    start_ms: float
    """``ResponseStream(tokenizer)`` and its first push, on a new tokenizer object."""
    start_cpu_ms: float
    """The same, in CPU time of this process."""
    whole_ms: float
    """The whole first stream of the ids (start, every push, finish) on a new object."""
    used_ms: float
    """The same whole stream on a tokenizer object already used."""
    batch_ms: float
    """One batch decode of the ids."""
    output: str


def first_stream(name: str, make: Callable[[], Any]) -> FirstStream:
    """Median over new tokenizer objects (each made first, untimed) of the first stream."""
    used = make()
    ids = generated_ids(used)
    expected = used.decode(ids, skip_special_tokens=True)
    response_stream(used, ids)()  # its first stream: from now on it is a used object
    used_ms, _ = median_ms(response_stream(used, ids))
    batch_ms, _ = median_ms(lambda: str(used.decode(ids, skip_special_tokens=True)))
    runs = [stream_on_new_object(make, ids) for _ in range(RUNS)]
    texts = [text for *_, text in runs]
    wrong = [verdict(text, expected) for text in texts if text != expected]
    return FirstStream(
        name,
        statistics.median(start for start, *_ in runs),
        statistics.median(cpu for _, cpu, *_ in runs),
        statistics.median(whole for _, _, whole, _ in runs),
        used_ms,
        batch_ms,
        wrong[0] if wrong else "exact",
    )


def stream_on_new_object(
    make: Callable[[], Any], ids: Sequence[int]
) -> tuple[float, float, float, str]:
    """ms to the first push's return (wall clock, then CPU time of this process: on a shared
    machine the wall clock also counts waiting for a core), ms to the end, and the text, on a
    tokenizer made here.

    The tokenizer and its stream are freed on return, untimed: freeing a tokenizer's vocabulary
    takes tens of ms, which a timed assignment over the previous run's stream would count.
    """
    fresh = make()
    gc.collect()
    begin, begin_cpu = time.perf_counter(), time.process_time()
    stream = ResponseStream(fresh)
    pieces = [stream.push(ids[0])]
    started, started_cpu = time.perf_counter(), time.process_time()
    pieces += [stream.push(token_id) for token_id in ids[1:]]
    pieces.append(stream.finish())
    ended = time.perf_counter()
    return (
        (started - begin) * 1000,
        (started_cpu - begin_cpu) * 1000,
        (ended - begin) * 1000,
        "".join(pieces),
    )


def first_stream_table(rows: list[FirstStream]) -> str:
    lines = [
        f"First stream on a new tokenizer object (what a server pays on its first request, a "
        f"test suite on every tokenizer it builds): {TOKENS:,} ids of the same text, each "
        f"tokenizer's own, median over {RUNS} new objects (each loaded first, untimed); load "
        f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs when it ended.",
        "",
        "| tokenizer | `ResponseStream` + first push, new object (ms) | the same, CPU time (ms) "
        "| whole first stream, new object (ms) | same stream, used object (ms) | "
        "one batch decode (ms) | start / batch decode | output |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.tokenizer} | {row.start_ms:.2f} | {row.start_cpu_ms:.2f} | "
            f"{row.whole_ms:.2f} | {row.used_ms:.2f} | "
            f"{row.batch_ms:.2f} | {row.start_ms / row.batch_ms:.2f}× | {row.output} |"
        )
    slowest = max(row.start_ms for row in rows)
    lines += [
        "",
        f"- Slowest start on a new tokenizer object: **{slowest:.2f} ms** (target < 5 ms).",
    ]
    return "\n".join(lines)


CHANNEL_TURN = (
    "<think>\nユーザーは浅草寺への行き方と天気を聞いている🤔 First the weather, then the route. "
    "雷門から仲見世通りへ。\n</think>\n\n"
    "調べますね🙏 The temple is a short walk from Asakusa station.\n"
    '<tool_call>\n{"name": "get_weather", "arguments": {"city": "東京", "days": 3}}\n</tool_call>'
)


def channel_stream(tokenizer: Any, ids: Sequence[int], **kwargs: Any) -> Callable[[], str]:
    def run() -> str:
        stream = ResponseStream(tokenizer, **kwargs)
        push = stream.push_delta
        for token_id in ids:
            push(token_id)
        stream.finish_delta()
        return f"{stream.text}|{stream.reasoning}|{stream.tool_calls}"

    return run


def channels_table() -> str:
    """A reasoning + tool-call stream (Qwen3's output format) against the same ids streamed as
    one channel with the same stop strings, per token."""
    from chatprompt import _output_formats

    tokenizer = llama2_tokenizer()
    turn = tokenizer.encode(CHANNEL_TURN, add_special_tokens=False)
    ids = (turn * (TOKENS // len(turn) + 1))[:TOKENS]
    stops = {"stop_strs": ["<|im_end|>", "<|endoftext|>"], "eos_token_ids": ()}
    plain_ms, _ = median_ms(response_stream(tokenizer, ids, **stops))
    channels_ms, _ = median_ms(
        channel_stream(tokenizer, ids, output_format=_output_formats.QWEN3, **stops)
    )
    per_token = 1000 / TOKENS
    return "\n".join(
        [
            f"Channels: {TOKENS:,} ids of a Qwen3-style turn repeated (reasoning in `<think>`, "
            "answer, a `<tool_call>` JSON block), the Llama-2-family tokenizer, Qwen3's stop "
            f"strings, median of {RUNS} runs.",
            "",
            "| stream | total (ms) | per token (µs) | vs one channel |",
            "| --- | ---: | ---: | ---: |",
            f"| `push`, one channel | {plain_ms:.2f} | {plain_ms * per_token:.2f} | 1.00× |",
            f"| `push_delta`, answer + reasoning + tool calls | {channels_ms:.2f} | "
            f"{channels_ms * per_token:.2f} | {channels_ms / plain_ms:.2f}× |",
            "",
            f"- Channels / one channel: **{channels_ms / plain_ms:.2f}×** per token (target ≤ 2×).",
        ]
    )


def write_results(text: str) -> None:
    section = f"{START}\n### Streaming (`benchmarks/bench_stream.py`)\n\n{text}\n{END}"
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        current = head + section + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(current, encoding="utf-8")


def main() -> None:
    rows, facts = measure()
    firsts = [
        first_stream("Llama-2-family (32,000 ids)", llama2_tokenizer),
        first_stream("tekken (131,072 ids)", tekken_tokenizer),
    ]
    text = table(rows, facts) + "\n\n" + channels_table() + "\n\n" + first_stream_table(firsts)
    print(text)
    if "--no-write" not in sys.argv[1:]:
        write_results(text)


if __name__ == "__main__":
    main()
