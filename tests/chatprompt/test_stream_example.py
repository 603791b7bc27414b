"""The streaming loop example runs end to end and yields what ChatStream's generator yields."""

from __future__ import annotations

import asyncio

import streaming_loop


def test_streaming_loop_yields_growing_response_new_piece_and_position() -> None:
    answer, steps = asyncio.run(streaming_loop.chat(max_new_tokens=16))

    assert ["begin"] + ["mid"] * (len(steps) - 2) + ["end"] == [pos for _, _, pos in steps]
    assert answer == "".join(piece for _, piece, _ in steps)
    shown = ""
    for response_text, piece, _ in steps:
        shown += piece
        assert shown == response_text
