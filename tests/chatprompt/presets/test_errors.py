"""The text of the errors presets raise where their templates raise."""

from __future__ import annotations

import pytest

from chatprompt import (
    GemmaChatPrompt,
    Llama2OfficialChatPrompt,
    Llama3ChatPrompt,
    MistralV01ChatPrompt,
    MistralV02LegacyChatPrompt,
)
from chatprompt.errors import MessageOrderError, UnsupportedRoleError


def test_alternation_error_carries_the_templates_message_and_the_message() -> None:
    with pytest.raises(MessageOrderError) as error:
        Llama2OfficialChatPrompt().render(
            [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]
        )
    assert str(error.value) == (
        "Conversation roles must alternate user/assistant/user/assistant/... "
        "(message 1 after the system message is {'role': 'user', 'content': 'b'})"
    )


def test_mistral_alternation_error_names_the_optional_system_message() -> None:
    with pytest.raises(MessageOrderError, match=r"^After the optional system message, conv"):
        MistralV01ChatPrompt().render(
            [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]
        )


def test_gemma_rejects_a_system_message_naming_it() -> None:
    with pytest.raises(UnsupportedRoleError) as error:
        GemmaChatPrompt().render(
            [{"role": "system", "content": "be kind"}, {"role": "user", "content": "hi"}]
        )
    assert str(error.value) == (
        "System role not supported: GemmaChatPrompt has no system role; got system message "
        "'be kind' (merge it into the first user message instead)"
    )
    assert isinstance(error.value, ValueError)


def test_legacy_mistral_has_no_system_role() -> None:
    with pytest.raises(MessageOrderError, match="has no system role; got system message 'x'"):
        MistralV02LegacyChatPrompt().render(
            [{"role": "system", "content": "x"}, {"role": "user", "content": "hi"}]
        )


def test_templates_reading_the_first_message_reject_an_empty_list() -> None:
    with pytest.raises(MessageOrderError, match="needs at least one message, got \\[\\]"):
        GemmaChatPrompt().render([])


def test_templates_that_accept_an_empty_list_render_it() -> None:
    assert Llama3ChatPrompt().render([]) == "<|start_header_id|>assistant<|end_header_id|>\n\n"
