"""Torn, hand-edited and hostile recordings: skipped when harmless, RecordingFormatError if not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from transformer_mock import Recording, RecordingFormatError
from transformer_mock._paths import recording_dir
from transformer_mock._store import MAX_JSON_DEPTH, RecordingWriter
from transformer_mock.errors import RecordingPathError

from .handmade import KAMINARIMON, SENSO_JI, handmade_recording

SUSHI = "<s>[INST] お寿司🍣 [/INST]"


def _prompts(path: Path) -> list[str | None]:
    return [trace.prompt_text for trace in Recording.load(path).episodes]


def test_torn_last_line_is_skipped_when_loading(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_bytes(episodes.read_bytes()[:-7])

    assert [SENSO_JI] == _prompts(senso_ji)


def test_whole_last_line_without_its_newline_is_kept(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_bytes(episodes.read_bytes()[:-1])

    assert [SENSO_JI, KAMINARIMON] == _prompts(senso_ji)


def test_next_writer_cuts_a_torn_line_off_before_appending(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    for name in ("episodes.jsonl", "tokenizer.jsonl"):
        path = senso_ji / name
        path.write_bytes(path.read_bytes() + b'{"pieces":[[5,"torn')

    handmade_recording(senso_ji, llama_tokenizer, [(SUSHI, "美味しい😋")])

    assert [SENSO_JI, KAMINARIMON, SUSHI] == _prompts(senso_ji)
    assert b"torn" not in (senso_ji / "tokenizer.jsonl").read_bytes()


def test_next_writer_ends_a_whole_last_line_with_its_newline(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_bytes(episodes.read_bytes()[:-1])

    handmade_recording(senso_ji, llama_tokenizer, [(SUSHI, "美味しい😋")])

    assert [SENSO_JI, KAMINARIMON, SUSHI] == _prompts(senso_ji)


def test_malformed_line_in_the_middle_names_file_and_line(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    first, second = episodes.read_text(encoding="utf-8").splitlines()
    episodes.write_text(f"{first[:-9]}\n{second}\n", encoding="utf-8")

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(senso_ji)

    assert str(caught.value).startswith(f"{episodes}, line 1: not valid JSON (")


def test_too_deep_json_is_a_format_error_not_a_recursion_error(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    trace = json.loads(episodes.read_text(encoding="utf-8").splitlines()[0])
    nested: Any = "底"
    for _ in range(MAX_JSON_DEPTH):
        nested = [nested]
    trace["metadata"] = {"deep": nested}
    episodes.write_text(json.dumps(trace, ensure_ascii=False) + "\n", encoding="utf-8")

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(senso_ji)

    assert f"{episodes}, line 1: JSON nested deeper than {MAX_JSON_DEPTH} levels" == str(
        caught.value
    )


def test_very_deep_json_is_a_format_error_not_a_recursion_error(senso_ji: Path) -> None:
    meta = senso_ji / "meta.json"
    meta.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    with pytest.raises(RecordingFormatError, match="not valid JSON"):
        Recording.load(senso_ji)


def test_id_beyond_the_vocabulary_is_refused(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    trace = json.loads(episodes.read_text(encoding="utf-8").splitlines()[0])
    trace["generated_ids"][0] = 32000
    episodes.write_text(json.dumps(trace, ensure_ascii=False) + "\n", encoding="utf-8")

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(senso_ji)

    assert (
        f"{episodes}, line 1: id 32000 is beyond the vocabulary (32000 ids) recorded in meta.json"
    ) == str(caught.value)


def test_nan_is_not_json(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    trace = json.loads(episodes.read_text(encoding="utf-8").splitlines()[0])
    trace["latencies"] = [float("nan")] * len(trace["generated_ids"])
    episodes.write_text(json.dumps(trace, ensure_ascii=False) + "\n", encoding="utf-8")

    with pytest.raises(RecordingFormatError, match=r"line 1: not valid JSON \(NaN is not JSON"):
        Recording.load(senso_ji)


def test_file_over_the_size_limit_is_refused_unread(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_bytes(episodes.read_bytes() * 10)
    size = episodes.stat().st_size
    limit = (senso_ji / "meta.json").stat().st_size

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(senso_ji, max_file_bytes=limit)

    assert (
        f"{episodes}: {size} bytes, more than the limit of {limit} bytes "
        "(pass a larger max_file_bytes to read it)"
    ) == str(caught.value)


def test_meta_is_written_through_a_temporary_file_that_does_not_stay(
    senso_ji: Path,
) -> None:
    assert {".lock", "meta.json", "episodes.jsonl", "tokenizer.jsonl"} == {
        path.name for path in senso_ji.iterdir()
    }


def test_second_writer_keeps_existing_meta(senso_ji: Path) -> None:
    before = (senso_ji / "meta.json").read_bytes()

    RecordingWriter(senso_ji, Recording.load(senso_ji).meta)

    assert before == (senso_ji / "meta.json").read_bytes()


@pytest.mark.parametrize(
    ("dirname", "problem"),
    [
        ("../elsewhere", "has a '..' component"),
        ("a/../../b", "has a '..' component"),
        ("/etc/recordings", "is an absolute path"),
        ("", "is empty"),
    ],
)
def test_dirname_escaping_the_parent_is_refused(dirname: str, problem: str) -> None:
    with pytest.raises(RecordingPathError) as caught:
        recording_dir(dirname, "/srv/recordings")

    assert (
        f"dirname {dirname!r} {problem}: it must name a directory inside the parent directory "
        "'/srv/recordings'; pass an absolute location as parent_dir_path and a plain name as "
        "dirname"
    ) == str(caught.value)


def test_dirname_may_name_a_subdirectory_and_parent_may_be_absolute() -> None:
    assert Path("/srv/recordings/chat/浅草") == recording_dir("chat/浅草", "/srv/recordings")


def test_recording_path_error_is_a_value_error() -> None:
    assert issubclass(RecordingPathError, ValueError)


def test_decoder_the_tokenizers_library_cannot_build_is_a_format_error(senso_ji: Path) -> None:
    meta_path = senso_ji / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["tokenizer_backend"]["decoder"] = {"type": "壊れた"}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(senso_ji)

    assert str(caught.value).startswith(f"{meta_path}: tokenizer_backend: cannot be rebuilt (")
