"""``Conversation`` sees what a chat template sees under ``apply_chat_template``."""

from __future__ import annotations

from typing import Any

import pytest
from transformers.utils.chat_template_utils import render_jinja_template

from chatprompt._conversation import Conversation, make_conversation, render_continuing
from chatprompt.errors import InvalidMessageError, TemplateError

# A template that prints what it is given, so transformers' view and ours can be compared.
ECHO_TEMPLATE = (
    "{% for m in messages %}[{{ m.role }}|"
    "{% if m.content is string %}{{ m.content }}{% elif m.content %}"
    "{% for p in m.content %}{{ p.text }}{% endfor %}{% endif %}|"
    "{{ m.reasoning_content }}|{{ m.thinking }}|{{ m.reasoning }}]{% endfor %}"
    "{{ tools is none }}{{ documents is none }}{% if add_generation_prompt %}<gen>{% endif %}"
)


def echo(conversation: Conversation) -> str:
    """The ECHO_TEMPLATE written in Python over a Conversation."""

    def text(content: Any) -> str:
        if isinstance(content, str):
            return content
        return "".join(part["text"] for part in content or ())

    def show(value: Any) -> str:
        return "" if value is None else str(value)

    out = [
        f"[{m['role']}|{text(m.get('content'))}|{show(m.get('reasoning_content'))}|"
        f"{show(m.get('thinking'))}|{show(m.get('reasoning'))}]"
        for m in conversation.messages
    ]
    out.append(f"{conversation.tools is None}{conversation.documents is None}")
    if conversation.add_generation_prompt:
        out.append("<gen>")
    return "".join(out)


def transformers_render(messages: list[dict[str, Any]], **kwargs: Any) -> str:
    rendered, _ = render_jinja_template(
        conversations=[messages], chat_template=ECHO_TEMPLATE, **kwargs
    )
    return str(rendered[0])


CONVERSATIONS = [
    [{"role": "user", "content": "浅草寺はどこですか？🙏"}],
    [
        {"role": "user", "content": "こんにちは"},
        {"role": "assistant", "content": "やあ😀", "reasoning": "挨拶する"},
    ],
    [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "ok", "thinking": "t", "reasoning_content": "rc"},
    ],
    [
        {
            "role": "user",
            "content": [{"type": "text", "text": "部品"}, {"type": "text", "text": "2"}],
        },
        {"role": "assistant", "content": [{"type": "text", "text": "答え🎉"}]},
    ],
]


@pytest.mark.parametrize("messages", CONVERSATIONS)
@pytest.mark.parametrize("add_generation_prompt", [True, False])
def test_renderer_sees_what_the_template_sees(
    messages: list[dict[str, Any]], add_generation_prompt: bool
) -> None:
    expected = transformers_render(messages, add_generation_prompt=add_generation_prompt)
    assert expected == echo(make_conversation(messages, add_generation_prompt))


@pytest.mark.parametrize("messages", CONVERSATIONS[1:])
def test_continue_final_message_cuts_like_transformers(messages: list[dict[str, Any]]) -> None:
    expected = transformers_render(
        messages, add_generation_prompt=False, continue_final_message=True
    )
    conversation = make_conversation(messages, add_generation_prompt=False)
    assert expected == render_continuing(echo, conversation, continue_final_message=True)


def test_continue_reasoning_field_cuts_in_the_reasoning() -> None:
    messages = CONVERSATIONS[1]
    expected = transformers_render(
        messages, add_generation_prompt=False, continue_final_message="reasoning_content"
    )
    conversation = make_conversation(messages, add_generation_prompt=False)
    assert expected == render_continuing(echo, conversation, "reasoning_content")


def test_the_callers_messages_are_never_changed() -> None:
    messages = [{"role": "assistant", "content": [{"type": "text", "text": "続き"}]}]
    conversation = make_conversation(messages, False)
    render_continuing(echo, conversation, continue_final_message=True)
    assert [{"role": "assistant", "content": [{"type": "text", "text": "続き"}]}] == messages
    assert messages[0] is not conversation.messages[0]


def test_tools_documents_and_variables_are_kept_as_plain_data() -> None:
    conversation = make_conversation(
        [], tools=[{"type": "function", "function": {"name": "f"}}], documents=[], date_string="x"
    )
    assert ({"type": "function", "function": {"name": "f"}},) == conversation.tools
    assert () == conversation.documents
    assert "x" == conversation.var("date_string")
    assert conversation.var("enable_thinking") is None


@pytest.mark.parametrize(
    ("messages", "tools", "fragment"),
    [
        ("hi", None, "messages must be a list"),
        (["hi"], None, "message 0 must be a mapping"),
        ([{"role": "user", "content": object}], None, "message 0['content']"),
        ([], {"name": "f"}, "tools must be a list"),
        ([], [1], "tools[0] must be a dict"),
    ],
)
def test_bad_input_names_the_value(messages: Any, tools: Any, fragment: str) -> None:
    with pytest.raises(InvalidMessageError) as error:
        make_conversation(messages, tools=tools)
    assert fragment in str(error.value)


def test_continue_without_a_final_field_is_a_template_error() -> None:
    conversation = make_conversation([{"role": "user", "content": "x"}], False)
    with pytest.raises(TemplateError, match="'reasoning_content'"):
        render_continuing(echo, conversation, "reasoning_content")
    with pytest.raises(TemplateError, match="empty"):
        render_continuing(echo, make_conversation([], False), continue_final_message=True)


def test_none_valued_keys_are_dropped_as_apply_chat_template_does() -> None:
    call = {"type": "function", "function": {"name": "f", "arguments": {}}}
    conversation = make_conversation(
        [{"role": "assistant", "content": None, "tool_calls": [call], "reasoning": None}]
    )
    assert ({"role": "assistant", "tool_calls": [call]},) == conversation.messages


def test_continuing_and_a_generation_prompt_together_are_refused() -> None:
    conversation = make_conversation([{"role": "assistant", "content": "x"}], True)
    with pytest.raises(TemplateError, match="not compatible"):
        render_continuing(echo, conversation, continue_final_message=True)


def test_the_last_part_with_a_text_key_is_continued_even_when_it_is_not_text() -> None:
    parts = [{"type": "text", "text": "東京🗼"}, {"type": "text", "text": False}]
    messages = [{"role": "user", "content": "x"}, {"role": "assistant", "content": parts}]
    with pytest.raises(TypeError):
        transformers_render(messages, add_generation_prompt=False, continue_final_message=True)
    conversation = make_conversation(messages, add_generation_prompt=False)
    with pytest.raises(TemplateError, match="last text part holds bool: False"):
        render_continuing(echo, conversation, continue_final_message=True)
