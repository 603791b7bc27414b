"""docs/presets.md lists every preset as the preset classes declare it (scripts/preset_table.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "preset_table.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("preset_table", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_table_is_the_scripts_output() -> None:
    script = load_script()
    doc = script.DOC.read_text(encoding="utf-8")
    assert script.replaced(doc) == doc


def test_the_table_has_a_row_for_every_preset_with_its_facts() -> None:
    table = load_script().table()
    assert "| `Qwen3ChatPrompt` | `qwen3` | `Qwen/Qwen3-0.6B`<br>" in table
    assert "| `<\\|im_end\\|>`, `<\\|endoftext\\|>` | enable_thinking, reasoning, " in table
    assert "| `Llama2ChatPrompt` | `llama-2`, `llama2`, `llama-2-chatstream` | — | — |" in table
