"""Every preset renders every test conversation byte for byte as its golden file says.

``expected/<preset>/<conversation>.txt`` is the published template's output (or, for formats
with no published template, the intended format), written by ``scripts/render_golden.py``;
``<conversation>.error`` names the error class raised where the template raises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatprompt import get_chat_prompt, list_chat_prompts
from chatprompt.presets._format_base import FormatPromptBase

from ._conversations import (
    CONVERSATIONS,
    ERROR_SUFFIX,
    STOP_STRS_FILE,
    TEMPLATE_VARS_FILE,
    TEXT_SUFFIX,
    folder_template_vars,
    golden_folders,
    read_golden,
    render_preset,
)

FOLDERS = golden_folders()


def golden_files(suffix: str) -> list[pytest.ParameterSet]:
    return [
        pytest.param(path, id=f"{path.parent.name}/{path.stem}")
        for folder in FOLDERS
        for path in sorted(folder.glob(f"*{suffix}"))
    ]


@pytest.mark.parametrize("path", golden_files(TEXT_SUFFIX))
def test_render_equals_the_golden_file(path: Path) -> None:
    conversation = CONVERSATIONS[path.stem]
    expected = read_golden(path)
    actual = render_preset(path.parent.name, conversation, folder_template_vars(path.parent))
    assert expected == actual


@pytest.mark.parametrize("path", golden_files(ERROR_SUFFIX))
def test_render_raises_the_golden_error(path: Path) -> None:
    conversation = CONVERSATIONS[path.stem]
    with pytest.raises(Exception) as error:  # noqa: PT011 - the class name is compared below
        render_preset(path.parent.name, conversation, folder_template_vars(path.parent))
    assert read_golden(path) == type(error.value).__name__ + "\n"


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_stop_strings_equal_the_golden_file(folder: Path) -> None:
    expected = json.loads(read_golden(folder / STOP_STRS_FILE))
    assert expected == get_chat_prompt(folder.name, **folder_template_vars(folder)).get_stop_strs()


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_a_golden_folder_holds_one_file_per_conversation(folder: Path) -> None:
    names = [path.name for path in folder.iterdir()]
    outcomes = sorted(
        name.rpartition(".")[0] for name in names if name.endswith((TEXT_SUFFIX, ERROR_SUFFIX))
    )
    others = {name for name in names if not name.endswith((TEXT_SUFFIX, ERROR_SUFFIX))}
    assert sorted(CONVERSATIONS) == outcomes
    assert others <= {STOP_STRS_FILE, TEMPLATE_VARS_FILE}
    assert STOP_STRS_FILE in others


def test_every_preset_has_a_golden_folder_named_by_a_short_name() -> None:
    """The current-generation formats' golden files are in ``tests/chatprompt/current``."""
    presets = {type(get_chat_prompt(name)) for name in list_chat_prompts()}
    expected = {cls for cls in presets if not issubclass(cls, FormatPromptBase)}
    actual = [type(get_chat_prompt(folder.name)) for folder in FOLDERS]
    assert expected <= set(actual)  # a format preset may keep the folder it had before
    assert set(actual) <= presets
    assert len(actual) == len(set(actual))
