"""Every current-generation preset renders its format's golden files byte for byte.

``expected/<module>/<conversation>.txt`` holds what the model's published chat template writes
for that conversation under ``apply_chat_template`` (written by ``scripts/render_current.py``);
``<conversation>.error`` holds the template's own message where it refuses the conversation.
"""

from __future__ import annotations

import importlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from chatprompt import get_chat_prompt
from chatprompt._conversation import make_conversation, render_continuing
from chatprompt.errors import TemplateError
from chatprompt.presets import _jinja_values, hermes3
from chatprompt.presets._format_base import FormatPromptBase

HERE = Path(__file__).parent
EXPECTED = HERE / "expected"
DEFAULT_NOW = "2026-11-29T09:30:00"  # as scripts/render_current.py


def _conversations() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(HERE.glob("conversations*.json")):
        found.update(json.loads(path.read_text(encoding="utf-8")))
    return found


CONVERSATIONS = _conversations()
CASES = sorted(path for path in EXPECTED.glob("*/*") if path.suffix in (".txt", ".error"))


class _Frozen(datetime):
    frozen = ""

    @classmethod
    def now(cls, tz: Any = None) -> Any:
        return datetime.fromisoformat(cls.frozen)


def preset_class(module_name: str) -> type[FormatPromptBase]:
    """The preset class ``get_chat_prompt`` finds under the format module's first name."""
    module = importlib.import_module(f"chatprompt.presets.{module_name}")
    found = type(get_chat_prompt(module.NAMES[0]))
    assert issubclass(found, FormatPromptBase)
    assert module.__name__ == found.__module__
    return found


def _render(module_name: str, conversation: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> str:
    """Render through the preset class, as a caller does (its ``render`` takes what
    ``apply_chat_template`` takes)."""
    now = conversation.get("now", DEFAULT_NOW)  # formats that print today's date: a fixed day
    monkeypatch.setattr(_jinja_values, "datetime", type("Frozen", (_Frozen,), {"frozen": now}))
    if module_name == "hermes3" and conversation["tools"] is None:
        # Hermes 3's class picks its ``default`` template without tools (test_presets.py); these
        # golden files are its ``tool_use`` template's, the module's render.
        return render_continuing(
            hermes3.render,
            make_conversation(
                conversation["messages"],
                conversation["add_generation_prompt"],
                documents=conversation["documents"],
                **conversation["template_vars"],
            ),
            conversation["continue_final_message"],
        )
    return preset_class(module_name)().render(
        conversation["messages"],
        conversation["add_generation_prompt"],
        tools=conversation["tools"],
        documents=conversation["documents"],
        continue_final_message=conversation["continue_final_message"],
        **conversation["template_vars"],
    )


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_format_renders_its_golden_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conversation = CONVERSATIONS[path.stem]
    expected = path.read_bytes().decode("utf-8")
    if path.suffix == ".error":
        with pytest.raises(TemplateError) as error:
            _render(path.parent.name, conversation, monkeypatch)
        assert expected in str(error.value)
    else:
        assert expected == _render(path.parent.name, conversation, monkeypatch)
