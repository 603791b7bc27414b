"""The transformer-mock command: ls, show, verify and prune, with the exit codes users expect."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from transformer_mock import Recording
from transformer_mock.cli import main

from .handmade import KAMINARIMON, SENSO_JI, TWO_EPISODES, handmade_recording


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _generated(path: Path) -> int:
    return sum(len(trace.generated_ids) for trace in Recording.load(path).episodes)


def test_ls_lists_recordings_with_episode_and_token_counts(
    senso_ji: Path, llama_tokenizer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, "ls", str(senso_ji.parent))

    tokens = str(_generated(senso_ji))
    expected = [
        f"RECORDING  EPISODES  {'GENERATED':>{len(tokens)}}  TOKENIZER",
        f"senso-ji          2  {tokens:>9}  {llama_tokenizer.name_or_path}",
    ]
    assert (0, expected, "") == (status, out.splitlines(), err)


def test_ls_defaults_to_the_default_parent_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    status, out, _ = _run(capsys, "ls")

    assert (0, f"no recordings under {tmp_path / 'cache/chatstream/probe_data'}\n") == (
        status,
        out,
    )


def test_ls_marks_a_broken_recording_and_exits_1(
    senso_ji: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (senso_ji / "meta.json").write_text("{壊れた", encoding="utf-8")

    status, out, err = _run(capsys, "ls", str(senso_ji.parent))

    assert 1 == status
    assert "senso-ji          -          -  BROKEN (see below)" == out.splitlines()[1]
    assert err.startswith(f"senso-ji: {senso_ji / 'meta.json'}: not valid JSON (")


def test_show_prints_each_episode_decoded_with_its_id_and_finish_reason(
    senso_ji: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = Recording.load(senso_ji).episode_ids

    status, out, err = _run(capsys, "show", str(senso_ji))

    assert (0, "") == (status, err)
    blocks = out.split("\n\n")
    assert [
        f"=== episode 1/2  id {ids[0]}  finish eos  22 prompt + 11 generated tokens ===",
        "--- prompt ---",
        SENSO_JI,
        "--- answer ---",
        "東京の台東区です。</s>",
    ] == blocks[0].splitlines()
    assert [KAMINARIMON, "浅草寺の入り口です🏮</s>"] == blocks[1].splitlines()[2::2]


def test_show_with_an_unknown_episode_id_exits_1(
    senso_ji: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "show", str(senso_ji), "--id", "0123456789abcdef")

    assert (1, f"no episode with id 0123456789abcdef in {senso_ji}\n") == (status, err)


def test_verify_passes_a_recording_of_every_way_the_app_drives_a_model(
    recorded: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    episodes = len(Recording.load(recorded.path).episodes)

    status, out, _ = _run(capsys, "verify", str(recorded.path))

    assert (0, f"{recorded.path}: ok ({episodes} episodes)\n") == (status, out)


def test_verify_lists_episodes_that_cannot_replay_and_encodes_that_decode_wrong(
    senso_ji: Path, llama_tokenizer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    episodes = senso_ji / "episodes.jsonl"
    first, second = episodes.read_text(encoding="utf-8").splitlines()
    beam = json.loads(first)
    beam["metadata"] = {"via": "generate", "num_beams": 2}
    episodes.write_text(f"{json.dumps(beam, ensure_ascii=False)}\n{second}\n", encoding="utf-8")
    tokenizer_file = senso_ji / "tokenizer.jsonl"
    lines = tokenizer_file.read_text(encoding="utf-8").splitlines()
    encode = json.loads(lines[1])
    encode["ids"] = encode["ids"][:-3]
    lines[1] = json.dumps(encode, ensure_ascii=False)
    tokenizer_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    status, out, _ = _run(capsys, "verify", str(senso_ji))

    report = out.splitlines()
    assert (1, f"{senso_ji}: FAILED (2 problems)") == (status, report[0])
    assert report[1].startswith("  episode 1 (id ")
    assert "recorded by beam search (num_beams=2)" in report[1]
    assert report[2].startswith(f"  encode of {SENSO_JI!r} decodes to ")


def test_verify_reports_a_recording_that_does_not_load(
    senso_ji: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_text("{}\n" + episodes.read_text(encoding="utf-8"), encoding="utf-8")

    status, out, _ = _run(capsys, "verify", str(senso_ji))

    assert 1 == status
    assert [f"{senso_ji}: FAILED (1 problem)", f"  {episodes}, line 1: missing key"] == [
        out.splitlines()[0],
        out.splitlines()[1][: len(f"  {episodes}, line 1: missing key")],
    ]


def _usage(tmp_path: Path, recordings: dict[str, list[str]]) -> Path:
    path = tmp_path / "usage.json"
    path.write_text(json.dumps({"format_version": 1, "recordings": recordings}), encoding="utf-8")
    return path


def test_prune_drops_the_episodes_the_test_run_did_not_replay(
    senso_ji: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept, dropped = Recording.load(senso_ji).episode_ids
    tokenizer_before = (senso_ji / "tokenizer.jsonl").read_bytes()
    usage = _usage(tmp_path, {str(senso_ji.resolve()): [kept]})

    status, out, _ = _run(capsys, "prune", str(senso_ji), "--usage", str(usage))

    assert 0 == status
    assert [f"{senso_ji}: dropped 1 of 2 episodes", f"  {dropped}  {KAMINARIMON!r}"] == (
        out.splitlines()
    )
    assert [SENSO_JI] == [trace.prompt_text for trace in Recording.load(senso_ji).episodes]
    assert tokenizer_before == (senso_ji / "tokenizer.jsonl").read_bytes()


def test_prune_dry_run_changes_nothing(
    senso_ji: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (senso_ji / "episodes.jsonl").read_bytes()
    usage = _usage(tmp_path, {str(senso_ji): []})

    status, out, _ = _run(capsys, "prune", str(senso_ji), "--usage", str(usage), "--dry-run")

    assert (0, f"{senso_ji}: would drop 2 of 2 episodes") == (status, out.splitlines()[0])
    assert before == (senso_ji / "episodes.jsonl").read_bytes()


def test_prune_refuses_a_recording_the_usage_file_does_not_name(
    senso_ji: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usage = _usage(tmp_path, {str(tmp_path / "other"): []})

    status, _, err = _run(capsys, "prune", str(senso_ji), "--usage", str(usage))

    assert 1 == status
    assert err.startswith(f"transformer-mock prune: {senso_ji} is not named in {usage}")


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["prune", "somewhere"], ["show"], ["ls", "a", "b"]],
)
def test_usage_errors_exit_2_with_a_message_and_no_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, *argv)

    assert 2 == status
    assert "usage: transformer-mock" in err
    assert "Traceback" not in err


def test_missing_usage_file_exits_2(
    senso_ji: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "prune", str(senso_ji), "--usage", str(tmp_path / "none.json"))

    assert (2, f"transformer-mock prune: error: no such usage file '{tmp_path}/none.json'\n") == (
        status,
        err,
    )


@pytest.mark.parametrize("command", ["ls", "show", "verify", "prune"])
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, command, "--help")

    assert 0 == status
    assert out.startswith(f"usage: transformer-mock {command}")


def test_python_dash_m_transformer_mock_prints_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "transformer_mock", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert (0, "usage: transformer-mock [-h] COMMAND ...") == (
        result.returncode,
        result.stdout.splitlines()[0],
    )


def test_verify_flags_a_special_token_whose_recorded_piece_differs_from_the_card(
    senso_ji: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tokenizer_file = senso_ji / "tokenizer.jsonl"
    text = tokenizer_file.read_text(encoding="utf-8")
    tokenizer_file.write_text(text.replace('[2,"</s>"]', '[2,"<終>"]'), encoding="utf-8")

    status, out, _ = _run(capsys, "verify", str(senso_ji))

    assert (
        1,
        f"  {senso_ji / 'meta.json'}: special token '</s>' has id 2 in the tokenizer card, but "
        "the recorded piece of id 2 is '<終>'",
    ) == (status, out.splitlines()[1])


def _imported_modules(importtime_stderr: str) -> set[str]:
    """The top-level packages ``python -X importtime`` reports as imported."""
    return {
        line.split("|")[-1].strip().split(".")[0]
        for line in importtime_stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    ("command", "heavy"),
    [
        (["ls", "{parent}"], set()),
        (["show", "{recording}"], set()),
        (["prune", "{recording}", "--usage", "{usage}", "--dry-run"], set()),
        (["verify", "{recording}"], {"torch", "transformers"}),
    ],
)
def test_only_verify_imports_torch_and_transformers(
    command: list[str], heavy: set[str], senso_ji: Path, tmp_path: Path
) -> None:
    usage = _usage(tmp_path, {str(senso_ji): []})
    argv = [
        part.format(parent=senso_ji.parent, recording=senso_ji, usage=usage) for part in command
    ]

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "transformer_mock", *argv],
        capture_output=True,
        text=True,
        check=False,
    )

    imported = _imported_modules(result.stderr)
    assert (0, heavy) == (result.returncode, imported & {"torch", "transformers"})
    assert {"transformer_mock", "tokenizers"} <= imported


HOSTILE_PROMPT = "<s>[INST] 画面\x1b[2J\x1b[H消去\x1b]0;題名\x07 \u202eevil [/INST]"
HOSTILE_ANSWER = "答え\r偽の答え🏮\n二行目"


def test_show_escapes_control_characters_and_keeps_japanese_and_emoji(
    tmp_path: Path, llama_tokenizer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile"
    handmade_recording(path, llama_tokenizer, [(HOSTILE_PROMPT, HOSTILE_ANSWER)])

    status, out, _ = _run(capsys, "show", str(path))

    assert 0 == status
    assert [
        "--- prompt ---",
        "<s>[INST] 画面\\x1b[2J\\x1b[H消去\\x1b]0;題名\\x07 \\u202eevil [/INST]",
        "--- answer ---",
        "答え\\r偽の答え🏮",
        "二行目</s>",
    ] == out.splitlines()[1:6]


def test_ls_escapes_names_and_pads_columns_by_display_width(
    tmp_path: Path, llama_tokenizer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["cafe\u0301-menu", "evil\x1b[2J", "浅草寺の記録"]
    for name in names:
        handmade_recording(tmp_path / name, llama_tokenizer, TWO_EPISODES[:1])
    meta_path = tmp_path / "evil\x1b[2J" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["tokenizer_card"]["name_or_path"] = "\x1b]0;盗まれた\x07"
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    tokens = _generated(tmp_path / names[0])
    tokenizer = llama_tokenizer.name_or_path

    status, out, _ = _run(capsys, "ls", str(tmp_path))

    assert 0 == status
    assert [
        "RECORDING     EPISODES  GENERATED  TOKENIZER",
        f"cafe\u0301-menu            1  {tokens:>9}  {tokenizer}",
        f"evil\\x1b[2J          1  {tokens:>9}  \\x1b]0;盗まれた\\x07",
        f"浅草寺の記録         1  {tokens:>9}  {tokenizer}",
    ] == out.splitlines()


def test_prune_takes_several_recordings_and_leaves_unnamed_ones_alone(
    tmp_path: Path, llama_tokenizer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [tmp_path / name for name in ("浅草", "雷門", "未使用")]
    for path in paths:
        handmade_recording(path, llama_tokenizer, TWO_EPISODES)
    kept, dropped = Recording.load(paths[0]).episode_ids
    usage = _usage(tmp_path, {str(paths[0]): [kept], str(paths[1]): [kept, dropped]})

    status, out, err = _run(capsys, "prune", *map(str, paths), "--usage", str(usage))

    assert (1, [1, 2, 2]) == (
        status,
        [len(Recording.load(path).episodes) for path in paths],
    )
    assert [
        f"{paths[0]}: dropped 1 of 2 episodes",
        f"  {dropped}  {KAMINARIMON!r}",
        f"{paths[1]}: dropped 0 of 2 episodes",
    ] == out.splitlines()
    assert err.startswith(f"transformer-mock prune: {paths[2]} is not named in {usage}")


def test_prune_reads_relative_paths_in_a_usage_file_from_the_file_s_folder(
    senso_ji: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kept, _ = Recording.load(senso_ji).episode_ids
    usage = _usage(tmp_path, {"senso-ji": [kept]})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    status, out, _ = _run(capsys, "prune", str(senso_ji), "--usage", str(usage))

    assert (0, f"{senso_ji}: dropped 1 of 2 episodes") == (status, out.splitlines()[0])
    assert [kept] == Recording.load(senso_ji).episode_ids


def _set_latencies(recording: Path, latency: str) -> None:
    """Give the first episode a recorded latency of ``latency`` (JSON text) per token."""
    episodes = recording / "episodes.jsonl"
    first, *rest = episodes.read_text(encoding="utf-8").splitlines()
    count = len(json.loads(first)["generated_ids"])
    first = first[:-1] + ',"latencies":[' + ",".join([latency] * count) + "]}"
    episodes.write_text("\n".join([first, *rest]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("command", ["show", "prune"])
@pytest.mark.parametrize(
    ("latency", "problem"),
    [
        ("1e400", "not valid JSON (1e400 is not a finite number)"),
        (
            "1e9",
            "latencies: 1000000000.0 seconds is not from 0 to 3600 (the longest latency a "
            "recording may hold)",
        ),
    ],
)
def test_a_latency_past_the_cap_is_a_clear_error(
    command: str,
    latency: str,
    problem: str,
    senso_ji: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _set_latencies(senso_ji, latency)
    usage = _usage(tmp_path, {str(senso_ji): []})
    argv = [command, str(senso_ji)] + (["--usage", str(usage)] if command == "prune" else [])

    status, _, err = _run(capsys, *argv)

    assert (
        1,
        f"transformer-mock {command}: error: {senso_ji / 'episodes.jsonl'}, line 1: {problem}\n",
    ) == (status, err)
