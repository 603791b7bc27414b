"""The template-value helpers behave as Jinja does under ``apply_chat_template``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt._conversation import make_conversation
from chatprompt.errors import TemplateError
from chatprompt.presets import qwen3, qwen3_launch
from chatprompt.presets._tool_formats import Undefined, attr, concat, method, text

TEXT = st.text(alphabet=st.sampled_from("ab \n</think>浅草🙏😊"), max_size=12)


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


@settings(max_examples=60, deadline=None)
@given(
    turns=st.lists(st.tuples(st.sampled_from(["user", "assistant", "tool"]), TEXT), max_size=6),
    thinking=st.sampled_from([None, True, False]),
)
def test_qwen3_revisions_agree_on_text_only_conversations(
    turns: list[tuple[str, str]], thinking: bool | None
) -> None:
    messages = [{"role": role, "content": content} for role, content in turns]
    template_vars = {} if thinking is None else {"enable_thinking": thinking}
    conversation = make_conversation(
        [{"role": "system", "content": "😊"}, *messages], **template_vars
    )

    assert qwen3_launch.render(conversation) == qwen3.render(conversation)
