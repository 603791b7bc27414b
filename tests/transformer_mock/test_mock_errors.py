"""Misses and broken recordings fail loudly, naming what differs and where."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from transformer_mock import (
    MockTransformer,
    RecordedTokenBannedError,
    RecordingFormatError,
    UnrecordedInputError,
)

from .chat_app import manual_loop
from .handmade import SENSO_JI


def _forward(mock: MockTransformer, ids: list[int]) -> None:
    mock.get_model()(input_ids=torch.tensor([ids]))


def test_unrecorded_prompt_names_the_closest_episode_and_the_first_difference_in_fields_too(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    mock = MockTransformer("senso-ji", senso_ji.parent)
    ids = llama_tokenizer.encode(
        "<s>[INST] 浅草寺はどこにありますか？🙏 [/INST]", add_special_tokens=False
    )

    with pytest.raises(UnrecordedInputError) as caught:
        _forward(mock, ids)

    assert (
        f"no recorded episode continues these 25 tokens in recording '{senso_ji}' (2 episodes)\n"
        "closest: episode 0 (id f12c7462d3eba1e2), same first 13 tokens "
        "(its prompt has 22, it generated 11)\n"
        "first difference at token position 13:\n"
        "  recorded: '浅草寺はどこ' | 'ですか？🙏 [/INST'  "
        "ids [29230, 29126, 29399, 29771, 30768, 733, 28748, 16289]\n"
        "  got     : '浅草寺はどこ' | '<id 29174?><id 29674?>り<id 29241?>すか？🙏'  "
        "ids [29174, 29674, 29516, 29241, 29126, 29399, 29771, 30768]"
    ) == str(caught.value)
    fields = (caught.value.recording, caught.value.position, caught.value.closest)
    assert (str(senso_ji), 13, "f12c7462d3eba1e2") == fields


def test_asking_past_the_recorded_end_says_the_episode_ends_there(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    mock = MockTransformer("senso-ji", senso_ji.parent)
    generated = manual_loop(mock.get_model(), mock.get_tokenizer(), SENSO_JI, 20)
    ids = llama_tokenizer.encode(SENSO_JI, add_special_tokens=False) + generated

    with pytest.raises(UnrecordedInputError) as caught:
        _forward(mock, ids)

    assert (
        f"recording '{senso_ji}' has no token after these 33 tokens: episode 0 "
        "(id f12c7462d3eba1e2) ends there (finish_reason 'eos', 11 generated tokens) and the "
        "application asked for generated token 12; last text: 'の台東区です。</s>'"
    ) == str(caught.value)
    error = caught.value
    fields = (error.recording, error.position, error.closest, error.asked, error.finish_reason)
    assert (str(senso_ji), 33, "f12c7462d3eba1e2", 12, "eos") == fields


def test_unrecorded_input_error_is_built_from_fields_and_composes_its_message() -> None:
    error = UnrecordedInputError(recording="rec/浅草", piece="▁寺🙏", known=3)

    assert (
        "token piece '▁寺🙏' never recorded in recording 'rec/浅草': the mock converts only "
        "the 3 pieces that appear in the recording (pieces the application converted while "
        "recording are recorded)"
    ) == str(error)
    assert ("rec/浅草", "▁寺🙏", 3) == (error.recording, error.piece, error.known)


def test_an_encode_miss_names_the_closest_text_in_its_fields(senso_ji: Path) -> None:
    tokenizer = MockTransformer("senso-ji", senso_ji.parent).get_tokenizer()

    with pytest.raises(UnrecordedInputError) as caught:
        tokenizer.encode(SENSO_JI[:12] + "どこ？", add_special_tokens=False)

    assert (12, SENSO_JI) == (caught.value.position, caught.value.closest)
    assert SENSO_JI[:12] + "どこ？" == caught.value.text


def test_unrecorded_input_error_fails_a_test_as_an_assertion() -> None:
    assert issubclass(UnrecordedInputError, AssertionError)
    assert issubclass(RecordedTokenBannedError, UnrecordedInputError)
    assert issubclass(RecordingFormatError, ValueError)


def test_generate_raises_when_bad_words_ban_the_recorded_token(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    mock = MockTransformer("senso-ji", senso_ji.parent)
    ids = torch.tensor([llama_tokenizer.encode(SENSO_JI, add_special_tokens=False)])
    first = mock.recording.episodes[0].generated_ids[0]

    with pytest.raises(RecordedTokenBannedError, match="NoBadWordsLogitsProcessor banned"):
        mock.get_model().generate(ids, max_new_tokens=5, bad_words_ids=[[first]])


def test_generate_raises_when_min_new_tokens_bans_the_recorded_eos(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    mock = MockTransformer("senso-ji", senso_ji.parent)
    ids = torch.tensor([llama_tokenizer.encode(SENSO_JI, add_special_tokens=False)])

    with pytest.raises(
        RecordedTokenBannedError,
        match=r"Min\w*LengthLogitsProcessor banned the recorded token 2 \('</s>'\)",
    ):
        mock.get_model().generate(ids, max_new_tokens=30, min_new_tokens=20, do_sample=True)


def test_missing_directory_raises_recording_format_error(tmp_path: Path) -> None:
    with pytest.raises(RecordingFormatError) as caught:
        MockTransformer("nothing-here", tmp_path)

    assert (
        f"{tmp_path / 'nothing-here'}: no such recording directory "
        "(record it first with ProbeTransformer)"
    ) == str(caught.value)


def test_torn_last_episode_line_is_skipped_as_a_generation_that_never_finished(
    senso_ji: Path,
) -> None:
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_bytes(episodes.read_bytes()[:-20])

    mock = MockTransformer("senso-ji", senso_ji.parent)

    assert [SENSO_JI] == [trace.prompt_text for trace in mock.recording.episodes]


def test_hand_edited_episode_names_the_file_line_and_field(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    lines = episodes.read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[1])
    edited["generated_ids"][0] = "東"
    lines[1] = json.dumps(edited, ensure_ascii=False)
    episodes.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(RecordingFormatError) as caught:
        MockTransformer("senso-ji", senso_ji.parent)

    assert str(caught.value).startswith(f"{episodes}, line 2")
    assert "generated_ids[0]: expected an integer, got '東'" in str(caught.value)


def test_invalid_json_line_names_the_file_and_line(senso_ji: Path) -> None:
    tokenizer_file = senso_ji / "tokenizer.jsonl"
    with tokenizer_file.open("a", encoding="utf-8") as file:
        file.write("{not json\n")
    line = len(tokenizer_file.read_text(encoding="utf-8").splitlines())

    with pytest.raises(
        RecordingFormatError, match=rf"{tokenizer_file}, line {line}: not valid JSON"
    ):
        MockTransformer("senso-ji", senso_ji.parent)


def test_unknown_format_version_is_refused(senso_ji: Path) -> None:
    meta_path = senso_ji / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["format_version"] = 99
    meta_path.write_text(json.dumps(meta), encoding="utf-8")

    with pytest.raises(RecordingFormatError) as caught:
        MockTransformer("senso-ji", senso_ji.parent)

    assert (
        f"{meta_path}: unsupported format_version 99; this release of transformer_mock reads "
        "format_version 1"
    ) == str(caught.value)


def test_episode_of_a_future_trace_version_is_refused_with_its_line(senso_ji: Path) -> None:
    episodes = senso_ji / "episodes.jsonl"
    text = episodes.read_text(encoding="utf-8").replace(
        '"format_version":1', '"format_version":7', 1
    )
    episodes.write_text(text, encoding="utf-8")

    with pytest.raises(
        RecordingFormatError, match=rf"{episodes}, line 1: unsupported format_version 7"
    ):
        MockTransformer("senso-ji", senso_ji.parent)
