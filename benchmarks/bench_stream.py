"""Streaming 2,000 generated ids to text: ResponseStream against the usual ways.

Peers, on the same ids of mixed Japanese / English / emoji text (the real Llama-2-family
tokenizer, with byte-fallback pieces):

- ``ResponseStream`` (what the library picks for this tokenizer: the piece table), also with
  stop strings and a replacement, and its other two methods forced (``DecodeStream``, offset);
- re-decoding all ids after every token (ChatStream's way);
- transformers' ``TextIteratorStreamer`` fed with ``put``;
- one batch decode (the lower bound).

Prints a table (median of 5 runs) and writes it into ``benchmarks/RESULTS.md`` between the
``bench_stream`` markers. Run: ``python benchmarks/bench_stream.py``.
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

from chatprompt import ResponseStream
from chatprompt._detok import (
    DecodeStreamDetokenizer,
    Detokenizer,
    OffsetDetokenizer,
    TokenClasses,
)
from local_models import llama2_tokenizer

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

    fresh = llama2_tokenizer()
    start = time.perf_counter()
    ResponseStream(fresh)  # a tokenizer object not seen yet: builds its piece table
    table_ms = (time.perf_counter() - start) * 1000
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
        "table ms": table_ms,
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
        f"- Once per tokenizer object, the first ResponseStream builds the piece table: "
        f"{facts['table ms']:.0f} ms (not in the figures above).",
    ]
    return "\n".join(lines)


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
    text = table(rows, facts)
    print(text)
    write_results(text)


if __name__ == "__main__":
    main()
