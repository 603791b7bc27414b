"""Command R7B's named templates: each one renders its golden files, and ``render`` picks the
template as ``apply_chat_template`` does (``tool_use`` when tools are given, else ``default``).

``expected_named/command_r7b/<template>/<conversation>.txt`` holds what the tokenizer's template
``<template>`` writes for that conversation (``.error``: its refusal).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chatprompt._conversation import Conversation, make_conversation, render_continuing
from chatprompt.errors import TemplateError
from chatprompt.presets import command_r7b

from .test_golden import CONVERSATIONS

NAMED = Path(__file__).parent / "expected_named" / "command_r7b"
CASES = sorted(path for path in NAMED.glob("*/*") if path.suffix in (".txt", ".error"))
WEATHER = {
    "type": "function",
    "function": {"name": "get_weather", "description": "天気 ☀️", "parameters": {}},
}
USER = [{"role": "user", "content": "東京の天気は？☔"}]


def _render_named(name: str, path: Path) -> str:
    data = CONVERSATIONS[path.stem]
    arguments = {"tools": data["tools"], "documents": data["documents"], **data["template_vars"]}
    conversation = make_conversation(data["messages"], data["add_generation_prompt"], **arguments)

    def render(prepared: Conversation) -> str:
        return command_r7b.render_named(name, prepared)

    return render_continuing(render, conversation, data["continue_final_message"])


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_named_template_renders_its_golden_file(path: Path) -> None:
    expected = path.read_bytes().decode("utf-8")
    if path.suffix == ".error":
        with pytest.raises(TemplateError) as error:
            _render_named(path.parent.name, path)
        assert expected in str(error.value)
    else:
        assert expected == _render_named(path.parent.name, path)


@pytest.mark.parametrize(
    ("tools", "documents", "expected"),
    [
        (None, None, "default"),
        ([WEATHER], None, "tool_use"),
        ([], None, "tool_use"),
        (None, [{"title": "浅草寺", "text": "⛩️"}], "default"),
    ],
)
def test_render_picks_the_template_apply_chat_template_picks(
    tools: object, documents: object, expected: str
) -> None:
    conversation = make_conversation(USER, tools=tools, documents=documents)
    assert expected == command_r7b.template_name(conversation)
    assert command_r7b.render_named(expected, conversation) == command_r7b.render(conversation)


def test_rag_is_chosen_only_by_name() -> None:
    conversation = make_conversation(USER, documents=[{"title": "浅草寺", "text": "⛩️"}])
    rag = command_r7b.render_named("rag", conversation)
    assert rag == command_r7b.render(conversation)  # default with documents is rag's layout
    assert rag != command_r7b.render(make_conversation(USER))


def test_an_unknown_template_name_is_refused_with_the_names_it_has() -> None:
    with pytest.raises(TemplateError) as error:
        command_r7b.render_named("chat", make_conversation(USER))
    assert "'chat'" in str(error.value)
    assert "'tool_use'" in str(error.value)
