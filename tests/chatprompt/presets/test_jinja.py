"""JinjaChatPrompt renders exactly as tokenizer.apply_chat_template does."""

from __future__ import annotations

from typing import Any

import pytest

from chatprompt import JinjaChatPrompt, Llama2OfficialChatPrompt, MistralV01ChatPrompt
from chatprompt._jinja import select_chat_template
from chatprompt.errors import InvalidMessageError, TemplateError
from local_models import llama2_tokenizer

from ._conversations import JAPANESE_PADDED, MULTI_TURN, NO_SYSTEM, ONE_TURN, Messages

# Llama 2's published chat template, and ChatML's (plain text, written out here).
LLAMA2_TEMPLATE = (
    "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
    "{% set system_message = messages[0]['content'] %}{% else %}"
    "{% set loop_messages = messages %}{% set system_message = false %}{% endif %}"
    "{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{% endif %}{% if loop.index0 == 0 and system_message != false %}"
    "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
    "{% else %}{% set content = message['content'] %}{% endif %}"
    "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
    "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}"
    "{% endif %}{% endfor %}"
)
CHATML_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + "
    "message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    tokenizer = llama2_tokenizer()
    tokenizer.chat_template = LLAMA2_TEMPLATE
    return tokenizer


@pytest.mark.parametrize("messages", [ONE_TURN, MULTI_TURN, NO_SYSTEM, JAPANESE_PADDED])
@pytest.mark.parametrize("add_generation_prompt", [True, False])
def test_from_tokenizer_equals_apply_chat_template(
    tokenizer: Any, messages: Messages, add_generation_prompt: bool
) -> None:
    expected = tokenizer.apply_chat_template(
        messages, tokenize=False, add_generation_prompt=add_generation_prompt
    )
    prompt = JinjaChatPrompt.from_tokenizer(tokenizer)
    assert expected == prompt.render(messages, add_generation_prompt=add_generation_prompt)


@pytest.mark.parametrize("messages", [ONE_TURN, MULTI_TURN, JAPANESE_PADDED])
def test_llama2_template_equals_the_official_preset(messages: Messages) -> None:
    prompt = JinjaChatPrompt(LLAMA2_TEMPLATE, bos_token="<s>", eos_token="</s>")
    assert Llama2OfficialChatPrompt().render(messages) == prompt.render(messages)


def test_template_exception_becomes_template_error(tokenizer: Any) -> None:
    prompt = JinjaChatPrompt.from_tokenizer(tokenizer)
    with pytest.raises(TemplateError) as error:
        prompt.render([{"role": "user", "content": "a"}, {"role": "user", "content": "b"}])
    assert "Conversation roles must alternate user/assistant/user/assistant/..." in str(error.value)
    assert isinstance(error.value, ValueError)


def test_a_tokenizer_without_template_raises_template_error() -> None:
    with pytest.raises(TemplateError, match="no usable chat template"):
        JinjaChatPrompt.from_tokenizer(llama2_tokenizer())


def test_stateful_history_renders_through_the_template() -> None:
    prompt = JinjaChatPrompt(CHATML_TEMPLATE, eos_token="<|im_end|>")
    prompt.set_system("日本語で")
    prompt.add_requester_msg("こんにちは 😀")
    prompt.add_responder_msg(None)
    assert prompt.create_prompt() == (
        "<|im_start|>system\n日本語で<|im_end|>\n<|im_start|>user\nこんにちは 😀<|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    assert prompt.get_stop_strs() == ["<|im_end|>"]


def test_extra_context_reaches_the_template() -> None:
    prompt = JinjaChatPrompt("{{ greeting }} {{ messages[0]['content'] }}", greeting="やあ")
    assert prompt.render([{"role": "user", "content": "hi"}]) == "やあ hi"


def test_mistral_template_via_jinja_equals_the_preset() -> None:
    template = (
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}"
        "{{ ' [INST] ' + message['content'] + ' [/INST]' }}{% else %}"
        "{{ ' ' + message['content'] + eos_token }}{% endif %}{% endfor %}"
    )
    prompt = JinjaChatPrompt(template, bos_token="<s>", eos_token="</s>")
    assert MistralV01ChatPrompt().render(NO_SYSTEM) == prompt.render(NO_SYSTEM)


# A tokenizer with named templates (as Hermes 3 and Command R7B publish them): tool_use marks
# its text so that the test sees which one rendered.
NAMED = [
    {"name": "default", "template": CHATML_TEMPLATE},
    {"name": "tool_use", "template": "{{ '🔧' + (tools | length | string) }}" + CHATML_TEMPLATE},
    {"name": "rag", "template": "{{ '📄' }}" + CHATML_TEMPLATE},
]


@pytest.fixture(scope="module")
def named_tokenizer() -> Any:
    tokenizer = llama2_tokenizer()
    tokenizer.chat_template = {entry["name"]: entry["template"] for entry in NAMED}
    return tokenizer


@pytest.mark.parametrize("tools", [None, [], [{"type": "function", "function": {"name": "天気"}}]])
@pytest.mark.parametrize("name", [None, "default", "rag", "tool_use", CHATML_TEMPLATE])
def test_named_templates_are_picked_as_transformers_picks_them(
    named_tokenizer: Any, tools: list[dict[str, Any]] | None, name: str | None
) -> None:
    expected = named_tokenizer.get_chat_template(name, tools=tools)
    from_tokenizer = JinjaChatPrompt.from_tokenizer(named_tokenizer, name)
    from_list = JinjaChatPrompt(NAMED, template_name=name)
    assert [expected, expected] == [
        from_tokenizer.template_for(tools),
        from_list.template_for(tools),
    ]


@pytest.mark.parametrize("name", [None, "rag"])
def test_a_named_template_renders_as_apply_chat_template(
    named_tokenizer: Any, name: str | None
) -> None:
    messages = [{"role": "user", "content": "こんにちは🌸"}]
    expected = named_tokenizer.apply_chat_template(
        messages, tokenize=False, add_generation_prompt=True, chat_template=name
    )
    assert expected == JinjaChatPrompt.from_tokenizer(named_tokenizer, name).render(messages)


def test_named_templates_without_default_need_a_name() -> None:
    with pytest.raises(TemplateError, match=r"\['rag', 'tool_use'\] have no 'default'"):
        select_chat_template({"rag": "r", "tool_use": "t"})
    assert "t" == select_chat_template({"rag": "r", "tool_use": "t"}, tools=[])


def test_a_named_template_entry_without_a_template_is_refused() -> None:
    with pytest.raises(InvalidMessageError, match=r"chat_template\[0\] must be a mapping"):
        JinjaChatPrompt([{"name": "default"}])
