"""The output formats of the model families, for presets to declare.

Each constant says how one family's models write reasoning and tool calls (as the published
chat templates write them back into the history, and as the model cards and vLLM's reasoning
and tool parsers describe them).
"""

from __future__ import annotations

import json
import re
from typing import Any

from chatprompt._output_format import CONTENT, REASONING, TOOL, Block, OutputFormat
from chatprompt._tool_syntax import FunctionTagCalls, JsonCalls, PythonTagCalls

THINK = Block("<think>", ("</think>",), REASONING)
HERMES_CALL = Block("<tool_call>", ("</tool_call>",), TOOL, tool=JsonCalls())

HERMES = OutputFormat((HERMES_CALL,))
"""Hermes 2/3, Qwen 2.5, Granite 4: ``<tool_call>{"name": …, "arguments": …}</tool_call>``."""

QWEN3 = OutputFormat((THINK, HERMES_CALL))
"""Qwen3, SmolLM3: ``<think>…</think>`` then the answer; Hermes-style tool calls."""

QWQ = OutputFormat((THINK, HERMES_CALL), opened_by_prompt=THINK)
"""QwQ: the generation prompt ends in ``<think>\\n``."""

PHI4_REASONING = OutputFormat((THINK,))
"""Phi-4-reasoning: ``<think>…</think>`` then the solution."""


def _xml_parameters(pattern: re.Pattern[str]) -> Any:
    def read(text: str) -> dict[str, Any]:
        arguments: dict[str, Any] = {}
        for match in pattern.finditer(text):
            arguments[match.group(1)] = _xml_value(match.group(2))
        return arguments

    return read


def _xml_value(text: str) -> Any:
    """A parameter written as text: JSON objects, arrays and literals are read as JSON (the
    templates write those with ``tojson``); anything else stays a string."""
    value = text.strip("\n")
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def _xml_call_block(opener: str, closer: str, call: str, name: str, parameter: str) -> Block:
    """A tool block whose calls write their arguments as tagged parameters: ``call`` matches
    one call (groups ``name``, ``args``), ``name`` a call's name as soon as it is complete,
    ``parameter`` one argument (key, value)."""
    return Block(
        opener,
        (closer,),
        TOOL,
        tool=FunctionTagCalls(
            call=re.compile(call, re.S),
            name=re.compile(name),
            arguments=_xml_parameters(re.compile(parameter, re.S)),
        ),
    )


QWEN3_CODER = OutputFormat(
    (
        THINK,
        _xml_call_block(
            "<tool_call>",
            "</tool_call>",
            call=r"<function=(?P<name>[^>\n]+)>(?P<args>.*?)</function>",
            name=r"<function=([^>\n]+)>",
            parameter=r"<parameter=([^>\n]+)>(.*?)</parameter>",
        ),
    )
)
"""Qwen3-Coder, Qwen3.5: ``<tool_call><function=NAME><parameter=K>V</parameter></function>``."""

MINIMAX_M2 = OutputFormat(
    (
        THINK,
        _xml_call_block(
            "<minimax:tool_call>",
            "</minimax:tool_call>",
            call=r'<invoke name="(?P<name>[^"]+)">(?P<args>.*?)</invoke>',
            name=r'<invoke name="([^"]+)">',
            parameter=r'<parameter name="([^"]+)">(.*?)</parameter>',
        ),
    ),
    opened_by_prompt=THINK,
)
"""MiniMax-M2: the prompt opens ``<think>``; ``<invoke name=…><parameter name=…>`` calls."""

GLM4 = OutputFormat(
    (
        THINK,
        _xml_call_block(
            "<tool_call>",
            "</tool_call>",
            call=r"\A\s*(?P<name>[^\n<]+)(?P<args>.*)\Z",
            name=r"\A\s*([^\n<]+)[\n<]",
            parameter=r"<arg_key>(.*?)</arg_key>\s*<arg_value>(.*?)</arg_value>",
        ),
    )
)
"""GLM-4.6/4.7: ``<tool_call>NAME<arg_key>K</arg_key><arg_value>V</arg_value></tool_call>``."""

