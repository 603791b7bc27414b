"""The record/replay example (run by ``make demo``) replays its chat identically."""

from __future__ import annotations

import pytest

import record_replay


def test_example_replays_the_recorded_transcript(capsys: pytest.CaptureFixture[str]) -> None:
    record_replay.main(new_tokens=4)

    assert "transcripts identical: True" in capsys.readouterr().out
