"""The Llama 3 renderer takes the Llama 3.2 differences as parameters (its presets reuse it).

The Llama 3.3 golden files cover the 3.1 / 3.3 parameters; these cases pin the 3.2 ones: the
``Today Date`` is today when no ``date_string`` is passed, and ``builtin_tools`` is not read.
Expected strings are what the published Llama 3.2 template writes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from chatprompt._conversation import make_conversation
from chatprompt.presets import _jinja_values
from chatprompt.presets._llama3 import render_llama3, today

MESSAGES = [
    {"role": "user", "content": "今日は？📅"},
    {
        "role": "assistant",
        "tool_calls": [
            {"type": "function", "function": {"name": "brave_search", "arguments": {"q": "東京"}}}
        ],
    },
]


class _Frozen(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> Any:
        return datetime(2026, 11, 29, 9, 30)


def _render_32(**template_vars: Any) -> str:
    conversation = make_conversation(
        MESSAGES, False, tools=[{"name": "brave_search"}], **template_vars
    )
    return render_llama3(
        conversation, bos_token="<|begin_of_text|>", default_date=today, builtin_tools=False
    )


def test_llama32_parameters_write_today_and_ignore_builtin_tools(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_jinja_values, "datetime", _Frozen)
    expected = (
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n"
        "Cutting Knowledge Date: December 2023\nToday Date: 29 Nov 2026\n\n<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\nGiven the following functions, please "
        "respond with a JSON for a function call with its proper arguments that best answers "
        'the given prompt.\n\nRespond in the format {"name": function name, "parameters": '
        "dictionary of argument name and its value}.Do not use variables.\n\n"
        '{\n    "name": "brave_search"\n}\n\n今日は？📅<|eot_id|>'
        "<|start_header_id|>assistant<|end_header_id|>\n\n"
        '{"name": "brave_search", "parameters": {"q": "東京"}}<|eot_id|>'
    )
    assert expected == _render_32(builtin_tools=["brave_search"])


def test_llama32_parameters_keep_a_given_date_string() -> None:
    assert "Today Date: 1 Jan 2027\n\n" in _render_32(date_string="1 Jan 2027")
