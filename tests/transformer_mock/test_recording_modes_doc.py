"""The example test file in docs/recording-modes.md records once, then replays without a model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

DOC = Path(__file__).parents[2] / "docs" / "recording-modes.md"


def _example() -> str:
    blocks = re.findall(
        r"```python\n(# tests/test_senso_ji\.py\n.*?)```", DOC.read_text("utf-8"), re.S
    )
    assert 1 == len(blocks)
    return str(blocks[0])


def test_the_documented_test_file_records_once_then_replays(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_senso_ji=_example())
    folder = pytester.path / "recordings" / "test_senso_ji"

    recording = pytester.runpytest("--record-mode=once")
    replay = pytester.runpytest("-W", "error::UserWarning")

    recording.assert_outcomes(passed=2)
    replay.assert_outcomes(passed=2)
    assert ["shared-chat", "test_answers_about_senso_ji"] == sorted(
        p.name for p in folder.iterdir()
    )
