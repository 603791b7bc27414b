"""Every current-generation format is a preset: found by its names and model ids, stateful.

The preset classes render the golden files in ``test_golden.py``; this module checks the
registry, the ChatStream history and the choice between named templates.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt import (
    CommandR7BChatPrompt,
    Hermes3ChatPrompt,
    Qwen3ChatPrompt,
    get_chat_prompt,
    list_chat_prompts,
)
from chatprompt._conversation import make_conversation
from chatprompt.presets import _jinja_values, qwen3, qwen3_launch
from chatprompt.presets._format_base import FormatPromptBase

from .test_golden import EXPECTED, _Frozen, preset_class

MODULES = sorted(folder.name for folder in EXPECTED.iterdir() if folder.is_dir())
SYSTEM = "あなたは親切なアシスタントです。絵文字OK 😊"
QUESTION = "浅草寺はどこですか？🙏"
ANSWER = "東京都台東区浅草にあります。⛩️"


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = type("Frozen", (_Frozen,), {"frozen": "2026-11-29T09:30:00"})
    monkeypatch.setattr(_jinja_values, "datetime", frozen)


@pytest.mark.parametrize("module_name", MODULES)
def test_every_name_and_model_id_finds_the_formats_preset(module_name: str) -> None:
    module = importlib.import_module(f"chatprompt.presets.{module_name}")
    cls = preset_class(module_name)
    keys = [*module.NAMES, *module.MODEL_IDS, *(m.upper() for m in module.MODEL_IDS)]
    assert [cls] * len(keys) == [type(get_chat_prompt(key)) for key in keys]
    facts = (module.BOS_TOKEN, module.EOS_TOKEN, module.STOP_STRS, module.FEATURES)
    assert facts == (cls.bos_token, cls.eos_token, cls.stop_strs, cls.features)
    assert module.REFERENCE == cls.reference


def test_every_format_preset_has_golden_files() -> None:
    presets = {type(get_chat_prompt(name)) for name in list_chat_prompts()}
    formats = {cls for cls in presets if issubclass(cls, FormatPromptBase)}
    assert formats == {preset_class(module_name) for module_name in MODULES}


# Hermes 3 without tools renders its ``default`` template, not the golden ``tool_use`` one.
STATEFUL = [name for name in MODULES if name != "hermes3"]


@pytest.mark.parametrize("module_name", STATEFUL)
def test_stateful_history_renders_the_multi_turn_golden_file(module_name: str) -> None:
    path = EXPECTED / module_name / "multi_turn.txt"
    prompt = preset_class(module_name)()
    prompt.set_system(SYSTEM)
    prompt.add_requester_msg(QUESTION)
    prompt.add_responder_msg(ANSWER)
    prompt.add_requester_msg("What's near it?")
    prompt.add_responder_msg(None)
    assert path.read_bytes().decode("utf-8") == prompt.create_prompt()


def test_hermes_3_without_tools_renders_its_default_template_chatml_after_bos() -> None:
    prompt = get_chat_prompt("NousResearch/Hermes-3-Llama-3.1-8B")
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": QUESTION}]
    expected = (
        f"<|begin_of_text|><|im_start|>system\n{SYSTEM}<|im_end|>\n"
        f"<|im_start|>user\n{QUESTION}<|im_end|>\n<|im_start|>assistant\n"
    )
    assert expected == prompt.render(messages)


def test_hermes_3_with_tools_renders_its_tool_use_template() -> None:
    tools = [
        {"type": "function", "function": {"name": "天気", "description": "☀", "parameters": {}}}
    ]
    rendered = Hermes3ChatPrompt().render([{"role": "user", "content": QUESTION}], tools=tools)
    assert rendered.startswith("<|begin_of_text|><|im_start|>system\nYou are a function calling")
    assert (
        '{"type": "function", "function": {"name": "天気", '
        '"description": "天気() - ☀\n\n", "parameters": {}}' in rendered
    )


def test_command_r7b_picks_tool_use_when_tools_are_given_and_default_otherwise() -> None:
    prompt = get_chat_prompt("CohereLabs/c4ai-command-r7b-12-2024")
    assert isinstance(prompt, CommandR7BChatPrompt)
    messages = [{"role": "user", "content": QUESTION}]
    tools = [{"type": "function", "function": {"name": "f", "description": "", "parameters": {}}}]
    assert "## Available Tools" in prompt.render(messages, tools=tools)
    assert "<|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|><|END_OF_TURN_TOKEN|>" in prompt.render(messages)


def test_golden_folders_are_format_modules() -> None:
    assert all((Path(__file__).parent / "expected" / name).is_dir() for name in MODULES)


def test_a_subclass_of_a_format_preset_keeps_its_facts_and_render() -> None:
    class MyQwen3(Qwen3ChatPrompt):
        """Qwen3 with one more stop string (no names: not registered)."""

        stop_strs = (*Qwen3ChatPrompt.stop_strs, "。")

    messages = [{"role": "user", "content": QUESTION}]
    assert Qwen3ChatPrompt().render(messages) == MyQwen3().render(messages)
    assert ("<|im_end|>", "<|endoftext|>", "。") == MyQwen3.stop_strs
    assert Qwen3ChatPrompt.model_ids == MyQwen3.model_ids
    assert "names" not in vars(MyQwen3)


TEXT = st.text(alphabet=st.sampled_from("ab \n</think>浅草🙏😊"), max_size=12)


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
