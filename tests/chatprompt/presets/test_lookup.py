"""get_chat_prompt / list_chat_prompts / register_chat_prompt."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chatprompt import (
    AbstractChatPrompt,
    ChatMLChatPrompt,
    Gemma3ChatPrompt,
    GptOssChatPrompt,
    Llama2ChatPrompt,
    Llama2OfficialChatPrompt,
    Llama3ChatPrompt,
    Llama32ChatPrompt,
    Llama33ChatPrompt,
    Qwen3ChatPrompt,
    Qwen25ChatPrompt,
    RinnaChatPrompt,
    _registry,
    get_chat_prompt,
    list_chat_prompts,
    register_chat_prompt,
)
from chatprompt.errors import PresetRegistrationError, UnknownChatPromptError


@pytest.fixture(autouse=True)
def _restore_registry() -> Iterator[None]:
    names, model_ids = dict(_registry._names), dict(_registry._model_ids)
    yield
    _registry._names.clear()
    _registry._names.update(names)
    _registry._model_ids.clear()
    _registry._model_ids.update(model_ids)


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("llama-2", Llama2ChatPrompt),
        ("llama-2-official", Llama2OfficialChatPrompt),
        ("llama-3", Llama3ChatPrompt),
        ("chatml", ChatMLChatPrompt),
        ("rinna", RinnaChatPrompt),
        ("LLaMA-3", Llama3ChatPrompt),
        ("meta-llama/Llama-2-7b-chat-hf", Llama2OfficialChatPrompt),
        ("meta-llama/Llama-2-70b-chat-hf", Llama2OfficialChatPrompt),
        ("Qwen/Qwen3-8B", Qwen3ChatPrompt),
        ("openai/gpt-oss-20b", GptOssChatPrompt),
        ("google/gemma-3-4b-it", Gemma3ChatPrompt),
        ("meta-llama/Llama-3.3-70B-Instruct", Llama33ChatPrompt),
        ("Qwen/Qwen2.5-7B-Instruct", Qwen25ChatPrompt),
        ("qwen/qwen2.5-7b-instruct", Qwen25ChatPrompt),
        ("rinna/japanese-gpt-neox-3.6b-instruction-sft", RinnaChatPrompt),
    ],
)
def test_get_chat_prompt_finds_names_and_model_ids(
    name: str, cls: type[AbstractChatPrompt]
) -> None:
    assert type(get_chat_prompt(name)) is cls


def test_a_llama_2_model_id_gives_the_published_layout_and_the_short_name_chatstreams() -> None:
    messages = [{"role": "user", "content": "こんにちは🌸"}]
    assert "<s>[INST] こんにちは🌸 [/INST]" == get_chat_prompt(
        "meta-llama/Llama-2-13b-chat-hf"
    ).render(messages)
    assert get_chat_prompt("llama-2").render(messages).endswith("こんにちは🌸 [/INST] ")


def test_get_chat_prompt_passes_constructor_arguments() -> None:
    prompt = get_chat_prompt("llama-3.2", date_string="01 Jan 2025")
    assert isinstance(prompt, Llama32ChatPrompt)
    assert "Today Date: 01 Jan 2025" in prompt.render([{"role": "user", "content": "hi"}])


def test_get_chat_prompt_returns_a_new_object_each_time() -> None:
    assert get_chat_prompt("chatml") is not get_chat_prompt("chatml")


def test_unknown_name_lists_the_closest_names() -> None:
    with pytest.raises(UnknownChatPromptError) as error:
        get_chat_prompt("lama-3")
    assert str(error.value).startswith(
        "no chat prompt preset is named 'lama-3'; closest: 'llama-3', 'llama3'"
    )
    assert isinstance(error.value, LookupError)


def test_list_chat_prompts_is_sorted_and_complete() -> None:
    names = list_chat_prompts()
    assert names == sorted(names)
    assert {"llama-2", "llama-2-official", "chatml", "rinna", "mpt-chat", "gemma"} <= set(names)


class MyPrompt(ChatMLChatPrompt):
    model_ids = ("me/my-model",)


def test_register_a_user_preset_by_name_and_model_id() -> None:
    register_chat_prompt("mine", MyPrompt)
    assert type(get_chat_prompt("MINE")) is MyPrompt
    assert type(get_chat_prompt("me/my-model")) is MyPrompt
    assert "mine" in list_chat_prompts()


def test_register_a_duplicate_name_needs_replace() -> None:
    with pytest.raises(PresetRegistrationError, match="'chatml': 'ChatMLChatPrompt'"):
        register_chat_prompt("chatml", MyPrompt, model_ids=[])
    register_chat_prompt("chatml", MyPrompt, model_ids=[], replace=True)
    assert type(get_chat_prompt("chatml")) is MyPrompt


def test_register_rejects_what_is_not_a_preset_class() -> None:
    with pytest.raises(PresetRegistrationError, match="not an AbstractChatPrompt subclass"):
        register_chat_prompt("bad", dict)  # type: ignore[arg-type]
