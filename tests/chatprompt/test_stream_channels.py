"""ResponseStream splits answer, reasoning and tool calls token by token, on real tokenizers.

The invariants hold for the Llama-2-family sentencepiece tokenizer and Mistral's tekken
byte-level BPE, with the markers as plain text split across tokens and as added special
tokens: each channel's deltas concatenate to its final value, the final values equal the
one-shot parse of the decoded output, what a channel has shown is never taken back (so no
partial marker and no half character is ever shown), and no U+FFFD appears that the final text
does not have.
"""

from __future__ import annotations

import functools
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatprompt import ResponseStream
from chatprompt import _output_formats as formats
from chatprompt._output_format import OutputFormat
from chatprompt._parse import parse_output
from chatprompt._response import ParsedResponse, StreamDelta, merge_tool_calls
from chatprompt.presets import ChatMLChatPrompt
from local_models import llama2_tokenizer, tekken_tokenizer
from tests.chatprompt.test_channels import CASES

MARKERS = ["<think>", "</think>", "<tool_call>", "</tool_call>"]


@functools.cache
def llama() -> Any:
    """The Llama-2-family tokenizer, with the Qwen3 markers as added special tokens."""
    tokenizer = llama2_tokenizer()
    tokenizer.add_special_tokens({"additional_special_tokens": MARKERS})
    return tokenizer


@functools.cache
def tekken() -> Any:
    """Mistral's tekken byte-level BPE (from the mistral-common wheel), markers added too."""
    tokenizer = tekken_tokenizer()
    tokenizer.add_special_tokens({"additional_special_tokens": MARKERS})
    return tokenizer


TOKENIZERS = {"llama": llama, "tekken": tekken}

FRAGMENTS = st.sampled_from(
    [
        *MARKERS,
        "浅草寺は東京にあります。",
        "🦜😀🙏",
        " ",
        "\n\n",
        "考え中🤔",
        "<th",
        "</",
        'Hello, "world"',
        '{"name": "get_weather", "arguments": {"city": "東京"}}',
        '{"name": "f", "arguments": {',
    ]
)


def encode(tokenizer: Any, text: str, *, special_markers: bool) -> list[int]:
    ids = tokenizer.encode(text, add_special_tokens=False, split_special_tokens=not special_markers)
    return [int(i) for i in ids]


def stream_all(stream: ResponseStream, ids: list[int]) -> list[StreamDelta]:
    return [*(stream.push_delta(i) for i in ids), stream.finish_delta()]


