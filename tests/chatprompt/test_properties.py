"""Invariants over arbitrary conversations (Hypothesis)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from chatprompt import AbstractChatPrompt, Llama2ChatPrompt
from tests.chatprompt.chat_presets_for_tests import LinePrompt

text = st.text(
    alphabet=st.sampled_from(list("ab <>/[]\n\t浅草寺🙏😊𠮷é")) | st.characters(), max_size=20
)


@st.composite
def conversations(draw: st.DrawFn, user_first: bool = True) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    if draw(st.booleans()):
        messages.append({"role": "system", "content": draw(text)})
    turns = draw(st.integers(0, 4))
    role = "user" if user_first else draw(st.sampled_from(["user", "assistant"]))
    for _ in range(turns):
        messages.append({"role": role, "content": draw(text)})
        role = "assistant" if role == "user" else "user"
    return messages


presets = st.sampled_from([Llama2ChatPrompt, LinePrompt])


@given(presets, conversations(), st.booleans())
def test_rendering_accepted_input_never_raises(
    preset: type[AbstractChatPrompt], messages: list[dict[str, Any]], generation: bool
) -> None:
    rendered = preset().render(messages, add_generation_prompt=generation)

    assert isinstance(rendered, str)


@given(presets, conversations())
def test_messages_round_trip_through_the_history(
    preset: type[AbstractChatPrompt], messages: list[dict[str, Any]]
) -> None:
    prompt = preset().from_messages(messages)
    if not messages or messages[0]["role"] != "system":
        expected = [*preset().to_messages(), *messages]  # the preset's default system applies
    elif preset().system_to_message(preset().system_from_message(messages[0]["content"])) is None:
        expected = messages[1:]  # an empty system text is no system message in this format
    else:
        expected = messages

    assert expected == prompt.to_messages()
    assert prompt.render(messages) == prompt.create_prompt()


@given(presets, conversations(), st.booleans())
def test_history_round_trips_through_dicts(
    preset: type[AbstractChatPrompt], messages: list[dict[str, Any]], generation: bool
) -> None:
    prompt = preset().from_messages(messages, add_generation_prompt=generation)

    restored = preset().from_dict(prompt.to_dict())

    assert prompt.to_dict() == restored.to_dict()
    assert prompt.create_prompt() == restored.create_prompt()
    assert preset().from_messages(prompt.to_messages()).to_messages() == prompt.to_messages()


@given(conversations(), st.booleans())
def test_render_does_not_touch_the_history(
    messages: list[dict[str, Any]], generation: bool
) -> None:
    prompt = Llama2ChatPrompt()
    prompt.add_requester_msg("keep me")
    before = prompt.to_dict()

    prompt.render(messages, add_generation_prompt=generation)

    assert before == prompt.to_dict()


def test_import_chatprompt_does_not_import_torch_or_transformers() -> None:
    code = "import sys, chatprompt; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "False False" == out.stdout.strip()
