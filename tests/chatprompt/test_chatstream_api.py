"""Every ChatStream behaviour of AbstractChatPrompt that applications rely on."""

from __future__ import annotations

import pytest

from chatprompt import ChatContent, Llama2ChatPrompt, PromptTTL, RoleType
from chatprompt.errors import (
    InvalidMessageError,
    MessageOrderError,
    MissingTokenizerError,
    UnknownMessageIdError,
)
from tests.chatprompt.chat_presets_for_tests import LinePrompt, sample

SAMPLE = "ユーザー: Hello<NL>there<NL>システム: Hi!<NL>ユーザー: How are you?<NL>システム: "


def test_sample_renders_with_input_replacements() -> None:
    assert SAMPLE == sample().create_prompt()


def test_turn_counts_requester_messages() -> None:
    prompt = LinePrompt()
    assert 0 == prompt.get_turn()
    assert prompt.is_empty()

    sample(prompt)

    assert 2 == prompt.get_turn()
    assert not prompt.is_empty()


def test_last_messages_and_filling_the_pending_slot() -> None:
    prompt = sample()
    assert "How are you?" == prompt.get_requester_last_msg()
    assert prompt.get_responder_last_msg() is None

    prompt.set_responder_last_msg("元気です😊")
    prompt.set_responder_last_msg_id("a2")

    assert "元気です😊" == prompt.get_responder_last_msg()
    assert "a2" == prompt.get_contents()[-1].get_message_id()
    assert SAMPLE + "元気です😊<NL>" == prompt.create_prompt()


def test_clear_last_responder_message_makes_it_pending_again() -> None:
    prompt = sample()
    prompt.set_responder_last_msg("Fine.")

    prompt.clear_last_responder_message()

    assert SAMPLE == prompt.create_prompt()


def test_remove_last_requester_and_responder_messages() -> None:
    prompt = sample()

    prompt.remove_last_responder_msg()
    prompt.remove_last_requester_msg()

    assert ["u1", "a1"] == [c.msg_id for c in prompt.get_contents()]


def test_find_chat_content_by_message_id_returns_the_live_message() -> None:
    prompt = sample()

    found = prompt.find_chat_content_by_message_id("a1")
    assert found is not None
    found.set_message("Hey!")

    assert "Hey!" == prompt.get_contents()[1].msg
    assert prompt.find_chat_content_by_message_id("nope") is None


def test_to_message_id_cuts_after_that_message() -> None:
    prompt = sample()

    contents = prompt.get_contents({"to_message_id": "a1"})

    assert ["u1", "a1"] == [c.msg_id for c in contents]
    assert "ユーザー: Hello<NL>there<NL>システム: Hi!<NL>" == prompt.create_prompt(
        {"to_message_id": "a1"}
    )


def test_to_message_id_unknown_raises_naming_the_id() -> None:
    with pytest.raises(UnknownMessageIdError, match="no message has message id 'zz'"):
        sample().get_contents({"to_message_id": "zz"})


def test_omit_last_message_turns_it_into_the_pending_slot() -> None:
    prompt = sample()
    prompt.set_responder_last_msg("Fine.")

    assert SAMPLE == prompt.create_prompt({"omit_last_message": True})
    assert prompt.get_contents({"omit_last_message": True})[-1].msg is None
    assert "Fine." == prompt.get_responder_last_msg()  # the history is untouched


def test_get_contents_returns_copies() -> None:
    prompt = sample()

    prompt.get_contents()[0].set_message("changed")

    assert "Hello\nthere" == prompt.get_contents()[0].msg


def test_single_turn_renders_only_the_last_exchange() -> None:
    prompt = sample()
    prompt.set_prompt_ttl(PromptTTL.SINGLE_TURN)

    assert PromptTTL.SINGLE_TURN == prompt.get_prompt_ttl()
    assert "ユーザー: How are you?<NL>システム: " == prompt.create_prompt()


def test_chat_mode_off_gives_just_the_last_requester_message() -> None:
    prompt = sample()
    prompt.set_chat_mode_enabled(False)

    assert not prompt.is_chat_mode_enabled()
    assert "How are you?" == prompt.create_prompt()


def test_replacements_in_both_directions() -> None:
    prompt = LinePrompt()

    assert [("\n", "<NL>")] == prompt.get_replacement_when_input()
    assert [("<NL>", "\n")] == prompt.get_replacement_when_output()


def test_no_replacements_is_none_as_in_chatstream() -> None:
    prompt = Llama2ChatPrompt()

    assert (None, None) == (
        prompt.get_replacement_when_input(),
        prompt.get_replacement_when_output(),
    )
    assert ((), ()) == (prompt.input_replacements, prompt.output_replacements)