_DEEPSEEK_CALLS = Block(
    "<｜tool▁calls▁begin｜>",
    ("<｜tool▁calls▁end｜>",),
    TOOL,
    tool=FunctionTagCalls(
        call=re.compile(
            r"<｜tool▁call▁begin｜>(?:function)?<｜tool▁sep｜>(?P<name>[^\n<]+)\n```(?:json)?\n"
            r"(?P<args>.*?)\n```\s*<｜tool▁call▁end｜>",
            re.S,
        ),
        name=re.compile(r"<｜tool▁call▁begin｜>(?:function)?<｜tool▁sep｜>([^\n<]+)\n"),
    ),
)

DEEPSEEK_R1 = OutputFormat((THINK, _DEEPSEEK_CALLS), opened_by_prompt=THINK)
"""DeepSeek-R1 (and its distills): the prompt opens ``<think>``; DeepSeek tool-call tokens."""

DEEPSEEK_V3 = OutputFormat((_DEEPSEEK_CALLS,))
"""DeepSeek-V3: DeepSeek tool-call tokens, no reasoning."""

_KIMI_CALLS = Block(
    "<|tool_calls_section_begin|>",
    ("<|tool_calls_section_end|>",),
    TOOL,
    tool=FunctionTagCalls(
        call=re.compile(
            r"<\|tool_call_begin\|>\s*(?P<id>(?:functions\.)?(?P<name>[^:<\s]+):\d+)\s*"
            r"<\|tool_call_argument_begin\|>(?P<args>.*?)<\|tool_call_end\|>",
            re.S,
        ),
        name=re.compile(r"<\|tool_call_begin\|>\s*(?:functions\.)?([^:<\s]+):\d+"),
    ),
)

KIMI_K2 = OutputFormat((_KIMI_CALLS,))
"""Kimi K2: ``<|tool_call_begin|>functions.NAME:0<|tool_call_argument_begin|>{…}``."""

KIMI_K2_THINKING = OutputFormat((THINK, _KIMI_CALLS))
"""Kimi K2 Thinking: ``<think>…</think>`` and Kimi tool calls."""

LLAMA3 = OutputFormat(
    (
        Block("<|python_tag|>", (), TOOL, tool=PythonTagCalls()),
        Block('{"name"', (), TOOL, tool=JsonCalls(), at_start=True, keep_opener=True),
    )
)
"""Llama 3.1–3.3: a JSON call ``{"name": …, "parameters": …}`` as the whole answer, or
``<|python_tag|>`` and a JSON or built-in (``brave_search.call(query=…)``) call."""

MISTRAL_V3 = OutputFormat((Block("[TOOL_CALLS]", (), TOOL, tool=JsonCalls()),))
"""Mistral v0.3, Nemo: ``[TOOL_CALLS] [{"name": …, "arguments": …, "id": …}]``."""

_MISTRAL_V11_CALLS = Block(
    "[TOOL_CALLS]",
    (),
    TOOL,
    tool=FunctionTagCalls(
        call=re.compile(
            r"(?:\A|\[TOOL_CALLS\])(?P<name>[^\[\]]+?)(?:\[CALL_ID\](?P<id>[^\[]*))?"
            r"\[ARGS\](?P<args>.*?)(?=\[TOOL_CALLS\]|\Z)",
            re.S,
        ),
        name=re.compile(r"(?:\A|\[TOOL_CALLS\])([^\[\]]+?)\[(?:ARGS|CALL_ID)\]"),
    ),
)

MISTRAL_V11 = OutputFormat((_MISTRAL_V11_CALLS,))
"""Mistral Small 3.2: ``[TOOL_CALLS]NAME[CALL_ID]ID[ARGS]{…}``, repeated per call."""

MINISTRAL_REASONING = OutputFormat((Block("[THINK]", ("[/THINK]",), REASONING), _MISTRAL_V11_CALLS))
"""Ministral 3 reasoning, Magistral: ``[THINK]…[/THINK]`` and Mistral tool calls."""

NEMOTRON = OutputFormat((THINK, Block("<TOOLCALL>", ("</TOOLCALL>",), TOOL, tool=JsonCalls())))
"""Nemotron Nano v2: ``<think>`` and ``<TOOLCALL>[{"name": …, "arguments": …}]</TOOLCALL>``."""

PHI4_MINI = OutputFormat((Block("functools", (), TOOL, tool=JsonCalls(), at_start=True),))
"""Phi-4-mini: ``functools[{"name": …, "arguments": …}]`` as the whole answer."""

