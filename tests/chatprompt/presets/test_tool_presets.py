"""The presets whose published templates know tools render them through ``render``.

Their module-level ``render`` functions are pinned byte for byte by the golden files in
``tests/chatprompt/current/expected/<module>/``; these tests pin what the preset classes add:
``render`` takes tools and template variables, and a constructor argument fills a template
variable the caller did not pass.
"""

from __future__ import annotations

from typing import Any

import pytest

from chatprompt.errors import TemplateError
from chatprompt.presets.llama31 import Llama31ChatPrompt
from chatprompt.presets.llama32 import Llama32ChatPrompt
from chatprompt.presets.qwen25 import Qwen25ChatPrompt

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "天気 🌤",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
}
CALL: dict[str, Any] = {
    "role": "assistant",
    "tool_calls": [
        {
            "id": "abcDEF123",
            "type": "function",
            "function": {"name": "get_weather", "arguments": {"city": "東京"}},
        }
    ],
}


def test_llama31_writes_a_tool_call_and_its_result() -> None:
    user = {"role": "user", "content": "東京は？☔"}
    messages = [user, CALL, {"role": "tool", "content": "晴れ"}]
    expected = (
        "<|start_header_id|>assistant<|end_header_id|>\n\n"
        '{"name": "get_weather", "parameters": {"city": "東京"}}<|eot_id|>'
        '<|start_header_id|>ipython<|end_header_id|>\n\n"晴れ"<|eot_id|>'
    )
    actual = Llama31ChatPrompt().render(messages, False, tools=[WEATHER])
    assert expected == actual[actual.index("<|start_header_id|>assistant") :]


def test_llama32_constructor_date_string_is_used_unless_render_passes_one() -> None:
    prompt = Llama32ChatPrompt(date_string="1 Jan 2027")
    messages = [{"role": "user", "content": "今日は？📅"}]
    assert "Today Date: 1 Jan 2027\n" in prompt.render(messages)
    assert "Today Date: 2 Feb 2027\n" in prompt.render(messages, date_string="2 Feb 2027")


def test_qwen25_fails_on_no_messages_as_its_template_does() -> None:
    with pytest.raises(TemplateError, match="list object has no element 0"):
        Qwen25ChatPrompt().render([])
