"""Writes never follow symbolic links out of a recording, and bad dirnames are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer_mock._files import WriterLock, append_lines
from transformer_mock._paths import recording_dir
from transformer_mock.errors import RecordingPathError


def test_an_append_through_a_symlinked_file_is_refused_and_the_target_kept(tmp_path: Path) -> None:
    outside = tmp_path / "token.txt"
    outside.write_text("秘密🔑\n", encoding="utf-8")
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "episodes.jsonl").symlink_to(outside)

    with pytest.raises(RecordingPathError, match="symbolic link"):
        append_lines(tmp_path / "rec" / "episodes.jsonl", ['{"浅草": 1}'])
    assert "秘密🔑\n" == outside.read_text(encoding="utf-8")


def test_a_dangling_symlink_creates_no_file_outside(tmp_path: Path) -> None:
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / "tokenizer.jsonl").symlink_to(tmp_path / "planted.jsonl")

    with pytest.raises(RecordingPathError, match="symbolic link"):
        append_lines(tmp_path / "rec" / "tokenizer.jsonl", ['{"pieces": []}'])
    assert not (tmp_path / "planted.jsonl").exists()


def test_a_symlinked_lock_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".lock").symlink_to(tmp_path / "elsewhere")

    with pytest.raises(RecordingPathError), WriterLock(tmp_path / ".lock").held():
        pass
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("dirname", ["雷門", "雷門/浅草"])
def test_a_symlinked_recording_directory_or_dirname_component_is_refused(
    tmp_path: Path, dirname: str
) -> None:
    parent = tmp_path / "recordings"
    parent.mkdir()
    (tmp_path / "outside").mkdir()
    (parent / "雷門").symlink_to(tmp_path / "outside")

    with pytest.raises(RecordingPathError, match="symbolic link") as raised:
        recording_dir(dirname, parent)
    assert str(parent / "雷門") in str(raised.value)


@pytest.mark.parametrize("dirname", ["a\0b", b"bytes"])
def test_a_dirname_with_a_nul_or_of_bytes_is_a_recording_path_error(
    tmp_path: Path, dirname: object
) -> None:
    with pytest.raises(RecordingPathError, match="NUL"):
        recording_dir(dirname, tmp_path)  # type: ignore[arg-type]