_GRANITE_CALLS = Block("<|tool_call|>", (), TOOL, tool=JsonCalls())

GRANITE_31 = OutputFormat((_GRANITE_CALLS,))
"""Granite 3.1: ``<|tool_call|>[{"name": …, "arguments": …}]``."""

GRANITE_32 = OutputFormat(
    (
        Block("Here is my thought process:", ("Here is my response:",), REASONING, at_start=True),
        _GRANITE_CALLS,
    )
)
"""Granite 3.2 with ``thinking=True``: ``Here is my thought process: … Here is my response:``."""

GRANITE_33 = OutputFormat((THINK, Block("<response>", ("</response>",), CONTENT), _GRANITE_CALLS))
"""Granite 3.3 with ``thinking=True``: ``<think>…</think><response>…</response>``."""

COMMAND_R7B = OutputFormat(
    (
        Block("<|START_THINKING|>", ("<|END_THINKING|>",), REASONING),
        Block("<|START_RESPONSE|>", ("<|END_RESPONSE|>",), CONTENT),
        Block(
            "<|START_ACTION|>",
            ("<|END_ACTION|>",),
            TOOL,
            tool=JsonCalls(
                name_keys=("tool_name",), arguments_keys=("parameters",), id_keys=("tool_call_id",)
            ),
        ),
    )
)
"""Command R7B: thinking, response and action blocks; actions are a JSON list of
``{"tool_call_id", "tool_name", "parameters"}``."""


def _harmony_header(header: str) -> tuple[str, str | None]:
    recipient = re.search(r"to=functions\.([^\s<]+)", header)
    if recipient:
        return TOOL, recipient.group(1)
    if "analysis" in header:
        return REASONING, None
    return CONTENT, None  # "final", or a "commentary" preamble meant for the user


_HARMONY_ENDS = ("<|end|>", "<|call|>", "<|return|>")

GPT_OSS = OutputFormat(
    (
        Block("<|channel|>", _HARMONY_ENDS, header_end="<|message|>", header_rule=_harmony_header),
        Block("<|start|>", _HARMONY_ENDS, header_end="<|message|>", header_rule=_harmony_header),
    )
)
"""gpt-oss (harmony): ``<|channel|>analysis`` is reasoning, ``final`` the answer,
``commentary to=functions.NAME`` a tool call whose message is its JSON arguments."""


_GEMMA_STRING = '<|"|>'


def _gemma_arguments(text: str) -> dict[str, Any]:
    """Gemma 4's call arguments: ``{key:<|"|>text<|"|>,n:3}`` → a dict."""
    body = text.strip()
    if not (body.startswith("{") and body.endswith("}")):
        raise ValueError(f"the arguments are not enclosed in braces: {text!r}")
    pieces = body[1:-1].split(_GEMMA_STRING)
    if len(pieces) % 2 == 0:
        raise ValueError(f"an unterminated {_GEMMA_STRING} string in {text!r}")
    json_text = "".join(
        json.dumps(piece, ensure_ascii=False)
        if index % 2
        else re.sub(r"([{,]\s*)([A-Za-z_][\w-]*)\s*:", r'\1"\2":', piece)
        for index, piece in enumerate(["{" + pieces[0], *pieces[1:]])
    )
    try:
        value = json.loads(json_text + "}")
    except json.JSONDecodeError as error:
        raise ValueError(f"cannot read the arguments {text!r}: {error}") from None
    if not isinstance(value, dict):
        raise ValueError(f"the arguments are not an object: {text!r}")
    return value


GEMMA4 = OutputFormat(
    (
        Block("<|channel>thought", ("<channel|>",), REASONING),
        Block(
            "<|tool_call>",
            ("<tool_call|>",),
            TOOL,
            tool=FunctionTagCalls(
                call=re.compile(r"\A\s*call:(?P<name>[^{\s]+)(?P<args>\{.*\})\s*\Z", re.S),
                name=re.compile(r"\A\s*call:([^{\s]+)\{"),
                arguments=_gemma_arguments,
            ),
        ),
    )
)
"""Gemma 4: ``<|channel>thought…<channel|>`` reasoning and ``<|tool_call>call:NAME{…}``."""
