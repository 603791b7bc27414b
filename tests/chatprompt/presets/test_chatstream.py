"""ChatStream's presets: the intended formats (PRESETS facts), with ChatStream's bugs fixed."""

from __future__ import annotations

import pytest

from chatprompt import (
    AbstractChatPrompt,
    ChatContent,
    DollyChatPrompt,
    LineChatPrompt,
    MatsuoLabChatPrompt,
    MPTChatPrompt,
    OpenCalmChatPrompt,
    OpenLlamaChatPrompt,
    PromptTTL,
    RedPajamaChatPrompt,
    RinnaChatPrompt,
    StabilityAIJapaneseChatPrompt,
    StockmarkChatPrompt,
)

JA_SYSTEM = (
    "以下は、タスクを説明する指示と、文脈のある入力の組み合わせです。"
    "要求を適切に満たす応答を書きなさい。"
)
DOLLY_SYSTEM = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request."
)


def sample(prompt: AbstractChatPrompt) -> str:
    """The PRESETS sample: u1, a1, u2, then the pending response slot."""
    prompt.add_requester_msg("Hello\nthere")
    prompt.add_responder_msg("Hi!")
    prompt.add_requester_msg("How are you?")
    prompt.add_responder_msg(None)
    return prompt.create_prompt()


SAMPLES = [
    pytest.param(
        RinnaChatPrompt(),
        "ユーザー: Hello<NL>there<NL>システム: Hi!<NL>ユーザー: How are you?<NL>システム: ",
        id="rinna",
    ),
    pytest.param(
        LineChatPrompt(),
        "ユーザー: Hello\nthere\nシステム: Hi!\nユーザー: How are you?\nシステム: ",
        id="line",
    ),
    pytest.param(
        DollyChatPrompt(),
        f"{DOLLY_SYSTEM}\n\n### Instruction:\nHello\nthere\n\n### Response:\nHi!\n\n"
        "### Instruction:\nHow are you?\n\n### Response:\n",
        id="dolly",
    ),
    pytest.param(
        StabilityAIJapaneseChatPrompt(),
        f"{JA_SYSTEM}\n\n### 指示: \nHello\nthere\n\n### 応答: \nHi!\n\n"
        "### 指示: \nHow are you?\n\n### 応答: ",
        id="stabilityai-jp",
    ),
    pytest.param(
        MatsuoLabChatPrompt(),
        f"{JA_SYSTEM}\n\n### 指示: \nHow are you?\n\n### 応答: ",
        id="matsuo-lab-single-turn",
    ),
    pytest.param(
        RedPajamaChatPrompt(),
        "<human>: Hello\nthere\n<bot>: Hi!\n<human>: How are you?\n<bot>:",
        id="redpajama",
    ),
    pytest.param(
        OpenLlamaChatPrompt(), "Q: Hello\nthere\nA: Hi!\nQ: How are you?\nA:", id="open-llama"
    ),
    pytest.param(OpenCalmChatPrompt(), "Hello\nthereHi!How are you?", id="open-calm"),
    pytest.param(StockmarkChatPrompt(), "Hello\nthereHi!How are you?", id="stockmark"),
    pytest.param(
        MPTChatPrompt(),
        "<|im_start|>system\nA conversation between a user and an LLM-based AI assistant. "
        "The assistant gives helpful and honest answers.\n<|im_start|>user\nHello\nthere"
        "<|im_end|>\n<|im_start|>assistant\nHi!<|im_end|>\n<|im_start|>user\nHow are you?"
        "<|im_end|>\n<|im_start|>assistant\n",
        id="mpt-chat-is-chatml",
    ),
]


@pytest.mark.parametrize(("prompt", "expected"), SAMPLES)
def test_chatstream_sample_renders_the_intended_format(
    prompt: AbstractChatPrompt, expected: str
) -> None:
    assert expected == sample(prompt)


@pytest.mark.parametrize(("prompt", "expected"), SAMPLES)
def test_stateless_render_equals_the_stateful_prompt(
    prompt: AbstractChatPrompt, expected: str
) -> None:
    messages = [
        {"role": "user", "content": "Hello\nthere"},
        {"role": "assistant", "content": "Hi!"},
        {"role": "user", "content": "How are you?"},
    ]
    if prompt.get_prompt_ttl() is PromptTTL.SINGLE_TURN:
        messages = messages[2:]
    assert expected == prompt.render(messages)


@pytest.mark.parametrize(
    ("prompt", "stops"),
    [
        (RinnaChatPrompt(), []),
        (LineChatPrompt(), ["ユーザー: "]),
        (DollyChatPrompt(), ["### Instruction:\n"]),
        (StabilityAIJapaneseChatPrompt(), ["### 指示: "]),
        (MatsuoLabChatPrompt(), ["### 指示: ", "Q:"]),
        (RedPajamaChatPrompt(), ["<human>:", "<|endoftext|>"]),
        (OpenLlamaChatPrompt(), ["\nQ:"]),
        (OpenCalmChatPrompt(), []),
        (StockmarkChatPrompt(), []),
        (MPTChatPrompt(), ["<|im_end|>", "<|endoftext|>"]),
    ],
)
def test_stop_strings(prompt: AbstractChatPrompt, stops: list[str]) -> None:
    assert stops == prompt.get_stop_strs()


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
