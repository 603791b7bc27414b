"""Sessions move between ChatStream 0.3.0's Llama 2 class and ours, both ways."""

from __future__ import annotations

import chatstream
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt import Llama2ChatPrompt
from chatprompt.errors import InvalidChatDataError

text = st.text(alphabet=st.sampled_from(list("ab <>/[]\n浅草寺🙏😊")), min_size=1, max_size=12)
exchanges = st.lists(st.tuples(text, text), max_size=3)


def chatstreams(pairs: list[tuple[str, str]], pending: str | None) -> object:
    prompt = chatstream.ChatPromptMetaLlamaLlama2Chat()
    for question, answer in pairs:
        prompt.add_requester_msg(question)
        prompt.add_responder_msg(answer)
    if pending is not None:
        prompt.add_requester_msg(pending)
        prompt.add_responder_msg(None)
    return prompt


@settings(max_examples=40, deadline=None)
@given(exchanges, st.none() | text)
def test_chatstreams_session_loads_into_ours_and_back(
    pairs: list[tuple[str, str]], pending: str | None
) -> None:
    theirs = chatstreams(pairs, pending)

    ours = Llama2ChatPrompt.from_dict(theirs.to_dict())  # type: ignore[attr-defined]
    back = chatstream.ChatPromptMetaLlamaLlama2Chat.from_dict(ours.to_dict())

    assert theirs.create_prompt() == ours.create_prompt()  # type: ignore[attr-defined]
    assert theirs.create_prompt() == back.create_prompt()  # type: ignore[attr-defined]
    assert theirs.get_turn() == ours.get_turn() == back.get_turn()  # type: ignore[attr-defined]
    assert [c.get_message() for c in theirs.responder_messages] == [  # type: ignore[attr-defined]
        c.get_message() for c in ours.responder_messages
    ]


def test_a_chatstream_session_with_message_ids_and_chat_mode_off_keeps_them() -> None:
    theirs = chatstreams([("浅草寺はどこ？🙏", "東京です😊")], "次は？")
    theirs.set_responder_last_msg("京都です")  # type: ignore[attr-defined]
    theirs.set_responder_last_msg_id("m-2")  # type: ignore[attr-defined]
    theirs.set_chat_mode_enabled(False)  # type: ignore[attr-defined]

    ours = Llama2ChatPrompt.from_dict(theirs.to_dict())  # type: ignore[attr-defined]

    assert not ours.chat_mode
    assert "次は？" == ours.create_prompt()
    found = ours.find_chat_content_by_message_id("m-2")
    assert found is not None
    assert "京都です" == found.message


def test_from_dict_is_a_classmethod_returning_a_new_prompt() -> None:
    source = Llama2ChatPrompt(system_prompt="あなたは親切です😊")
    source.add_requester_msg("こんにちは")

    from_class = Llama2ChatPrompt.from_dict(source.to_dict())
    from_instance = source.from_dict(Llama2ChatPrompt().to_dict())

    assert isinstance(from_class, Llama2ChatPrompt)
    assert source.create_prompt() == from_class.create_prompt()
    assert from_instance is not source
    assert 1 == source.get_turn()  # the instance it was called on is untouched
    assert 0 == from_instance.get_turn()


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("chat_mode", "yes", "'chat_mode' must be a bool, got 'yes'"),
        ("requester_messages", {}, "'requester_messages' must be a list, got {}"),
        ("chat_contents", [3], "'chat_contents': a chat content must be a mapping, got 3"),
        (
            "responder_messages",
            [{"role": "", "message": None, "role_type": "BOT"}],
            "'responder_messages': unknown role_type 'BOT'",
        ),
    ],
)
def test_bad_chatstream_data_names_the_key(key: str, value: object, text: str) -> None:
    data = chatstreams([("Q", "A")], None).to_dict()  # type: ignore[attr-defined]
    data[key] = value

    with pytest.raises(InvalidChatDataError) as info:
        Llama2ChatPrompt.from_dict(data)

    assert text in str(info.value)
