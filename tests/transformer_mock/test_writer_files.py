"""The writer's files: descriptors kept open, torn tails, umask, unwritable paths, episode ids."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from token_trace import FinishReason, TokenTrace, dumps
from transformer_mock import MockTransformer, ProbeTransformer, Recording, RecordingFormatError
from transformer_mock._files import AppendFile, is_whole_line
from transformer_mock._format import SAMPLED_METADATA, episode_id, progress_line, sampled_line
from transformer_mock._paths import recording_dir
from transformer_mock._prune import prune_recording
from transformer_mock._store import RecordingWriter
from transformer_mock._swap import new_session, staging_dir
from transformer_mock.errors import RecordingPathError

from .chat_app import llama2_prompt, manual_loop
from .handmade import KAMINARIMON, SENSO_JI, handmade_recording

ROOT = Path(__file__).resolve().parents[2]
SUSHI = "<s>[INST] お寿司🍣 [/INST]"
TEXT = st.text(alphabet=st.sampled_from('浅草寺🙏🍣 ab"\\\n\t\x01/é'), max_size=12)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=12,
)


def _sushi(tokenizer: Any) -> tuple[TokenTrace, dict[int, str]]:
    """An episode on SUSHI, and the pieces of its ids."""
    ids = [*tokenizer.encode(SUSHI, add_special_tokens=False), 2]
    pieces = dict(zip(ids, tokenizer.convert_ids_to_tokens(ids), strict=True))
    return TokenTrace(ids[:-1], ids[-1:], FinishReason.EOS, prompt_text=SUSHI), pieces


def _prompts(path: Path) -> list[str | None]:
    return [trace.prompt_text for trace in Recording.load(path).episodes]


# torn tails: only what a writer of ours could have left is cut --------------------------------


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(TEXT, JSON_VALUES, max_size=4))
def test_every_cut_of_one_of_our_lines_is_torn_and_the_whole_line_is_not(
    data: dict[str, Any],
) -> None:
    line = dumps(data).encode("utf-8")

    kept = [line[:end] for end in range(1, len(line)) if is_whole_line(line[:end])]

    assert ([], True) == (kept, is_whole_line(line))


@pytest.mark.parametrize(
    "tail",
    ['"浅草寺🙏"', "[1, 2]", "42", "# 浅草寺のメモ 🙏", '{"a": 1}}', '{"雷門" 1', "null"],
)
def test_a_tail_none_of_our_writers_could_leave_is_kept(tail: str) -> None:
    assert is_whole_line(tail.encode("utf-8"))


def test_a_hand_written_last_line_without_newline_is_kept_by_the_next_writer(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    writer = RecordingWriter(senso_ji, Recording.load(senso_ji).meta)
    episodes = senso_ji / "episodes.jsonl"
    episodes.write_bytes(episodes.read_bytes() + "# 浅草寺のメモ 🙏".encode())

    writer.append(*_sushi(llama_tokenizer))
    writer.close()

    lines = episodes.read_text(encoding="utf-8").splitlines()
    assert ["# 浅草寺のメモ 🙏", SUSHI] == [lines[2], json.loads(lines[3])["prompt_text"]]
    with pytest.raises(RecordingFormatError, match=r"episodes\.jsonl, line 3"):
        Recording.load(senso_ji)


def test_a_whole_episode_without_newline_is_kept_and_a_torn_one_cut(
    senso_ji: Path, llama_tokenizer: Any
) -> None:
    episodes = senso_ji / "episodes.jsonl"
    first, second = episodes.read_bytes().splitlines(keepends=True)
    episodes.write_bytes(first + second.rstrip(b"\n"))
    handmade_recording(senso_ji, llama_tokenizer, [(SUSHI, "美味しい😋")])
    whole = _prompts(senso_ji)
    cut = second.index("雷".encode()) + 1  # inside a character
    episodes.write_bytes(episodes.read_bytes() + second[:cut])
    handmade_recording(senso_ji, llama_tokenizer, [(SUSHI, "また来てね🍡")])

    assert [SENSO_JI, KAMINARIMON, SUSHI] == whole
    assert [SENSO_JI, KAMINARIMON, SUSHI, SUSHI] == _prompts(senso_ji)


# descriptors kept open between appends -------------------------------------------------------


def _episode_line(answer: str) -> str:
    return TokenTrace([1, 2], [3], FinishReason.EOS, prompt_text=answer).to_json()


def _texts(path: Path) -> list[str]:
    return [json.loads(line)["prompt_text"] for line in path.read_text("utf-8").splitlines()]


@pytest.fixture
def appended(tmp_path: Path) -> Iterator[tuple[Path, AppendFile]]:
    path = tmp_path / "episodes.jsonl"
    file = AppendFile(path)
    file.append([_episode_line("浅草寺🙏")])
    yield path, file
    file.close()


def test_an_append_after_the_file_was_replaced_goes_to_the_new_file(
    appended: tuple[Path, AppendFile], tmp_path: Path
) -> None:
    path, file = appended
    os.replace(path, tmp_path / "old.jsonl")
    path.write_text(_episode_line("雷門🏮") + "\n", encoding="utf-8")

    file.append([_episode_line("仲見世🍡")])

    assert [["浅草寺🙏"], ["雷門🏮", "仲見世🍡"]] == [_texts(tmp_path / "old.jsonl"), _texts(path)]


def test_an_append_after_the_file_was_deleted_creates_it_again(
    appended: tuple[Path, AppendFile],
) -> None:
    path, file = appended
    path.unlink()

    file.append([_episode_line("雷門🏮")])

    assert ["雷門🏮"] == _texts(path)


def test_an_append_after_the_file_became_a_symlink_is_refused(
    appended: tuple[Path, AppendFile], tmp_path: Path
) -> None:
    path, file = appended
    outside = tmp_path / "outside.txt"
    outside.write_text("秘密🔑\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(outside)

    with pytest.raises(RecordingPathError, match="symbolic link"):
        file.append([_episode_line("雷門🏮")])
    assert "秘密🔑\n" == outside.read_text(encoding="utf-8")


def test_lines_another_writer_appended_are_kept_and_a_torn_one_cut(
    appended: tuple[Path, AppendFile],
) -> None:
    path, file = appended
    other = AppendFile(path)
    other.append([_episode_line("雷門🏮")])
    file.append([_episode_line("仲見世🍡")])
    with path.open("ab") as raw:
        raw.write(_episode_line("殺された🔪").encode()[:-9])

    file.append([_episode_line("お寿司🍣")])
    other.close()

    assert ["浅草寺🙏", "雷門🏮", "仲見世🍡", "お寿司🍣"] == _texts(path)


def test_a_writer_follows_its_recording_directory_swapped_under_it(
    senso_ji: Path, llama_tokenizer: Any, tmp_path: Path
) -> None:
    writer = RecordingWriter(senso_ji, Recording.load(senso_ji).meta)
    old = tmp_path / "old"
    shutil.copytree(senso_ji, tmp_path / "new")
    senso_ji.rename(old)
    (tmp_path / "new").rename(senso_ji)

    writer.append(*_sushi(llama_tokenizer))
    writer.close()

    assert [[SENSO_JI, KAMINARIMON], [SENSO_JI, KAMINARIMON, SUSHI]] == [
        _prompts(old),
        _prompts(senso_ji),
    ]


# umask --------------------------------------------------------------------------------------


@pytest.fixture(params=[0o022, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = request.param
    old = os.umask(mask)
    yield mask
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_new_files_get_the_users_umask(umask: int, tmp_path: Path, llama_tokenizer: Any) -> None:
    recording = tmp_path / "浅草"
    handmade_recording(recording, llama_tokenizer, [(SENSO_JI, "東京です🗼"), (SUSHI, "😋")])
    used = {Recording.load(recording).episode_ids[0]}
    prune_recording(recording, used)
    staged = staging_dir(tmp_path / "雷門", new_session())
    names = ["meta.json", "episodes.jsonl", "tokenizer.jsonl", ".lock"]

    modes = {name: _mode(recording / name) for name in names}
    modes[".session"] = _mode(staged / ".session")

    assert {name: 0o666 & ~umask for name in [*names, ".session"]} == modes


# unwritable paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dirname", "problem"),
    [
        ("浅" * 86, "component of 258 bytes"),
        ("/".join(["浅草寺" * 20] * 25), "makes a path of"),
    ],
)
def test_a_too_long_dirname_is_a_recording_path_error(
    tmp_path: Path, dirname: str, problem: str
) -> None:
    with pytest.raises(RecordingPathError, match=problem) as raised:
        recording_dir(dirname, tmp_path)
    assert repr(dirname)[:40] in str(raised.value)


def test_a_file_where_the_recording_directory_should_be_is_a_recording_path_error(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    (tmp_path / "浅草").write_text("not a directory", encoding="utf-8")

    with pytest.raises(RecordingPathError, match="cannot create the recording directory") as raised:
        ProbeTransformer(tiny_model, llama_tokenizer, "浅草/寺", tmp_path)
    assert str(tmp_path / "浅草" / "寺") in str(raised.value)


_CAPABILITIES_ROOT_WRITES_WITH = (1, 2, 3)
"""CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root write read-only files."""


def _without_permission_override() -> None:
    """In a child about to exec as root: drop the capabilities that ignore file permissions.

    Dropped from the bounding set (``prctl(PR_CAPBSET_DROP)``), they are gone after ``exec``,
    so the child meets read-only files as any user does.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _CAPABILITIES_ROOT_WRITES_WITH:
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


