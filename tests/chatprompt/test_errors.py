"""Bad input raises typed errors that name the value; nothing is half-applied."""

from __future__ import annotations

from typing import Any

import pytest

from chatprompt import Llama2ChatPrompt
from chatprompt.errors import (
    ChatPromptError,
    InvalidChatDataError,
    InvalidMessageError,
    MessageOrderError,
    UnknownRoleError,
)
from tests.chatprompt.chat_presets_for_tests import LinePrompt, sample


def test_unknown_role_in_render_names_it() -> None:
    with pytest.raises(UnknownRoleError) as info:
        Llama2ChatPrompt().render([{"role": "tool", "content": "x"}])

    assert "message 0 has unknown role 'tool'; valid roles: 'system', 'user', 'assistant'" == str(
        info.value
    )
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ChatPromptError)


@pytest.mark.parametrize(
    ("messages", "error", "text"),
    [
        ("hello", InvalidMessageError, "messages must be a list of mappings, got str: 'hello'"),
        (
            [42],
            InvalidMessageError,
            "message 0 must be a mapping with 'role' and 'content', got int: 42",
        ),
        (
            [{"role": "user"}],
            InvalidMessageError,
            "message 0 {'role': 'user'} is missing key(s) 'content'",
        ),
        (
            [{"role": "user", "content": 7}],
            InvalidMessageError,
            "message 0 (user) content must be a str, got int: 7",
        ),
        (
            [{"role": "user", "content": "q"}, {"role": "system", "content": "s"}],
            MessageOrderError,
            "a system message may only come first; message 1 is {'role': 'system', 'content': 's'}",
        ),
    ],
)
def test_bad_message_lists(messages: Any, error: type[Exception], text: str) -> None:
    with pytest.raises(error) as info:
        LinePrompt().render(messages)

    assert text == str(info.value)


def test_invalid_message_error_is_a_type_error() -> None:
    assert issubclass(InvalidMessageError, TypeError)


def test_from_messages_that_fails_leaves_the_history_as_it_was() -> None:
    prompt = sample()
    before = prompt.to_dict()

    with pytest.raises(UnknownRoleError):
        prompt.from_messages([{"role": "user", "content": "q"}, {"role": "bot", "content": "a"}])

    assert before == prompt.to_dict()


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            {"system": ""},
            "chat prompt data is missing key(s) 'requester', 'responder', 'chat_contents'",
        ),
        (
            {"system": "", "requester": "", "responder": "", "chat_contents": [{"role": "x"}]},
            "is missing key(s) 'message'",
        ),
        (
            {"system": 3, "requester": "", "responder": "", "chat_contents": []},
            "'system' must be a str, got 3",
        ),
        (
            {
                "system": "",
                "requester": "",
                "responder": "",
                "chat_contents": [{"role": "x", "message": "m", "role_type": "BOSS"}],
            },
            "unknown role_type 'BOSS' in chat content; valid: 'REQUESTER', 'RESPONDER', 'UNKNOWN'",
        ),
        (
            {
                "system": "",
                "requester": "",
                "responder": "",
                "chat_contents": [],
                "prompt_ttl": "X",
            },
            "unknown prompt_ttl 'X'; valid: 'MULTI_TURN', 'SINGLE_TURN'",
        ),
    ],
)
def test_from_dict_with_bad_data_names_the_problem_and_changes_nothing(
    data: dict[str, Any], text: str
) -> None:
    prompt = sample()
    before = prompt.to_dict()

    with pytest.raises(InvalidChatDataError) as info:
        prompt.from_dict(data)

    assert text in str(info.value)
    assert before == prompt.to_dict()
