"""The pytest plugin, run through pytester: options, marker, fixtures, modes, report, usage file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from transformer_mock import Recording

from .handmade import handmade_recording

pytest_plugins = ["pytester"]

SENSO_JI = "<s>[INST] 浅草寺はどこですか？🙏 [/INST]"
KAMINARIMON = "<s>[INST] 雷門は？ [/INST]"
ANSWERS = {SENSO_JI: "東京の台東区です。", KAMINARIMON: "浅草寺の入り口です🏮"}

REPLAY_TEST = """
import pytest
import torch

PROMPT = {prompt!r}


{marker}
def test_replays(transformer_mock):
    model, tokenizer = transformer_mock.get_model(), transformer_mock.get_tokenizer()
    ids = tokenizer.encode(PROMPT, add_special_tokens=False)
    output = model.generate(torch.tensor([ids]), max_new_tokens=30)
    assert {answer!r} == tokenizer.decode(output[0, len(ids):], skip_special_tokens=True)
"""


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory, llama_tokenizer: Any) -> Path:
    """A two-episode recording made by hand (no model), copied into each pytester folder."""
    path = tmp_path_factory.mktemp("plugin") / "two-episodes"
    handmade_recording(path, llama_tokenizer, list(ANSWERS.items()))
    return path


def _replay_test(prompt: str, marker: str = "") -> str:
    return REPLAY_TEST.format(prompt=prompt, answer=ANSWERS[prompt], marker=marker)


def test_options_are_in_their_own_group(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")

    result.stdout.fnmatch_lines(
        [
            "transformer_mock recordings:",
            "*--record-mode=*none,once,new_episodes,all*",
            "*--transformer-mock-usage=PATH*",
            "*transformer_mock_record_mode*",
        ]
    )


def test_a_bad_ini_record_mode_lists_the_valid_ones(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntransformer_mock_record_mode = sometimes\n")
    pytester.makepyfile("def test_it(transformer_mock_record_mode):\n    pass\n")

    result = pytester.runpytest()

    result.stdout.fnmatch_lines(
        [
            "*there is no record mode 'sometimes'; valid record modes are: "
            "'none', 'once', 'new_episodes', 'all'*"
        ]
    )


def test_recordings_are_named_like_pytest_recording_cassettes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_names="""
        import pytest

        @pytest.mark.parametrize("city", ["tokyo/asakusa:1"])
        def test_plain(request, transformer_mock_dir, transformer_mock_dirname, city):
            folder = transformer_mock_dir.relative_to(request.config.rootpath)
            print("NAME", folder.as_posix(), transformer_mock_dirname)

        class TestChat:
            def test_in_class(self, transformer_mock_dirname):
                print("NAME", transformer_mock_dirname)

        @pytest.mark.transformer_mock(dirname="shared-chat")
        def test_marked(transformer_mock_dirname):
            print("NAME", transformer_mock_dirname)
        """
    )

    result = pytester.runpytest("-s")

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*NAME recordings/test_names test_plain[[]tokyo-asakusa-1[]]",
            "*NAME TestChat.test_in_class",
            "*NAME shared-chat",
        ]
    )


def test_none_replays_the_marked_recording_and_never_needs_a_model(
    pytester: pytest.Pytester, handmade: Path
) -> None:
    shutil.copytree(handmade, pytester.path / "recordings" / "test_chat" / "two-episodes")
    marker = '@pytest.mark.transformer_mock(dirname="two-episodes")'
    pytester.makepyfile(test_chat=_replay_test(SENSO_JI, marker))

    result = pytester.runpytest()

    result.assert_outcomes(passed=1)


def test_the_command_line_record_mode_wins_over_the_marker(
    pytester: pytest.Pytester,
) -> None:
    marker = '@pytest.mark.transformer_mock(record_mode="once")'
    pytester.makepyfile(test_chat=_replay_test(SENSO_JI, marker))

    by_marker = pytester.runpytest()
    by_option = pytester.runpytest("--record-mode=none")

    by_marker.stdout.fnmatch_lines(["*ModelFactoryMissingError: record mode 'once'*"])
    by_option.stdout.fnmatch_lines(["*RecordingFormatError: *no such recording directory*"])


def test_the_summary_names_unused_recordings_and_episodes_and_the_usage_file_lists_used_ones(
    pytester: pytest.Pytester, handmade: Path
) -> None:
    folder = pytester.path / "recordings" / "test_chat"
    used = Path(shutil.copytree(handmade, folder / "test_replays")).resolve()
    unused = Path(shutil.copytree(handmade, folder / "left-over")).resolve()
    pytester.makepyfile(test_chat=_replay_test(KAMINARIMON))
    ids = Recording.load(used).episode_ids

    result = pytester.runpytest("--transformer-mock-usage=usage.json")

    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*transformer_mock*",
            "1 recordings no test used:",
            f"  {unused}",
            f"{used}: 1 of 2 episodes never replayed: {ids[0]}",
        ]
    )
    usage = json.loads((pytester.path / "usage.json").read_text(encoding="utf-8"))
    assert {"format_version": 1, "recordings": {str(used): [ids[1]]}} == usage


def test_record_mode_all_from_the_command_line_records_the_test_again(
    pytester: pytest.Pytester, handmade: Path
) -> None:
    recording = pytester.path / "recordings" / "test_chat" / "test_replays"
    shutil.copytree(handmade, recording)
    pytester.makeconftest(
        """
        import pytest
        from local_models import llama2_tokenizer, tiny_llama

        @pytest.fixture
        def transformer_mock_model_factory():
            return lambda: (tiny_llama(), llama2_tokenizer())
        """
    )
    pytester.makepyfile(
        test_chat="""
        import torch

        def test_replays(transformer_mock):
            model, tokenizer = transformer_mock.get_model(), transformer_mock.get_tokenizer()
            ids = tokenizer.encode("<s>[INST] 雷門は？ [/INST]", add_special_tokens=False)
            model.generate(torch.tensor([ids]), max_new_tokens=3, do_sample=False)
        """
    )

    result = pytester.runpytest("--record-mode=all")

    result.assert_outcomes(passed=1)
    episodes = Recording.load(recording).episodes
    assert [("generate", 3)] == [(e.metadata["via"], len(e.generated_ids)) for e in episodes]


XDIST_TESTS = """
import pytest
import torch

