"""Python renderers read, write and refuse values exactly as transformers' chat-template
environment does (``presets/_jinja_values.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers.utils.chat_template_utils import render_jinja_template

from chatprompt.errors import TemplateError
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    concat,
    contains,
    dictsort,
    item,
    iterate,
    length,
    method,
    sort_by,
    template_error,
    text,
    tojson,
)

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
def test_text_matches_printing_a_value(value: Any) -> None:
    assert transformers_value("{{ value }}", value) == text(value)


def test_template_error_names_the_message_and_the_rule() -> None:
    error = template_error("Only user and assistant roles", index=2, message={"role": "tool"})
    assert isinstance(error, TemplateError)
    assert "message 2 {'role': 'tool'}: Only user and assistant roles" == str(error)


def test_missing_field_prints_nothing_and_fails_when_added() -> None:
    missing = attr({"role": "assistant"}, "content")

    assert isinstance(missing, Undefined)
    assert "" == text(missing)
    with pytest.raises(TemplateError) as error:
        concat("<|im_start|>", missing)
    assert "'dict object' has no attribute 'content'" == str(error.value)


def test_text_plus_parts_fails_with_pythons_message() -> None:
    with pytest.raises(TemplateError) as error:
        concat("浅草", [{"type": "text", "text": "寺"}])

    assert 'can only concatenate str (not "list") to str' == str(error.value)


def test_string_method_on_a_list_fails_naming_the_method() -> None:
    with pytest.raises(TemplateError) as error:
        method(["😊"], "startswith", "<tool_response>")

    assert "'list object' has no attribute 'startswith'" == str(error.value)


def _template_message(template: str, **values: object) -> str:
    try:
        rendered, _ = render_jinja_template(conversations=[[]], chat_template=template, **values)
    except Exception as error:  # the template's failure, whatever its type
        return str(error)
    raise AssertionError(f"{template!r} rendered {rendered!r}")


def _sort_by_type(values: object) -> object:
    return sort_by(values, "type")


@pytest.mark.parametrize(
    ("template", "ours", "values"),
    [
        ("{{ v[-1]['role'] }}", lambda v: attr(item(v, -1), "role"), {"v": []}),
        ("{{ v.type + 'x' }}", lambda v: concat(attr(v, "type"), "x"), {"v": "浅草🙏"}),
        ("{{ v | dictsort }}", dictsort, {"v": ["😊"]}),
        ("{{ v.x | dictsort }}", lambda v: dictsort(attr(v, "x")), {"v": {}}),
        (
            "{{ v | sort(attribute='type') }}",
            lambda v: sort_by(v, "type"),
            {"v": [{"type": "a"}, "b"]},
        ),
        (
            "{{ v | sort(attribute='type') }}",
            lambda v: sort_by(v, "type"),
            {"v": [{"type": 1}, {"type": "a"}]},
        ),
        ("{{ 'a' in v }}", lambda v: contains("a", v), {"v": 5}),
        ("{% for x in v %}{% endfor %}", iterate, {"v": 5}),
        ("{{ v.x | tojson }}", lambda v: tojson(attr(v, "x")), {"v": {}}),
        ("{{ v.x.items() }}", lambda v: method(attr(v, "x"), "items"), {"v": {"x": None}}),
        ("{{ v.items() }}", lambda v: method(v, "items"), {"v": "浅草🙏"}),
    ],
)
def test_failure_carries_the_templates_message(
    template: str, ours: Callable[[Any], object], values: dict[str, Any]
) -> None:
    expected = _template_message(template, **values)

    with pytest.raises(TemplateError) as error:
        ours(values["v"])

    assert expected in str(error.value)


def test_sort_by_keeps_parts_whose_types_are_all_missing_in_order() -> None:
    parts = ["後", "先 😊"]

    assert parts == sort_by(parts, "type")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-9, 99) | st.text("ab 浅草😊", max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("ab", max_size=2), inner),
    max_leaves=6,
)


def _template_or_error(template: str, **values: object) -> tuple[str, str]:
    try:
        rendered, _ = render_jinja_template(conversations=[[]], chat_template=template, **values)
    except Exception as error:  # the template's failure, whatever its type
        return "error", str(error)
    return "text", str(rendered[0])


def _ours_or_error(ours: Callable[[], object]) -> tuple[str, str]:
    try:
        return "text", text(ours())
    except TemplateError as error:
        return "error", str(error)


@settings(max_examples=40, deadline=None)
@given(value=JSON, needle=st.sampled_from(["a", "浅草", 1, None]))
def test_reads_writes_and_refusals_match_the_template_for_any_json_value(
    value: Any, needle: Any
) -> None:
    cases: list[tuple[str, Callable[[], object]]] = [
        ("{{ v }}", lambda: value),
        ("{{ v | tojson }}", lambda: tojson(value)),
        ("{{ n in v }}", lambda: contains(needle, value)),
        ("{{ v | length }}", lambda: length(value)),
        ("{{ v[0] }}", lambda: item(value, 0)),
        ("{{ v.a + 'x' }}", lambda: concat(attr(value, "a"), "x")),
        ("{% for x in v %}{{ x }},{% endfor %}", lambda: "".join(f"{x}," for x in iterate(value))),
    ]
    for template, ours in cases:
        expected = _template_or_error(template, v=value, n=needle)
        actual = _ours_or_error(ours)
        assert expected[0] == actual[0], template
        if expected[0] == "text":
            assert expected == actual, template
        else:
            assert expected[1] in actual[1], template
