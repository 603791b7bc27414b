"""Invariants of the current-generation formats over generated conversations.

Any alternating user / assistant conversation of plain text (Japanese and emoji included)
renders without error, and every message's text appears in the prompt.
"""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt._conversation import make_conversation

MODULES = (
    "llama33",
    "gemma3",
    "gemma4",
    "phi4",
    "phi4_mini",
    "phi4_reasoning",
    "deepseek_r1",
    "deepseek_r1_distill_llama",
    "deepseek_v3",
    "kimi_k2",
    "kimi_k2_thinking",
)

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="<>|"),
        st.sampled_from("浅草寺🙏😀⛩️ \n"),
    ),
    min_size=1,
    max_size=20,
).filter(lambda text: text.strip() != "")


@st.composite
def _conversations(draw: st.DrawFn) -> list[dict[str, str]]:
    texts = draw(st.lists(TEXT, min_size=1, max_size=5))
    return [
        {"role": "user" if index % 2 == 0 else "assistant", "content": text}
        for index, text in enumerate(texts)
    ]


@pytest.mark.parametrize("module_name", MODULES)
@settings(max_examples=40, deadline=None)
@given(messages=_conversations(), add_generation_prompt=st.booleans())
def test_plain_conversation_renders_every_message_text(
    module_name: str, messages: list[dict[str, str]], add_generation_prompt: bool
) -> None:
    module = importlib.import_module(f"chatprompt.presets.{module_name}")
    prompt = module.render(make_conversation(messages, add_generation_prompt))
    missing = [m["content"] for m in messages if m["content"].strip() not in prompt]
    assert [] == missing