READ_ONLY_CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from local_models import llama2_tokenizer, tiny_llama
from transformer_mock import MockTransformer, RecordingPathError
from tests.transformer_mock.chat_app import manual_loop

parent = Path(sys.argv[1])
prompt, other = sys.argv[3], sys.argv[4]
factory = lambda: (tiny_llama(), llama2_tokenizer())
results = {}
for mode in ("none", "once", "new_episodes", "all"):
    try:
        with MockTransformer("rec", parent, record_mode=mode, model_factory=factory) as mock:
            model, tokenizer = mock.get_model(), mock.get_tokenizer()
            ids = manual_loop(model, tokenizer, prompt, 4)
            results[mode] = ["replayed", tokenizer.decode(ids)]
            if mode in ("new_episodes", "all"):
                manual_loop(model, tokenizer, other, 4)
    except RecordingPathError as error:
        results[mode] = ["RecordingPathError", str(error)]
from transformer_mock._prune import prune_recording
try:
    prune_recording(parent / "rec", set())
except RecordingPathError as error:
    results["prune"] = ["RecordingPathError", str(error)]
print(json.dumps(results))
"""


def test_a_read_only_recording_replays_and_a_mode_that_must_write_names_path_and_mode(
    tiny_model: Any, llama_tokenizer: Any
) -> None:
    senso_ji = llama2_prompt([("浅草寺はどこですか？🙏", None)])
    kaminarimon = llama2_prompt([("雷門の提灯は何色？🏮", None)])
    prompts = [senso_ji, kaminarimon]
    expected_text = llama_tokenizer.decode(manual_loop(tiny_model, llama_tokenizer, senso_ji, 4))
    parent = Path(tempfile.mkdtemp(prefix="read-only-"))
    try:
        with MockTransformer(
            "rec", parent, record_mode="once", model_factory=lambda: (tiny_model, llama_tokenizer)
        ) as mock:
            manual_loop(mock.get_model(), mock.get_tokenizer(), senso_ji, 4)
        before = {p.name: p.read_bytes() for p in (parent / "rec").iterdir()}
        for path in [*(parent / "rec").iterdir(), parent / "rec", parent]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        child = subprocess.run(
            [sys.executable, "-c", READ_ONLY_CHILD, str(parent), str(ROOT / "examples"), *prompts],
            env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}", "HOME": str(parent)},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=_without_permission_override if os.geteuid() == 0 else None,
        )
        after = {p.name: p.read_bytes() for p in (parent / "rec").iterdir()}
    finally:
        for path in [parent, *parent.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(parent)

    assert 0 == child.returncode, child.stderr
    results = json.loads(child.stdout)
    rec = str(parent / "rec")
    assert {
        "none": ["replayed", expected_text],
        "once": ["replayed", expected_text],
    } == {mode: results[mode] for mode in ("none", "once")}
    for mode in ("new_episodes", "all"):
        kind, message = results[mode]
        assert ("RecordingPathError", True, True) == (
            kind,
            f"record mode {mode!r} must write recording {rec!r}" in message,
            "Permission denied" in message,
        ), message
    assert ("RecordingPathError", True) == (
        results["prune"][0],
        f"cannot lock {str(parent / 'rec' / '.lock')!r}: Permission denied" in results["prune"][1],
    ), results["prune"]
    assert before == after


# episode ids --------------------------------------------------------------------------------


def test_the_same_generation_recorded_twice_has_one_id_whatever_its_latencies(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    prompt = llama2_prompt([("浅草寺はどこですか？🙏", None)])
    for name in ("first", "second"):
        with ProbeTransformer(tiny_model, llama_tokenizer, name, tmp_path) as probe:
            manual_loop(probe.get_model(), probe.get_tokenizer(), prompt, 4)
    first, second = (Recording.load(tmp_path / name).episodes[0] for name in ("first", "second"))

    assert (True, True) == (first.latencies is not None, first.latencies != second.latencies)
    assert episode_id(first) == episode_id(second)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 31999), min_size=1, max_size=6),
    st.lists(st.floats(0, 10), min_size=7, max_size=7),
    st.lists(st.floats(0, 10), min_size=7, max_size=7),
    TEXT,
)
def test_an_episode_id_ignores_latencies_only(
    generated: list[int], latencies: list[float], other: list[float], text: str
) -> None:
    def trace(ids: list[int], seconds: list[float] | None, prompt_text: str) -> TokenTrace:
        return TokenTrace([1], ids, prompt_text=prompt_text, latencies=seconds)

    n = len(generated)
    same = {
        episode_id(trace(generated, latencies[:n], text)),
        episode_id(trace(generated, other[:n], text)),
        episode_id(trace(generated, None, text)),
    }
    changed = episode_id(trace([*generated, 2], latencies[: n + 1], text))
    retitled = episode_id(trace(generated, None, text + "🙏"))

    assert (1, False, False) == (len(same), changed in same, retitled in same)


def test_a_probe_whose_recording_is_swapped_mid_episode_restates_it_with_its_pieces(
    tmp_path: Path, tiny_model: Any, llama_tokenizer: Any
) -> None:
    handmade_recording(tmp_path / "other", llama_tokenizer, [(KAMINARIMON, "赤です🏮")])
    prompt = tuple(llama_tokenizer.encode(SENSO_JI, add_special_tokens=False))
    generated: list[int] = []
    with ProbeTransformer(tiny_model, llama_tokenizer, "rec", tmp_path) as probe:
        model, sampler = probe.get_model(), probe.get_token_sampler()
        past, step = None, torch.tensor([list(prompt)])
        for index in range(6):
            if index == 3:  # an `all` run elsewhere swaps another recording in
                (tmp_path / "rec").rename(tmp_path / "rec-old")
                (tmp_path / "other").rename(tmp_path / "rec")
            with torch.no_grad():
                out = model(input_ids=step, past_key_values=past, use_cache=True)
            past = out.past_key_values
            generated.append(sampler.do_sample(out.logits[0][-1], temperature=0))
            step = torch.tensor([generated[-1:]])
        before_close = Recording.load(tmp_path / "rec").episodes

    assert [(KAMINARIMON, None), (None, (prompt, tuple(generated)))] == [
        (trace.prompt_text, None if trace.prompt_text else (trace.prompt_ids, trace.generated_ids))
        for trace in before_close
    ]


def test_every_episodes_line_the_probe_wrote_is_canonical_json(recorded: Any) -> None:
    """Progress lines of sampled tokens are built by hand: they must be what dumps gives."""
    lines = (recorded.path / "episodes.jsonl").read_text(encoding="utf-8").splitlines()
    sampled = [line for line in lines if '"last_token":"sampled"' in line and '"at":' in line]
    assert len(sampled) > 10  # the custom and do_sample chats sample through the probe
    assert lines == [dumps(json.loads(line)) for line in lines]


@settings(max_examples=80, deadline=None)
@given(
    at=st.integers(0, 10**6),
    ids=st.lists(st.integers(0, 2**31), max_size=4),
    latencies=st.none() | st.lists(st.floats(0, 3600), max_size=4),
    reason=st.sampled_from([reason.value for reason in FinishReason]),
    metadata=st.dictionaries(TEXT, TEXT | JSON_VALUES, max_size=3),
)
def test_a_progress_line_is_the_canonical_json_of_its_fields(
    at: int,
    ids: list[int],
    latencies: list[float] | None,
    reason: str,
    metadata: dict[str, Any],
) -> None:
    data: dict[str, Any] = {"stream": "0123456789abcdef", "at": at, "ids": ids}
    if latencies is not None:
        data["latencies"] = latencies
    data.update(finish_reason=reason, metadata=metadata)
    line = progress_line("0123456789abcdef", at, ids, latencies, reason, metadata)
    assert dumps(data) == line


@settings(max_examples=60, deadline=None)
@given(at=st.integers(0, 10**6), token_id=st.integers(0, 2**31), seconds=st.floats(0, 3600))
def test_a_sampled_tokens_line_is_its_progress_line(at: int, token_id: int, seconds: float) -> None:
    expected = progress_line(
        "0123456789abcdef", at, [token_id], [seconds], "unknown", SAMPLED_METADATA
    )
    assert expected == sampled_line("0123456789abcdef", at, token_id, seconds)
