"""Truncated, bit-flipped and hand-edited recordings: RecordingFormatError or a sound load."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transformer_mock import Recording, RecordingFormatError
from transformer_mock._verify import verify_recording

from .handmade import TWO_EPISODES, handmade_recording

FILES = ("meta.json", "episodes.jsonl", "tokenizer.jsonl")

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory, llama_tokenizer: Any) -> dict[str, bytes]:
    """The three files of a sound two-episode recording."""
    path = tmp_path_factory.mktemp("fuzz") / "senso-ji"
    handmade_recording(path, llama_tokenizer, TWO_EPISODES)
    return {name: (path / name).read_bytes() for name in FILES}


def _load_or_format_error(files: dict[str, bytes], check_replay: bool = False) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        with contextlib.suppress(RecordingFormatError):
            Recording.load(folder)
        if check_replay:
            assert isinstance(verify_recording(folder), list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), cut=st.floats(min_value=0, max_value=1))
def test_truncated_file_loads_or_raises_recording_format_error(
    original: dict[str, bytes], name: str, cut: float
) -> None:
    files = dict(original)
    files[name] = files[name][: int(len(files[name]) * cut)]

    _load_or_format_error(files)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), where=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7))
def test_bit_flipped_file_loads_or_raises_recording_format_error(
    original: dict[str, bytes], name: str, where: float, bit: int
) -> None:
    files = dict(original)
    data = bytearray(files[name])
    data[int(len(data) * where)] ^= 1 << bit
    files[name] = bytes(data)

    _load_or_format_error(files, check_replay=True)


def _edit(value: Any, path: list[int], replacement: Any) -> Any:
    """``value`` with the node reached by following ``path`` (indices mod size) replaced."""
    if not path or not isinstance(value, (dict, list)) or not value:
        return replacement
    if isinstance(value, dict):
        key = sorted(value)[path[0] % len(value)]
        return {**value, key: _edit(value[key], path[1:], replacement)}
    index = path[0] % len(value)
    return [*value[:index], _edit(value[index], path[1:], replacement), *value[index + 1 :]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(FILES),
    line=st.integers(0, 10),
    path=st.lists(st.integers(0, 50), max_size=5),
    replacement=json_values,
)
def test_hand_edited_value_loads_or_raises_recording_format_error(
    original: dict[str, bytes], name: str, line: int, path: list[int], replacement: Any
) -> None:
    files = dict(original)
    lines = files[name].decode("utf-8").splitlines()
    index = line % len(lines)
    edited = _edit(json.loads(lines[index]), path, replacement)
    lines[index] = json.dumps(edited, ensure_ascii=False)
    files[name] = ("\n".join(lines) + "\n").encode("utf-8")

    _load_or_format_error(files, check_replay=True)