def joined(deltas: list[StreamDelta]) -> ParsedResponse:
    return ParsedResponse(
        "".join(d.content for d in deltas),
        "".join(d.reasoning for d in deltas),
        merge_tool_calls(call for d in deltas for call in d.tool_calls),
    )


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
@pytest.mark.parametrize("special_markers", [False, True], ids=["plain", "special"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(FRAGMENTS, max_size=12))
def test_channels_stream_the_one_shot_parse(
    name: str, special_markers: bool, parts: list[str]
) -> None:
    tokenizer = TOKENIZERS[name]()
    ids = encode(tokenizer, "".join(parts), special_markers=special_markers)
    stream = ResponseStream(tokenizer, output_format=formats.QWEN3, eos_token_ids=())
    deltas = stream_all(stream, ids)

    decoded = tokenizer.decode(ids, skip_special_tokens=False)
    expected = parse_output(decoded, output_format=formats.QWEN3)
    assert expected == joined(deltas)
    assert expected == ParsedResponse(stream.text, stream.reasoning, stream.tool_calls)
    shown_content = shown_reasoning = ""
    for delta in deltas:  # never taken back: each step extends what was shown
        shown_content += delta.content
        shown_reasoning += delta.reasoning
        assert expected.content.startswith(shown_content)
        assert expected.reasoning.startswith(shown_reasoning)
    assert ("\ufffd" in expected.content) == ("\ufffd" in decoded)


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_text_sharing_a_token_with_the_closing_marker_reaches_the_answer(name: str) -> None:
    # With tekken, '>\n\n' is one token: the answer's "\n\n" and the marker's ">" share it.
    tokenizer = TOKENIZERS[name]()
    ids = encode(tokenizer, "<think>\n考え中🤔\n</think>\n\n答え😀", special_markers=False)
    stream = ResponseStream(tokenizer, output_format=formats.QWEN3, eos_token_ids=())
    deltas = stream_all(stream, ids)
    assert ParsedResponse("答え😀", "考え中🤔") == joined(deltas)


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_special_token_markers_are_seen_though_special_tokens_are_skipped(name: str) -> None:
    tokenizer = TOKENIZERS[name]()
    ids = encode(tokenizer, "<think>考え中</think>答え🎉", special_markers=True)
    assert "考え中答え🎉" == tokenizer.decode(ids, skip_special_tokens=True)
    stream = ResponseStream(tokenizer, output_format=formats.QWEN3, eos_token_ids=())
    assert "答え🎉" == "".join(stream.push(i) for i in ids) + stream.finish()
    assert "考え中" == stream.reasoning


def test_a_tool_call_is_announced_by_name_before_its_arguments_end() -> None:
    tokenizer = llama()
    text = (
        '<tool_call>\n{"name": "get_weather", "arguments": {"city": "東京", "days": 3}}\n'
        "</tool_call>"
    )
    stream = ResponseStream(tokenizer, output_format=formats.QWEN3, eos_token_ids=())
    announced_at = completed_at = None
    for step, token_id in enumerate(encode(tokenizer, text, special_markers=True)):
        for call in stream.push_delta(token_id).tool_calls:
            if call.name is not None and announced_at is None:
                announced_at = step
            if call.arguments is not None:
                completed_at = step
    assert announced_at is not None
    assert completed_at is not None
    assert announced_at < completed_at
    ((name, arguments),) = [(c.name, c.arguments) for c in stream.tool_calls]
    assert ("get_weather", {"city": "東京", "days": 3}) == (name, arguments)


class QwenLikeChatPrompt(ChatMLChatPrompt):
    """A ChatML preset that reasons in <think> and calls tools (no names: not registered)."""

    output_format: ClassVar[OutputFormat | None] = formats.QWEN3
    stop_strs: ClassVar[tuple[str, ...]] = ("<|im_end|>",)
    output_replacements: ClassVar[tuple[tuple[str, str], ...]] = (("東京", "Tokyo"),)


def test_for_prompt_reads_the_presets_format_stop_strings_and_replacements() -> None:
    tokenizer = llama()
    preset = QwenLikeChatPrompt()
    output = "<think>東京の天気</think>東京は晴れ☀️<|im_end|>ignored"
    ids = encode(tokenizer, output, special_markers=True)
    stream = ResponseStream.for_prompt(tokenizer, preset, eos_token_ids=())
    deltas = stream_all(stream, ids)
    assert ParsedResponse("Tokyoは晴れ☀️", "東京の天気") == joined(deltas)
    assert stream.stopped
    decoded = tokenizer.decode(ids, skip_special_tokens=False)
    assert preset.parse_response(decoded) == joined(deltas)


def test_a_prompt_that_opens_the_reasoning_starts_the_stream_inside_it() -> None:
    tokenizer = llama()
    prompt_ids = encode(tokenizer, "<|im_start|>assistant\n<think>\n", special_markers=True)
    ids = encode(tokenizer, "考え中\n</think>\n\n答え", special_markers=True)
    stream = ResponseStream.for_prompt(
        tokenizer, QwenLikeChatPrompt(), prompt_ids=prompt_ids, eos_token_ids=()
    )
    assert ParsedResponse("答え", "考え中") == joined(stream_all(stream, ids))


def test_without_an_output_format_everything_is_answer() -> None:
    tokenizer = llama()
    ids = encode(tokenizer, "<think>x</think>y", special_markers=False)
    stream = ResponseStream(tokenizer, eos_token_ids=())
    deltas = stream_all(stream, ids)
    assert ParsedResponse("<think>x</think>y") == joined(deltas)


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
@pytest.mark.parametrize(
    ("format_name", "text"),
    [(case[0], case[1]) for case in CASES],
    ids=[f"{case[0]}-{index}" for index, case in enumerate(CASES)],
)
def test_every_declared_format_streams_its_one_shot_parse(
    name: str, format_name: str, text: str
) -> None:
    tokenizer = TOKENIZERS[name]()
    output_format = getattr(formats, format_name)
    ids = encode(tokenizer, text, special_markers=False)
    stream = ResponseStream(tokenizer, output_format=output_format, eos_token_ids=())
    deltas = stream_all(stream, ids)
    decoded = tokenizer.decode(ids, skip_special_tokens=False)
    assert parse_output(decoded, output_format=output_format) == joined(deltas)
    assert all(call.error is None for call in stream.tool_calls)
