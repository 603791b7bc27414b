"""Output split into answer, reasoning and tool calls, whole and piece by piece."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt import _output_formats as formats
from chatprompt._channels import ChannelSplitter, split_output
from chatprompt._output_format import OutputFormat
from chatprompt._response import ParsedResponse, StreamDelta, ToolCall, merge_tool_calls

WEATHER = {"city": "東京"}

# (format, model output, expected content, reasoning, [(name, arguments, id)])
CASES: list[tuple[str, str, str, str, list[tuple[str, dict[str, Any], str | None]]]] = [
    (
        "QWEN3",
        '<think>\n天気を聞かれた🤔\n</think>\n\n調べます。\n<tool_call>\n{"name": "get_weather", '
        '"arguments": {"city": "東京"}}\n</tool_call>',
        "調べます。",
        "天気を聞かれた🤔",
        [("get_weather", WEATHER, None)],
    ),
    ("QWQ", "考え中\n</think>\n\n答え😀", "答え😀", "考え中", []),
    (
        "QWEN3_CODER",
        "<tool_call>\n<function=get_weather>\n<parameter=city>\n東京\n</parameter>\n"
        "<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>",
        "",
        "",
        [("get_weather", {"city": "東京", "days": 3}, None)],
    ),
    (
        "MINIMAX_M2",
        '考える\n</think>\n\n答え<minimax:tool_call>\n<invoke name="get_weather">\n'
        '<parameter name="city">東京</parameter>\n</invoke>\n</minimax:tool_call>',
        "答え",
        "考える",
        [("get_weather", WEATHER, None)],
    ),
    (
        "GLM4",
        "<think>考</think>\n答<tool_call>get_weather\n<arg_key>city</arg_key>\n"
        "<arg_value>東京</arg_value>\n</tool_call>",
        "答",
        "考",
        [("get_weather", WEATHER, None)],
    ),
    (
        "DEEPSEEK_R1",
        "考\n</think>\n\n<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>"
        'get_weather\n```json\n{"city": "東京"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
        "",
        "考",
        [("get_weather", WEATHER, None)],
    ),
    (
        "KIMI_K2",
        "調べます<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0"
        '<|tool_call_argument_begin|>{"city": "東京"}<|tool_call_end|>'
        "<|tool_calls_section_end|>",
        "調べます",
        "",
        [("get_weather", WEATHER, "functions.get_weather:0")],
    ),
    (
        "LLAMA3",
        ' {"name": "get_weather", "parameters": {"city": "東京"}}',
        "",
        "",
        [("get_weather", WEATHER, None)],
    ),
    (
        "LLAMA3",
        '<|python_tag|>brave_search.call(query="東京 天気")',
        "",
        "",
        [("brave_search", {"query": "東京 天気"}, None)],
    ),
    ("LLAMA3", 'JSON like {"name": 1} stays text', 'JSON like {"name": 1} stays text', "", []),
    (
        "MISTRAL_V3",
        '[TOOL_CALLS] [{"name": "get_weather", "arguments": {"city": "東京"}, "id": "abcdefghi"}]',
        "",
        "",
        [("get_weather", WEATHER, "abcdefghi")],
    ),
    (
        "MISTRAL_V11",
        '[TOOL_CALLS]get_weather[CALL_ID]abc123def[ARGS]{"city": "東京"}'
        '[TOOL_CALLS]get_time[ARGS]{"tz": "JST"}',
        "",
        "",
        [("get_weather", WEATHER, "abc123def"), ("get_time", {"tz": "JST"}, None)],
    ),
    ("MINISTRAL_REASONING", "[THINK]考える[/THINK]答え😀", "答え😀", "考える", []),
    (
        "NEMOTRON",
        '<think>\nr\n</think>\n<TOOLCALL>[{"name": "get_weather", "arguments": {"city": "東京"}}]'
        "</TOOLCALL>",
        "",
        "r",
        [("get_weather", WEATHER, None)],
    ),
    (
        "PHI4_MINI",
        'functools[{"name": "get_weather", "arguments": {"city": "東京"}}]',
        "",
        "",
        [("get_weather", WEATHER, None)],
    ),
    (
        "GRANITE_31",
        '<|tool_call|>[{"name": "get_weather", "arguments": {"city": "東京"}}]',
        "",
        "",
        [("get_weather", WEATHER, None)],
    ),
    (
        "GRANITE_32",
        "Here is my thought process:\n考える\n\nHere is my response:\n答え",
        "答え",
        "考える",
        [],
    ),
    ("GRANITE_33", "<think>考える</think>\n<response>答え😀</response>", "答え😀", "考える", []),
    (
        "COMMAND_R7B",
        '<|START_THINKING|>考える<|END_THINKING|><|START_ACTION|>[{"tool_call_id": "0", '
        '"tool_name": "get_weather", "parameters": {"city": "東京"}}]<|END_ACTION|>',
        "",
        "考える",
        [("get_weather", WEATHER, "0")],
    ),
    (
        "GEMMA4",
        '<|channel>thought\n考える<channel|>答え<|tool_call>call:get_weather{city:<|"|>東京, 日本'
        '<|"|>,days:3}<tool_call|>',
        "答え",
        "考える",
        [("get_weather", {"city": "東京, 日本", "days": 3}, None)],
    ),
    (
        "GPT_OSS",
        "<|channel|>analysis<|message|>考える<|end|><|start|>assistant<|channel|>commentary "
        'to=functions.get_weather <|constrain|>json<|message|>{"city":"東京"}<|call|>',
        "",
        "考える",
        [("get_weather", WEATHER, None)],
    ),
    (
        "GPT_OSS",
        "<|channel|>analysis<|message|>R<|end|><|start|>assistant<|channel|>final<|message|>"
        "答え😀<|return|>",
        "答え😀",
        "R",
        [],
    ),
]


def stream(output_format: OutputFormat, pieces: list[str]) -> list[StreamDelta]:
    splitter = ChannelSplitter(output_format)
    return [*(splitter.feed(piece) for piece in pieces), splitter.finish()]


def chunked(text: str, cuts: set[int]) -> list[str]:
    bounds = sorted(cuts)
    return [text[a:b] for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True) if a < b]


def joined(deltas: list[StreamDelta]) -> ParsedResponse:
    return ParsedResponse(
        content="".join(d.content for d in deltas),
        reasoning="".join(d.reasoning for d in deltas),
        tool_calls=merge_tool_calls(call for d in deltas for call in d.tool_calls),
    )


@pytest.mark.parametrize(
    ("name", "text", "content", "reasoning", "calls"),
    CASES,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(CASES)],
)
def test_each_format_splits_its_output(
    name: str, text: str, content: str, reasoning: str, calls: list[tuple[str, Any, Any]]
) -> None:
    parsed = split_output(getattr(formats, name), text)
    assert content == parsed.content
    assert reasoning == parsed.reasoning
    assert calls == [(call.name, call.arguments, call.id) for call in parsed.tool_calls]
    assert all(call.error is None for call in parsed.tool_calls)


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(CASES), data=st.data())
def test_any_chunking_streams_the_one_shot_split(case: Any, data: st.DataObject) -> None:
    name, text = case[0], case[1]
    pieces = chunked(text, data.draw(st.sets(st.integers(1, max(1, len(text) - 1)))))
    output_format = getattr(formats, name)
    assert split_output(output_format, text) == joined(stream(output_format, pieces))


FRAGMENTS = st.sampled_from(
    [
        "<think>",
        "</think>",
        "<tool_call>",
        "</tool_call>",
        "<",
        "</",
        "<th",
        "\n",
        " ",
        "浅草",
        "😀",
        '{"name": "f", "arguments": {"a": 1}}',
        '{"name": "',
        "}",
        "tool",
    ]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(FRAGMENTS, max_size=20), data=st.data())
def test_random_output_streams_the_one_shot_split(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    pieces = chunked(text, data.draw(st.sets(st.integers(1, max(1, len(text) - 1)))))
    deltas = stream(formats.QWEN3, pieces)
    assert split_output(formats.QWEN3, text) == joined(deltas)
    for delta in deltas:  # a tool call's opener never reaches the answer
        assert "<tool_call>" not in delta.content


def test_a_marker_split_across_pieces_is_never_shown() -> None:
    text = "前置き<think>考える</think>答え"
    deltas = stream(formats.QWEN3, list(text))
    shown = [d.content + d.reasoning for d in deltas]
    assert not any(piece in "<think></think>" for piece in shown if piece)
    assert ParsedResponse("前置き答え", "考える") == joined(deltas)


def test_held_text_is_released_as_soon_as_it_cannot_be_a_marker() -> None:
    splitter = ChannelSplitter(formats.QWEN3)
    assert "a" == splitter.feed("a <th").content
    assert " <thx" == splitter.feed("x").content


def test_a_tool_name_is_announced_before_the_call_ends() -> None:
    splitter = ChannelSplitter(formats.QWEN3)
    first = splitter.feed('<tool_call>\n{"name": "get_weather", "argu')
    assert [(0, "get_weather", None)] == [(d.index, d.name, d.arguments) for d in first.tool_calls]
    last = splitter.feed('ments": {"city": "東京"}}\n</tool_call>')
    assert [(0, "get_weather", WEATHER)] == [
        (d.index, d.name, d.arguments) for d in last.tool_calls
    ]


def test_a_name_inside_the_arguments_is_not_a_call() -> None:
    deltas = stream(
        formats.MISTRAL_V3,
        ['[TOOL_CALLS] [{"name": "f", "arguments": {"name": "x"}}', ', {"name": "g"}]'],
    )
    assert ["f", "g"] == [d.name for d in deltas[0].tool_calls + deltas[1].tool_calls]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('<tool_call>{"name": "f", "arguments": {</tool_call>', "not valid JSON"),
        ('<tool_call>{"arguments": {}}</tool_call>', "no string name"),
        ('<tool_call>{"name": "f", "arguments": "nope"}</tool_call>', "not JSON"),
        ('<tool_call>{"name": "f", "arguments": [1]}</tool_call>', "must be a JSON object"),
        ("<tool_call>[1]</tool_call>", "not an object"),
    ],
)
def test_a_malformed_call_is_an_error_value_not_content(text: str, error: str) -> None:
    parsed = split_output(formats.QWEN3, "前" + text + "後")
    assert "前後" == parsed.content
    (call,) = parsed.tool_calls
    assert call.arguments is None
    assert call.error is not None
    assert error in call.error


def test_an_unfinished_call_at_the_end_is_reported() -> None:
    parsed = split_output(formats.QWEN3, '<tool_call>{"name": "get_weather", "arguments": {"ci')
    assert ("get_weather", None) == (parsed.tool_calls[0].name, parsed.tool_calls[0].arguments)
    assert parsed.tool_calls[0].error


def test_the_prompt_can_open_the_reasoning() -> None:
    assert formats.QWEN3.prompt_opens("<|im_start|>assistant\n<think>\n") is formats.THINK
    assert formats.QWEN3.prompt_opens("<think>\n\n</think>\n\n") is None
    parsed = split_output(formats.QWEN3, "r\n</think>\n\na", prompt="<think>\n")
    assert ParsedResponse("a", "r") == parsed


def test_outside_any_block_the_text_is_untouched() -> None:
    text = "\n  浅草寺は東京です。😀  \n"
    assert ParsedResponse(text) == split_output(formats.QWEN3, text)


def test_a_finished_splitter_refuses_more_text() -> None:
    splitter = ChannelSplitter(formats.QWEN3)
    splitter.finish()
    with pytest.raises(ValueError, match="finished"):
        splitter.feed("x")


def test_tool_call_records_keep_the_models_text() -> None:
    (call,) = split_output(formats.HERMES, '<tool_call>{"name": "f"}</tool_call>').tool_calls
    assert ToolCall("f", {}, raw='{"name": "f"}') == call
