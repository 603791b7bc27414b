"""One rendering path: the history becomes a message list, every preset's ``render`` takes
``apply_chat_template``'s arguments, and message records keep the fields a format may need."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatprompt import (
    ChatContent,
    GemmaChatPrompt,
    JinjaChatPrompt,
    Llama2ChatPrompt,
    Llama31ChatPrompt,
    Llama32ChatPrompt,
    RinnaChatPrompt,
    ZephyrChatPrompt,
)
from chatprompt._conversation import Conversation
from chatprompt.errors import TemplateError
from chatprompt.presets._format_base import FormatPromptBase
from tests.chatprompt.chat_presets_for_tests import LinePrompt

CALL: dict[str, Any] = {
    "type": "function",
    "function": {"name": "天気", "arguments": {"都市": "東京"}},
}
TOOLS: list[dict[str, Any]] = [
    {"type": "function", "function": {"name": "天気", "parameters": {"type": "object"}}}
]
USER: dict[str, Any] = {"role": "user", "content": "東京の天気は？☔"}
ANSWER: dict[str, Any] = {
    "role": "assistant",
    "content": "晴れです☀️",
    "reasoning_content": "調べた🤔",
}


class EchoPrompt(FormatPromptBase):
    """Writes the messages it is given (no names: it stays out of the registry)."""

    def render_conversation(self, conversation: Conversation) -> str:
        lines = [
            f"{m['role']}|{m.get('content')}|{m.get('tool_calls')}" for m in conversation.messages
        ]
        return "\n".join(lines) + ("\n>" if conversation.add_generation_prompt else "")


def test_create_prompt_renders_the_history_as_a_message_list() -> None:
    prompt = EchoPrompt()
    prompt.from_messages([USER, {"role": "assistant", "content": "", "tool_calls": [CALL]}])
    prompt.set_system("日本語で")
    prompt.add_requester_msg("ありがとう😊")
    prompt.add_responder_msg(None)

    assert (
        "system|日本語で|None\n"
        "user|東京の天気は？☔|None\n"
        f"assistant||{[CALL]}\n"
        "user|ありがとう😊|None\n>"
    ) == prompt.create_prompt()


def test_extra_fields_survive_from_messages_and_to_messages() -> None:
    messages: list[dict[str, Any]] = [
        USER,
        {"role": "assistant", "content": "", "tool_calls": [CALL]},
        ANSWER,
    ]

    prompt = LinePrompt().from_messages(messages, add_generation_prompt=False)

    assert messages == prompt.to_messages()
    assert {"tool_calls": [CALL]} == prompt.chat_contents[1].extras


def test_extra_fields_are_copies_of_the_callers_data() -> None:
    call: dict[str, Any] = {
        "type": "function",
        "function": {"name": "天気", "arguments": {"都市": "東京"}},
    }
    prompt = LinePrompt().from_messages(
        [USER, {"role": "assistant", "content": "", "tool_calls": [call]}]
    )

    call["function"]["arguments"]["都市"] = "大阪"

    assert [CALL] == prompt.to_messages()[1]["tool_calls"]


def test_extras_round_trip_through_to_dict_and_from_dict_under_their_own_key() -> None:
    prompt = LinePrompt().from_messages([USER, ANSWER], add_generation_prompt=False)

    data = prompt.to_dict()
    restored = LinePrompt.from_dict(data)

    assert {"reasoning_content": "調べた🤔"} == data["chat_contents"][1]["extras"]
    assert "extras" not in data["chat_contents"][0]
    assert prompt.to_messages() == restored.to_messages()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text().filter(lambda key: key != "extras"), json_values, max_size=4))
def test_any_json_extras_round_trip_through_chat_content_dicts(extras: dict[str, Any]) -> None:
    content = ChatContent("ユーザー", "こんにちは😀", extras=extras)

    assert extras == ChatContent.from_dict(content.to_dict()).extras


def test_line_presets_render_the_same_history_and_message_list() -> None:
    prompt = RinnaChatPrompt()
    prompt.add_requester_msg("一行目\n二行目😀")
    prompt.add_responder_msg(None)

    assert prompt.create_prompt() == RinnaChatPrompt().render(prompt.to_messages())


def test_a_hand_set_system_text_is_rendered_exactly_from_the_history() -> None:
    prompt = Llama2ChatPrompt()
    prompt.set_system("")
    prompt.add_requester_msg("こんにちは")
    prompt.add_responder_msg(None)

    assert "こんにちは [/INST] " == prompt.create_prompt()


def test_continue_final_message_leaves_a_template_presets_answer_open() -> None:
    rendered = ZephyrChatPrompt().render(
        [USER, ANSWER], add_generation_prompt=False, continue_final_message=True
    )

    assert rendered.endswith("<|assistant|>\n晴れです☀️")


def test_continue_final_message_leaves_a_line_presets_answer_open() -> None:
    rendered = RinnaChatPrompt().render(
        [USER, {"role": "assistant", "content": "晴れ"}],
        add_generation_prompt=False,
        continue_final_message=True,
    )

    assert "ユーザー: 東京の天気は？☔<NL>システム: 晴れ" == rendered


def test_what_the_published_template_ignores_is_ignored() -> None:
    zephyr = ZephyrChatPrompt()

    assert zephyr.render([USER, ANSWER]) == zephyr.render(
        [USER, ANSWER],
        tools=TOOLS,
        documents=[{"title": "t", "text": "本文"}],
        enable_thinking=True,
    )


def test_llama32_template_ignores_builtin_tools() -> None:
    prompt = Llama32ChatPrompt(date_string="01 Jan 2025")

    assert prompt.render([USER]) == prompt.render([USER], builtin_tools=["code_interpreter"])


class GemmaWithoutTools(GemmaChatPrompt):
    """A preset whose published template would write tools it cannot (no names: unregistered)."""

    unrendered: ClassVar[frozenset[str]] = frozenset({"tools", "tool_calls", "builtin_tools"})


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [({"tools": TOOLS}, "does not render tools,"), ({"builtin_tools": ["x"]}, "builtin_tools")],
)
def test_what_the_published_template_writes_and_the_preset_cannot_is_refused(
    kwargs: dict[str, Any], named: str
) -> None:
    with pytest.raises(TemplateError, match=named):
        GemmaWithoutTools().render([USER], **kwargs)


def test_tool_calls_the_template_would_write_are_refused_naming_the_message() -> None:
    with pytest.raises(TemplateError) as error:
        GemmaWithoutTools().render(
            [USER, {"role": "assistant", "content": "", "tool_calls": [CALL]}]
        )

    assert str(error.value).startswith(
        "GemmaWithoutTools does not render tool_calls of message 1, which its published template"
    )


def test_llama31_date_string_template_variable_sets_the_date() -> None:
    rendered = Llama31ChatPrompt().render([USER], date_string="03 Feb 2025")

    assert "Today Date: 03 Feb 2025\n\n" in rendered
    assert Llama31ChatPrompt(date_string="03 Feb 2025").render([USER]) == rendered


JINJA = (
    "{% for m in messages %}{{ m['role'] }}:{{ m['content'] }}|{% endfor %}"
    "tools={{ tools | length if tools else 0 }} docs={{ documents | length if documents else 0 }}"
    " mood={{ mood }}"
)


def test_jinja_prompt_hands_tools_documents_and_variables_to_the_template() -> None:
    rendered = JinjaChatPrompt(JINJA).render(
        [USER], tools=TOOLS, documents=[{"text": "本文"}], mood="😊"
    )

    assert "user:東京の天気は？☔|tools=1 docs=1 mood=😊" == rendered


def test_jinja_prompt_continues_the_final_message_as_transformers_does() -> None:
    template = "{% for m in messages %}[{{ m['content'] }}]{% endfor %}"

    rendered = JinjaChatPrompt(template).render(
        [USER, {"role": "assistant", "content": "晴れ"}],
        add_generation_prompt=False,
        continue_final_message=True,
    )

    assert "[東京の天気は？☔][晴れ" == rendered