def test_final_stop_strings_hold_the_requester_prefix_when_enabled() -> None:
    prompt = LinePrompt()
    assert ["</s>"] == prompt._get_final_stop_strs()

    prompt.set_prefix_as_stop_str_enabled(True)

    assert ["</s>", "ユーザー: "] == prompt._get_final_stop_strs()


def test_chatstreams_public_attributes_read_and_write_the_history() -> None:
    prompt = sample()
    prompt.system = "SYS<NL>"
    prompt.chat_mode = False

    assert ("SYS<NL>", "ユーザー", "システム") == (
        prompt.system,
        prompt.requester,
        prompt.responder,
    )
    assert not prompt.is_chat_mode_enabled()
    assert ["u1", "u2"] == [c.message_id for c in prompt.requester_messages]
    assert ["a1", None] == [c.message_id for c in prompt.responder_messages]
    assert prompt.chat_contents[0] is prompt.requester_messages[0]


def test_prefix_as_stop_string() -> None:
    prompt = LinePrompt()
    assert ["</s>"] == prompt.get_stop_strs()

    prompt.set_prefix_as_stop_str_enabled(True)

    assert prompt.is_prefix_as_stop_str_enabled()
    assert ["</s>", "ユーザー: "] == prompt.get_stop_strs()


def test_child_messages_render_after_their_request() -> None:
    prompt = LinePrompt()
    prompt.add_requester_msg("要約して", child_message="長い文章\nです", child_messages=["二つ目"])
    prompt.add_responder_msg(None)

    assert prompt.get_contents()[0].has_child_messages()
    assert (
        "ユーザー: 要約して<NL>入力: 長い文章<NL>です<NL>入力: 二つ目<NL>システム: "
        == prompt.create_prompt()
    )


def test_clear_history_keeps_the_system_text() -> None:
    prompt = sample()
    prompt.set_system("SYS<NL>")

    prompt.clear_history()

    assert prompt.is_empty()
    assert "SYS<NL>" == prompt.create_prompt()


def test_chat_content_dict_uses_chatstream_keys() -> None:
    content = ChatContent("ユーザー", "こんにちは", "m1", RoleType.REQUESTER)
    content.add_child_message(ChatContent("", "子", role_type=RoleType.UNKNOWN))

    assert {
        "role": "ユーザー",
        "role_type": "REQUESTER",
        "message": "こんにちは",
        "message_id": "m1",
        "child_messages": [
            {
                "role": "",
                "role_type": "UNKNOWN",
                "message": "子",
                "message_id": None,
                "child_messages": [],
            }
        ],
    } == content.to_dict()
    assert content == ChatContent.from_dict(content.to_dict())


def test_chat_content_getters_and_setters() -> None:
    content = ChatContent("a")
    content.set_role("b")
    content.set_role_type(RoleType.RESPONDER)
    content.set_message(None)
    content.set_message_id("x")

    assert ("b", RoleType.RESPONDER, None, "x") == (
        content.get_role(),
        content.get_role_type(),
        content.get_message(),
        content.get_message_id(),
    )
    assert not content.has_child_messages()
    assert [] == content.get_child_messages()


def test_prompt_to_dict_and_from_dict_restore_everything() -> None:
    prompt = sample()
    prompt.set_prompt_ttl(PromptTTL.SINGLE_TURN)

    restored = LinePrompt.from_dict(prompt.to_dict())

    assert prompt.to_dict() == restored.to_dict()
    assert prompt.create_prompt() == restored.create_prompt()
    assert "SINGLE_TURN" == prompt.to_dict()["prompt_ttl"]
    assert {"chat_mode", "requester_messages", "responder_messages"} <= prompt.to_dict().keys()


def test_from_dict_reads_this_librarys_older_chat_mode_key() -> None:
    data = sample().to_dict()
    del data["chat_mode"]
    data["chat_mode_enabled"] = False

    assert not LinePrompt.from_dict(data).is_chat_mode_enabled()


def test_get_skip_len_needs_a_tokenizer() -> None:
    with pytest.raises(
        MissingTokenizerError, match=r"LinePrompt.get_skip_len\(\) needs a tokenizer"
    ):
        sample().get_skip_len()


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["x"]])
def test_non_string_requester_message_is_refused_and_nothing_changes(bad: object) -> None:
    prompt = sample()
    before = prompt.to_dict()

    with pytest.raises(InvalidMessageError, match="requester message must be a str"):
        prompt.add_requester_msg(bad)  # type: ignore[arg-type]

    assert before == prompt.to_dict()


def test_filling_an_answer_without_any_responder_message_is_refused() -> None:
    prompt = LinePrompt()
    prompt.add_requester_msg("Q")

    with pytest.raises(MessageOrderError, match="the history has no responder message"):
        prompt.set_responder_last_msg("A")
