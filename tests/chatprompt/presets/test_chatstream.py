"""The stateful (ChatStream) history of every preset, and ChatStream's presets' own behaviour.

Their rendered formats are in the golden files (``expected/<preset>/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatprompt import (
    AbstractChatPrompt,
    ChatContent,
    LineChatPrompt,
    MatsuoLabChatPrompt,
    OpenCalmChatPrompt,
    PromptTTL,
    RinnaChatPrompt,
    StockmarkChatPrompt,
    get_chat_prompt,
)

from ._conversations import folder_template_vars, golden_folders, read_golden

JA_SYSTEM = (
    "以下は、タスクを説明する指示と、文脈のある入力の組み合わせです。"
    "要求を適切に満たす応答を書きなさい。"
)


def sample(prompt: AbstractChatPrompt) -> str:
    """The PRESETS sample: u1, a1, u2, then the pending response slot."""
    prompt.add_requester_msg("Hello\nthere")
    prompt.add_responder_msg("Hi!")
    prompt.add_requester_msg("How are you?")
    prompt.add_responder_msg(None)
    return prompt.create_prompt()


MULTI_TURN_FOLDERS = [folder for folder in golden_folders() if folder.name != "matsuo-lab"]


@pytest.mark.parametrize("folder", MULTI_TURN_FOLDERS, ids=[f.name for f in MULTI_TURN_FOLDERS])
def test_stateful_history_renders_the_no_system_golden_file(folder: Path) -> None:
    expected = read_golden(folder / "no_system.txt")
    prompt = get_chat_prompt(folder.name, **folder_template_vars(folder))
    assert expected == sample(prompt)


def test_matsuo_lab_single_turn_history_renders_only_the_last_request() -> None:
    expected = f"{JA_SYSTEM}\n\n### 指示: \nHow are you?\n\n### 応答: "
    assert expected == sample(MatsuoLabChatPrompt())
    assert expected == MatsuoLabChatPrompt().render([{"role": "user", "content": "How are you?"}])


def test_rinna_replaces_newlines_both_ways() -> None:
    prompt = RinnaChatPrompt()
    assert prompt.get_replacement_when_input() == [("\n", "<NL>")]
    assert prompt.get_replacement_when_output() == [("<NL>", "\n")]


def test_line_writes_a_newline_after_an_answer_unlike_chatstream() -> None:
    prompt = LineChatPrompt()
    prompt.add_requester_msg("こんにちは")
    prompt.add_responder_msg("はい！😀")
    prompt.add_requester_msg("元気？")
    prompt.add_responder_msg(None)
    assert (
        prompt.create_prompt()
    ) == "ユーザー: こんにちは\nシステム: はい！😀\nユーザー: 元気？\nシステム: "


def test_line_prefix_as_stop_string_is_not_duplicated() -> None:
    prompt = LineChatPrompt()
    prompt.set_prefix_as_stop_str_enabled(True)
    assert prompt.get_stop_strs() == ["ユーザー: "]


@pytest.mark.parametrize("prompt", [OpenCalmChatPrompt(), StockmarkChatPrompt()])
def test_plain_presets_accept_an_empty_first_message(prompt: AbstractChatPrompt) -> None:
    prompt.add_requester_msg("")
    prompt.add_responder_msg(None)
    assert prompt.create_prompt() == ""


def test_matsuo_lab_renders_child_messages_as_inputs() -> None:
    prompt = MatsuoLabChatPrompt()
    prompt.add_requester_msg("要約して", child_message="吾輩は猫である。")
    prompt.add_responder_msg(None)
    expected = f"{JA_SYSTEM}\n\n### 指示: \n要約して\n\n### 入力: \n吾輩は猫である。\n\n### 応答: "
    assert expected == prompt.create_prompt()


def test_matsuo_lab_child_messages_survive_to_messages() -> None:
    prompt = MatsuoLabChatPrompt()
    prompt.add_requester_msg("要約して", child_messages=[ChatContent("", "本文")])
    copy = MatsuoLabChatPrompt().from_messages(prompt.to_messages())
    assert prompt.create_prompt() + "### 応答: " == copy.create_prompt()


def test_matsuo_lab_is_single_turn_by_default_and_can_be_multi_turn() -> None:
    prompt = MatsuoLabChatPrompt()
    assert PromptTTL.SINGLE_TURN is prompt.get_prompt_ttl()
    prompt.set_prompt_ttl(PromptTTL.MULTI_TURN)
    assert sample(prompt).count("### 指示:") == 2
