"""Every current-generation format renders its golden files byte for byte.

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

from chatprompt._conversation import make_conversation, render_continuing
from chatprompt.errors import TemplateError
from chatprompt.presets import _jinja_values

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


def _render(module_name: str, conversation: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> str:
    now = conversation.get("now", DEFAULT_NOW)  # formats that print today's date: a fixed day
    monkeypatch.setattr(_jinja_values, "datetime", type("Frozen", (_Frozen,), {"frozen": now}))
    module = importlib.import_module(f"chatprompt.presets.{module_name}")
    return render_continuing(
        module.render,
        make_conversation(
            conversation["messages"],
            conversation["add_generation_prompt"],
            tools=conversation["tools"],
            documents=conversation["documents"],
            **conversation["template_vars"],
        ),
        conversation["continue_final_message"],
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
