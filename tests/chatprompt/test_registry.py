"""Presets declare themselves: the registry and the exports are derived from the classes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from typing import ClassVar

import pytest

import chatprompt
from chatprompt import (
    GemmaChatPrompt,
    TemplatePromptBase,
    _registry,
    get_chat_prompt,
    list_chat_prompts,
)
from chatprompt import presets as preset_modules
from chatprompt._messages import Message
from chatprompt.errors import PresetRegistrationError, UnknownChatPromptError

BASES = {"TemplateChatPrompt", "TemplatePromptBase"}


@pytest.fixture(autouse=True)
def _restore_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Presets defined by a test are taken into copies of the tables, dropped afterwards."""
    monkeypatch.setattr(_registry, "_names", dict(_registry._names))
    monkeypatch.setattr(_registry, "_model_ids", dict(_registry._model_ids))


def test_a_preset_defined_in_one_class_is_found_by_name_and_model_id() -> None:
    class KaraokePrompt(TemplatePromptBase):
        names: ClassVar[tuple[str, ...]] = ("karaoke-カラオケ", "karaoke")
        model_ids: ClassVar[tuple[str, ...]] = ("example/Karaoke-7B-歌",)
        reference: ClassVar[str] = "defined in this test"

        def render_turns(
            self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
        ) -> str:
            return "".join(f"🎤{turn.role}: {turn.content}\n" for turn in turns)

    by_name = get_chat_prompt("KARAOKE")
    by_model_id = get_chat_prompt("example/karaoke-7b-歌")

    assert (KaraokePrompt, KaraokePrompt) == (type(by_name), type(by_model_id))
    assert "🎤user: 歌おう🎶\n" == by_name.render([{"role": "user", "content": "歌おう🎶"}])
    assert {"karaoke", "karaoke-カラオケ"} <= set(list_chat_prompts())


def test_a_subclass_without_its_own_names_is_not_registered_under_its_parents() -> None:
    class QuietGemma(GemmaChatPrompt):
        model_ids: ClassVar[tuple[str, ...]] = ("example/quiet-gemma",)

    assert GemmaChatPrompt is type(get_chat_prompt("gemma"))
    with pytest.raises(UnknownChatPromptError):
        get_chat_prompt("example/quiet-gemma")
    assert QuietGemma.names == GemmaChatPrompt.names


def test_a_preset_declaring_a_taken_name_is_refused_and_left_out() -> None:
    class SecondGemma(GemmaChatPrompt):
        names: ClassVar[tuple[str, ...]] = ("gemma-second", "GEMMA")
        model_ids: ClassVar[tuple[str, ...]] = ()

    with pytest.raises(PresetRegistrationError) as error:
        get_chat_prompt("gemma-second")

    assert (
        f"{__name__}.test_a_preset_declaring_a_taken_name_is_refused_and_left_out.<locals>."
        "SecondGemma declares names or model ids that are already registered: "
        "{'gemma': 'GemmaChatPrompt'}; it is left out"
    ) == str(error.value)
    assert GemmaChatPrompt is type(get_chat_prompt("gemma"))
    assert "gemma-second" not in list_chat_prompts()
    assert SecondGemma.names == ("gemma-second", "GEMMA")


def preset_classes() -> list[type[chatprompt.AbstractChatPrompt]]:
    return [
        getattr(preset_modules, name)
        for name in preset_modules.__all__
        if isinstance(getattr(preset_modules, name), type) and name not in BASES
    ]


@pytest.mark.parametrize("cls", preset_classes(), ids=lambda cls: cls.__name__)
def test_every_preset_is_found_under_the_names_and_model_ids_it_declares(
    cls: type[chatprompt.AbstractChatPrompt],
) -> None:
    assert "names" in vars(cls)
    assert cls.reference
    assert [cls] * len(cls.names + cls.model_ids) == [
        _registry._find(key) for key in cls.names + cls.model_ids
    ]


def test_chatprompt_exports_every_name_of_its_presets_package() -> None:
    assert set(preset_modules.__all__) <= set(chatprompt.__all__)
    assert chatprompt.__all__ == sorted(chatprompt.__all__)
    assert {"AbstractChatPrompt", "ResponseStream", "get_chat_prompt"} <= set(chatprompt.__all__)
    assert preset_modules.LLAMA2_SYSTEM_PROMPT is chatprompt.LLAMA2_SYSTEM_PROMPT


def test_the_presets_package_exports_classes_and_constants_not_modules() -> None:
    assert [] == [
        name
        for name in preset_modules.__all__
        if not isinstance(getattr(preset_modules, name), (type, str))
    ]
    assert "llama2" not in preset_modules.__all__


def test_import_chatprompt_imports_neither_the_presets_nor_torch() -> None:
    code = (
        "import sys, chatprompt; "
        "print(sorted(m for m in ('torch', 'chatprompt.presets', 'chatprompt._registry') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert "[]" == result.stdout.strip()