ANSWERS = {answers!r}


def _replay(transformer_mock, prompt):
    model, tokenizer = transformer_mock.get_model(), transformer_mock.get_tokenizer()
    ids = tokenizer.encode(prompt, add_special_tokens=False)
    output = model.generate(torch.tensor([ids]), max_new_tokens=30)
    assert ANSWERS[prompt] == tokenizer.decode(output[0, len(ids):], skip_special_tokens=True)


@pytest.mark.transformer_mock(dirname="two-episodes")
@pytest.mark.parametrize("prompt", {prompts!r})
def test_replays(transformer_mock, prompt):
    _replay(transformer_mock, prompt)


def test_without_a_recording():
    pass
"""


def _summary(result: pytest.RunResult) -> list[str]:
    """The lines of the run's ``transformer_mock`` summary section."""
    lines = result.stdout.lines
    start = next(i for i, line in enumerate(lines) if " transformer_mock " in line)
    end = next(i for i, line in enumerate(lines[start + 1 :], start + 1) if line.startswith("="))
    return [line for line in lines[start + 1 : end] if line]


def test_pytest_n_reports_and_writes_the_same_usage_as_a_serial_run(
    pytester: pytest.Pytester, handmade: Path
) -> None:
    chat_a, chat_b = (pytester.path / "recordings" / name for name in ("test_a", "test_b"))
    used_a = Path(shutil.copytree(handmade, chat_a / "two-episodes")).resolve()
    used_b = Path(shutil.copytree(handmade, chat_b / "two-episodes")).resolve()
    unused = Path(shutil.copytree(handmade, chat_b / "left-over")).resolve()
    pytester.makepyfile(
        test_a=XDIST_TESTS.format(answers=ANSWERS, prompts=[SENSO_JI, KAMINARIMON]),
        test_b=XDIST_TESTS.format(answers=ANSWERS, prompts=[KAMINARIMON]),
    )
    senso_ji, kaminarimon = Recording.load(used_a).episode_ids

    serial = pytester.runpytest("--transformer-mock-usage=serial.json")
    parallel = pytester.runpytest_subprocess("-n", "2", "--transformer-mock-usage=parallel.json")

    serial.assert_outcomes(passed=5)
    parallel.assert_outcomes(passed=5)
    assert [
        "1 recordings no test used:",
        f"  {unused}",
        f"{used_b}: 1 of 2 episodes never replayed: {senso_ji}",
    ] == _summary(serial)
    assert _summary(serial) == _summary(parallel)
    usages = [
        json.loads((pytester.path / name).read_text(encoding="utf-8"))
        for name in ("serial.json", "parallel.json")
    ]
    expected = {str(used_a): [kaminarimon, senso_ji], str(used_b): [kaminarimon]}
    assert [{"format_version": 1, "recordings": dict(sorted(expected.items()))}] * 2 == usages
