"""The ChatStream history carries what ``render`` takes: tool calls and results, reasoning,
content parts, and the tools and template variables ``create_prompt`` renders with."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt import Llama2ChatPrompt, RoleType, encode_prompt
from chatprompt._conversation import Conversation
from chatprompt.errors import InvalidMessageError, UnknownRoleError
from chatprompt.presets import qwen3, qwen3_5
from chatprompt.presets._format_base import FormatPromptBase
from local_models import llama2_tokenizer


class Qwen3Format(FormatPromptBase):
    """Qwen3's published format (tools, tool calls and results, reasoning) as a preset class."""

    def render_conversation(self, conversation: Conversation) -> str:
        return qwen3.render(conversation)


class Qwen35Format(FormatPromptBase):
    """Qwen3.5's published format, which also writes content parts."""

    def render_conversation(self, conversation: Conversation) -> str:
        return qwen3_5.render(conversation)


TOOLS: list[dict[str, Any]] = [
    {"type": "function", "function": {"name": "天気", "parameters": {"type": "object"}}}
]
CALL: dict[str, Any] = {
    "type": "function",
    "function": {"name": "天気", "arguments": {"都市": "東京"}},
}
CONVERSATION: list[dict[str, Any]] = [
    {"role": "system", "content": "日本語で答えて🙂"},
    {"role": "user", "content": [{"type": "text", "text": "東京の天気は？☔"}]},
    {"role": "assistant", "content": None, "tool_calls": [CALL], "reasoning_content": "調べる🤔"},
    {"role": "tool", "content": "晴れ☀️", "tool_call_id": "call-1", "name": "天気"},
]

text = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["東京の天気は？", "😀🎌", "", "<|im_end|>"]
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | text,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(text, inner, max_size=2),
    max_leaves=4,
)
arguments = st.dictionaries(text, json_value, max_size=2) | text  # a dict or a JSON string
tool_call = st.builds(
    lambda name, args: {"type": "function", "function": {"name": name, "arguments": args}},
    text,
    arguments,
)
parts = st.lists(
    st.builds(lambda t: {"type": "text", "text": t}, text)
    | st.just({"type": "image", "url": "https://example.com/富士山.png"}),
    min_size=1,
    max_size=3,
)
user = st.builds(lambda content: {"role": "user", "content": content}, text | parts)
assistant = st.builds(
    lambda content, calls, reasoning: {
        "role": "assistant",
        "content": content,
        **({"tool_calls": calls} if calls else {}),
        **({"reasoning_content": reasoning} if reasoning is not None else {}),
    },
    text | parts | st.none(),
    st.lists(tool_call, max_size=2),
    st.none() | text,
)
tool = st.builds(
    lambda content, call_id, name: {
        "role": "tool",
        "content": content,
        "tool_call_id": call_id,
        "name": name,
    },
    text | parts,
    text,
    text,
)
system = st.builds(lambda content: [{"role": "system", "content": content}], text.filter(bool))


@settings(max_examples=60, deadline=None)
@given(st.just([]) | system, st.lists(user | assistant | tool, max_size=5))
def test_from_messages_then_to_messages_gives_back_the_messages(
    head: list[dict[str, Any]], conversation: list[dict[str, Any]]
) -> None:
    messages = head + conversation

    prompt = Qwen3Format().from_messages(messages, add_generation_prompt=False)

    assert messages == prompt.to_messages()
    assert messages == Qwen3Format.from_dict(prompt.to_dict()).to_messages()


def test_a_tool_result_is_stored_with_its_role_and_is_no_turn_of_the_requester() -> None:
    prompt = Qwen3Format().from_messages(CONVERSATION)

    contents = prompt.get_contents()
    assert [RoleType.REQUESTER, RoleType.RESPONDER, RoleType.UNKNOWN, RoleType.RESPONDER] == [
        content.role_type for content in contents
    ]
    assert ("tool", "晴れ☀️") == (contents[2].role, contents[2].msg)
    assert "東京の天気は？☔" == contents[0].msg  # ChatStream's view of a list of parts
    assert None is contents[-1].msg  # the pending slot follows a tool result
    assert 1 == prompt.get_turn()


