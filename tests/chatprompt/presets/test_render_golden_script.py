"""scripts/render_golden.py writes the golden files the tests read, and --check reports drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from ._conversations import EXPECTED_DIR, STOP_STRS_FILE, read_golden
from .test_jinja import CHATML_TEMPLATE

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "render_golden.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_golden", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files(folder: Path) -> dict[str, str]:
    return {path.name: read_golden(path) for path in sorted(folder.iterdir())}


def run_template(script: ModuleType, tmp_path: Path, template: str, preset: str) -> int:
    """Run the script over ``template`` (written to a file) into ``tmp_path``."""
    path = tmp_path / f"{preset}.jinja"
    path.write_text(template, encoding="utf-8")
    return int(script.main([str(path), "--preset", preset, "--out", str(tmp_path)]))


def test_a_template_renders_the_golden_files(script: ModuleType, tmp_path: Path) -> None:
    assert 0 == run_template(script, tmp_path, CHATML_TEMPLATE, "chatml")
    assert files(EXPECTED_DIR / "chatml") == files(tmp_path / "chatml")


def test_from_preset_then_check_reports_a_changed_file(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ["--from-preset", "line", "--out", str(tmp_path)]
    assert 0 == script.main(out)
    assert files(EXPECTED_DIR / "line") == files(tmp_path / "line")
    (tmp_path / "line" / "one_turn.txt").write_text("ユーザー: 😀", encoding="utf-8")
    capsys.readouterr()
    assert 1 == script.main([*out, "--check"])
    assert "line/one_turn.txt: differs\n" in capsys.readouterr().out
    assert "ユーザー: 😀" == read_golden(tmp_path / "line" / "one_turn.txt")


def test_where_the_template_raises_only_the_presets_errors_are_written(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 1 == run_template(script, tmp_path, "{{ raise_exception('日本語 😀') }}", "gemma")
    expected = {
        name: text
        for name, text in files(EXPECTED_DIR / "gemma").items()
        if name.endswith(".error") or name == STOP_STRS_FILE
    }
    assert expected == files(tmp_path / "gemma")
    assert "gemma/one_turn: NOT WRITTEN: the template rejects it (" in capsys.readouterr().out


def test_a_template_wins_and_the_preset_rendering_otherwise_is_reported(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert 1 == run_template(script, tmp_path, "{{ messages[-1]['content'] }}😀", "chatml")
    assert "Hello😀" == read_golden(tmp_path / "chatml" / "one_turn.txt")
    assert "chatml/one_turn: our preset renders otherwise:\n" in capsys.readouterr().out
