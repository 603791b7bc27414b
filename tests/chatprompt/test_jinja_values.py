"""Python renderers write values exactly as transformers' chat-template environment does."""

from __future__ import annotations

from typing import Any

import pytest
from transformers.utils.chat_template_utils import render_jinja_template

from chatprompt.errors import TemplateError
from chatprompt.presets._jinja_values import jinja_str, template_error, tojson

VALUES: list[Any] = [
    {"name": "天気", "arguments": {"city": "東京🗼", "days": 3, "ok": True, "x": None}},
    ["a", 1, 2.5, False, None, {"k": "</s>&<"}],
    "plain 😀",
    None,
    True,
    3.0,
]


def transformers_value(template: str, value: Any) -> str:
    rendered, _ = render_jinja_template(conversations=[[]], chat_template=template, value=value)
    return str(rendered[0])


@pytest.mark.parametrize("value", VALUES)
def test_tojson_matches_the_template_filter(value: Any) -> None:
    assert transformers_value("{{ value | tojson }}", value) == tojson(value)
    assert transformers_value("{{ value | tojson(indent=4) }}", value) == tojson(value, indent=4)


@pytest.mark.parametrize("value", VALUES)
def test_jinja_str_matches_printing_a_value(value: Any) -> None:
    assert transformers_value("{{ value }}", value) == jinja_str(value)


def test_template_error_names_the_message_and_the_rule() -> None:
    error = template_error("Only user and assistant roles", index=2, message={"role": "tool"})
    assert isinstance(error, TemplateError)
    assert "message 2 {'role': 'tool'}: Only user and assistant roles" == str(error)