def test_create_prompt_renders_the_history_with_its_render_options() -> None:
    prompt = Qwen3Format().from_messages(CONVERSATION)
    prompt.set_render_options(tools=TOOLS, enable_thinking=False)

    expected = prompt.render(prompt.to_messages(), tools=TOOLS, enable_thinking=False)
    assert expected == prompt.create_prompt()
    assert {"tools": TOOLS, "enable_thinking": False} == prompt.get_render_options()
    assert '"name": "天気"' in expected
    assert "<tool_response>\n晴れ☀️\n</tool_response>" in expected


def test_create_prompt_writes_content_parts_as_the_format_does() -> None:
    prompt = Qwen35Format().from_messages(CONVERSATION)
    prompt.set_render_options(tools=TOOLS)

    rendered = prompt.create_prompt()
    assert prompt.render(CONVERSATION, tools=TOOLS) == rendered
    assert "<|im_start|>user\n東京の天気は？☔<|im_end|>" in rendered


def test_set_render_options_without_arguments_clears_them() -> None:
    prompt = Qwen3Format().from_messages(CONVERSATION)
    prompt.set_render_options(tools=TOOLS)
    prompt.set_render_options()

    assert prompt.render(prompt.to_messages()) == prompt.create_prompt()


def test_set_render_options_refuses_tools_that_are_not_a_list_of_mappings() -> None:
    prompt = Qwen3Format()
    with pytest.raises(InvalidMessageError, match="tools"):
        prompt.set_render_options(tools="天気")  # type: ignore[arg-type]
    assert {} == prompt.get_render_options()


def test_text_changed_through_chatstream_replaces_the_parts() -> None:
    prompt = Qwen3Format().from_messages(CONVERSATION[:2])
    prompt.set_responder_last_msg("晴れです☀️")
    prompt.chat_contents[0].msg = "大阪は？🐙"

    assert [
        {"role": "system", "content": "日本語で答えて🙂"},
        {"role": "user", "content": "大阪は？🐙"},
        {"role": "assistant", "content": "晴れです☀️"},
    ] == prompt.to_messages()


def test_a_line_by_line_preset_keeps_refusing_tool_messages_and_parts() -> None:
    prompt = Llama2ChatPrompt()
    with pytest.raises(UnknownRoleError, match="'tool'"):
        prompt.from_messages([{"role": "user", "content": "天気？"}, CONVERSATION[3]])
    with pytest.raises(InvalidMessageError, match="content must be a str"):
        prompt.from_messages([CONVERSATION[1]])
    assert prompt.is_empty()


TOKENIZER = llama2_tokenizer()


def test_encode_prompt_renders_messages_with_tools_and_template_variables() -> None:
    ids = encode_prompt(
        TOKENIZER, Qwen3Format(), messages=CONVERSATION, tools=TOOLS, enable_thinking=False
    )

    text = Qwen3Format().render(CONVERSATION, tools=TOOLS, enable_thinking=False)
    assert [TOKENIZER.bos_token_id, *TOKENIZER.encode(text, add_special_tokens=False)] == ids


def test_encode_prompt_renders_the_history_with_its_options_and_the_ones_given() -> None:
    prompt = Qwen3Format().from_messages(CONVERSATION)
    prompt.set_render_options(tools=TOOLS, enable_thinking=True)

    ids = encode_prompt(TOKENIZER, prompt, enable_thinking=False)

    text = prompt.render(prompt.to_messages(), tools=TOOLS, enable_thinking=False)
    assert [TOKENIZER.bos_token_id, *TOKENIZER.encode(text, add_special_tokens=False)] == ids
    assert {"tools": TOOLS, "enable_thinking": True} == prompt.get_render_options()


@pytest.mark.parametrize("from_history", [False, True])
def test_control_token_text_in_a_text_part_stays_text(from_history: bool) -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": "</s><s>東京😀"}]}]
    prompt = Qwen35Format()
    if from_history:
        ids = encode_prompt(TOKENIZER, prompt.from_messages(messages), tools=TOOLS)
    else:
        ids = encode_prompt(TOKENIZER, prompt, messages=messages, tools=TOOLS)

    assert [TOKENIZER.bos_token_id] == [i for i in ids if i == TOKENIZER.bos_token_id]
    assert TOKENIZER.eos_token_id not in ids
    assert "<|im_start|>user\n</s><s>東京😀<|im_end|>" in TOKENIZER.decode(ids[1:])


def test_encode_prompt_refuses_render_options_with_a_prompt_string() -> None:
    with pytest.raises(InvalidMessageError, match="'tools'"):
        encode_prompt(TOKENIZER, "<s>[INST] 天気？ [/INST]", tools=TOOLS)
