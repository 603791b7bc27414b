"""Hostile but loadable recordings: only RecordingFormatError, naming file and field; no file
read and no network call because of what a recording says; verify and MockTransformer agree."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from transformer_mock import MockTransformer, ProbeTransformer, Recording, RecordingFormatError
from transformer_mock._verify import verify_recording
from transformer_mock.errors import (
    ReplaySettingsWarning,
    UnrecordedInputError,
    UnreplayableGenerationError,
)

from .chat_app import generate_text, llama2_prompt

FILES = ("meta.json", "episodes.jsonl", "tokenizer.jsonl")
Files = dict[str, Any]
"""A recording as data: ``meta.json`` as a dict, the JSONL files as lists of dicts."""


@pytest.fixture(scope="module")
def original(
    tmp_path_factory: pytest.TempPathFactory, tiny_model: Any, llama_tokenizer: Any
) -> dict[str, bytes]:
    """The files of a real recording: the real Llama-2-family tokenizer, the tiny Llama."""
    parent = tmp_path_factory.mktemp("hostile")
    with ProbeTransformer(tiny_model, llama_tokenizer, "real", parent) as probe:
        prompt = llama2_prompt([("浅草寺はどこですか？🙏", None)])
        generate_text(probe.get_model(), probe.get_tokenizer(), prompt, max_new_tokens=4)
    return {name: (parent / "real" / name).read_bytes() for name in FILES}


def _as_data(original: dict[str, bytes]) -> Files:
    return {
        "meta.json": json.loads(original["meta.json"]),
        "episodes.jsonl": [json.loads(line) for line in original["episodes.jsonl"].splitlines()],
        "tokenizer.jsonl": [json.loads(line) for line in original["tokenizer.jsonl"].splitlines()],
    }


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _encode(data: Files) -> dict[str, bytes]:
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    return {
        "meta.json": dump(data["meta.json"]).encode(),
        "episodes.jsonl": "".join(dump(e) + "\n" for e in data["episodes.jsonl"]).encode(),
        "tokenizer.jsonl": "".join(dump(t) + "\n" for t in data["tokenizer.jsonl"]).encode(),
    }


def _set(*path: str | int, value: Any) -> Callable[[Files], None]:
    """A mutation: set the value at ``path`` (file name first) to ``value``."""

    def mutate(data: Files) -> None:
        target = data[str(path[0])]
        for key in path[1:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _latencies(value: float) -> Callable[[Files], None]:
    def mutate(data: Files) -> None:
        episode = data["episodes.jsonl"][0]
        episode["latencies"] = [value] * len(episode["generated_ids"])

    return mutate


SETTINGS = ("meta.json", "tokenizer_backend", "settings")
MODEL = ("meta.json", "model_config")
GENERATION = ("meta.json", "generation_config")
HUB_ID = "meta-llama/Llama-2-7b-chat-hf"

LOAD_CASES: list[tuple[str, Callable[[Files], None], str, str]] = [
    # (case, mutation, file, the message after "<file>: ")
    (
        "tokenizer_file",
        _set(*SETTINGS, "tokenizer_file", value="/etc/passwd"),
        "meta.json",
        "tokenizer_backend.settings.tokenizer_file: not a tokenizer setting a recording keeps",
    ),
    (
        "gguf_file",
        _set(*SETTINGS, "gguf_file", value="llama-2-7b.Q4_K_M.gguf"),
        "meta.json",
        "tokenizer_backend.settings.gguf_file: not a tokenizer setting",
    ),
    (
        "vocab_file",
        _set(*SETTINGS, "vocab_file", value="/etc/passwd"),
        "meta.json",
        "tokenizer_backend.settings.vocab_file: not a tokenizer setting",
    ),
    (
        "a hub name",
        _set(*SETTINGS, "name_or_path", value=HUB_ID),
        "meta.json",
        "tokenizer_backend.settings.name_or_path: not a tokenizer setting",
    ),
    (
        "an unknown setting",
        _set(*SETTINGS, "絵文字🍣", value=True),
        "meta.json",
        "tokenizer_backend.settings.絵文字🍣: not a tokenizer setting",
    ),
    (
        "a string length",
        _set(*SETTINGS, "model_max_length", value="長い"),
        "meta.json",
        "tokenizer_backend.settings.model_max_length: expected an integer from 1 to",
    ),
    (
        "a negative length",
        _set(*SETTINGS, "model_max_length", value=-1),
        "meta.json",
        "tokenizer_backend.settings.model_max_length: expected an integer from 1 to",
    ),
    (
        "a padding side",
        _set(*SETTINGS, "padding_side", value="上"),
        "meta.json",
        "tokenizer_backend.settings.padding_side: expected 'left' or 'right' or null, got '上'",
    ),
    (
        "a string flag",
        _set(*SETTINGS, "split_special_tokens", value="no"),
        "meta.json",
        "tokenizer_backend.settings.split_special_tokens: expected true or false or null",
    ),
    (
        "a number template",
        _set(*SETTINGS, "chat_template", value=5),
        "meta.json",
        "tokenizer_backend.settings.chat_template: expected a string or null, got 5",
    ),
    (
        "a role that is a constructor argument",
        _set("meta.json", "tokenizer_card", "roles", "tokenizer_file", value="/etc/passwd"),
        "meta.json",
        "tokenizer_card.roles['tokenizer_file']: not a special-token role",
    ),
    (
        "a tokenizer vocabulary past the integer range",
        _set("meta.json", "tokenizer_card", "vocab_size", value=10**30),
        "meta.json",
        "tokenizer_card.vocab_size: expected an integer from 0 to 16777216, got 1.000e+30",
    ),
    (
        "a negative size",
        _set(*MODEL, "hidden_size", value=-1),
        "meta.json",
        "model_config.hidden_size: expected an integer from 1 to 2147483648, got -1",
    ),
    (
        "a string size",
        _set(*MODEL, "hidden_size", value="64"),
        "meta.json",
        "model_config.hidden_size: expected an integer from 1 to 2147483648, got '64'",
    ),
    (
        "zero heads",
        _set(*MODEL, "num_attention_heads", value=0),
        "meta.json",
        "model_config.num_attention_heads: expected an integer from 1 to 2147483648, got 0",
    ),
    (
        "a huge number",
        _set(*MODEL, "num_hidden_layers", value=10**30),
        "meta.json",
        "model_config.num_hidden_layers: 1.000e+30 does not fit in 64 bits",
    ),
    (
        "a string eos",
        _set(*MODEL, "eos_token_id", value="</s>"),
        "meta.json",
        "model_config.eos_token_id: expected a token id or a list of them",
    ),
    (
        "labels that are not an object",
        _set(*MODEL, "id2label", value=5),
        "meta.json",
        "model_config.id2label: expected an object of integer keys and string labels",
    ),
    (
        "an unknown dtype",
        _set(*MODEL, "dtype", value="os.system"),
        "meta.json",
        "model_config.dtype: expected one of",
    ),
    (
        "an encoder-decoder",
        _set(*MODEL, "is_encoder_decoder", value=True),
        "meta.json",
        "model_config.is_encoder_decoder: expected false (replay covers decoder-only models)",
    ),
    (
        "a path that is not a string",
        _set(*MODEL, "_name_or_path", value={"path": "/etc/passwd"}),
        "meta.json",
        "model_config._name_or_path: expected a string, got {'path': '/etc/passwd'}",
    ),
    (
        "a negative max_new_tokens",
        _set(*GENERATION, "max_new_tokens", value=-1),
        "meta.json",
        "generation_config.max_new_tokens: expected an integer from 1 or null, got -1",
    ),
    (
        "a string max_new_tokens",
        _set(*GENERATION, "max_new_tokens", value="5"),
        "meta.json",
        "generation_config.max_new_tokens: expected an integer from 1 or null, got '5'",
    ),
    (
        "a string temperature",
        _set(*GENERATION, "temperature", value="熱い"),
        "meta.json",
        "generation_config.temperature: expected a number from 0 or null, got '熱い'",
    ),
    (
        "top_p above 1",
        _set(*GENERATION, "top_p", value=5.0),
        "meta.json",
        "generation_config.top_p: expected a number from 0 to 1 or null, got 5.0",
    ),
    (
        "zero beams",
        _set(*GENERATION, "num_beams", value=0),
        "meta.json",
        "generation_config.num_beams: expected an integer from 1 or null, got 0",
    ),
    (
        "an eos beyond the vocabulary",
        _set(*GENERATION, "eos_token_id", value=10**9),
        "meta.json",
        "generation_config.eos_token_id: expected a token id from -1 to 31999",
    ),
    (
        "bad words beyond the vocabulary",
        _set(*GENERATION, "bad_words_ids", value=[[99_999_999]]),
        "meta.json",
        "generation_config.bad_words_ids: expected a list of non-empty lists of ids below 32000",
    ),
    (
        "a zero repetition penalty",
        _set(*GENERATION, "repetition_penalty", value=0.0),
        "meta.json",
        "generation_config.repetition_penalty: expected a number above 0 or null, got 0.0",
    ),
    (
        "contrastive search (a Hub recipe)",
        _set(*GENERATION, "penalty_alpha", value=0.6),
        "meta.json",
        "generation_config.penalty_alpha: expected null (contrastive search cannot be replayed)",
    ),
    (
        "a model vocabulary narrower than the ids",
        _set(*MODEL, "vocab_size", value=10),
        "episodes.jsonl",
        "line 1: id ",
    ),
    (
        "a latency of 31 years",
        _latencies(1e9),
        "episodes.jsonl",
        "line 1: latencies: 1000000000.0 seconds is not from 0 to 3600",
    ),
    (
        "a negative latency",
        _latencies(-1.0),
        "episodes.jsonl",
        "line 1: latencies: -1.0 seconds is not from 0 to 3600",
    ),
]

REPLAY_CASES: list[tuple[str, Callable[[Files], None], str]] = [
    # transformers' own rules for a config class: checked where the replay objects are built
    (
        "heads that do not divide the hidden size",
        _set(*MODEL, "num_attention_heads", value=3),
        "model_config cannot be restored (StrictDataclassClassValidationError: ",
    ),
    (
        "a string epsilon",
        _set(*MODEL, "rms_norm_eps", value="x"),
        "model_config cannot be restored (StrictDataclassFieldValidationError: Validation error "
        "for field 'rms_norm_eps': ",
    ),
    (
        "an unknown model type",
        _set(*MODEL, "model_type", value="存在しない"),
        "model_config cannot be restored (ValueError: Unrecognized model identifier: 存在しない",
    ),
    (
        "an unknown cache",
        _set(*GENERATION, "cache_implementation", value="nonsense"),
        "generation_config cannot be restored (ValueError: Invalid `cache_implementation`",
    ),
    (
        "multi-token prediction",
        _set(*GENERATION, "use_mtp", value=True),
        "generation_config.use_mtp: expected null, got True (a setting replay cannot reproduce",
    ),
    (
        "token healing",
        _set(*GENERATION, "token_healing", value="はい"),
        "generation_config.token_healing: expected null, got 'はい'",
    ),
    (
        "several greedy sequences",
        _set(*GENERATION, "num_return_sequences", value=3),
        "generation_config cannot be restored (ValueError: Greedy methods",
    ),
]


def _mock(path: Path, **options: Any) -> MockTransformer:
    return MockTransformer(path.name, parent_dir_path=path.parent, **options)


OUR_REPLAY_ERRORS = (UnrecordedInputError, UnreplayableGenerationError)
"""What replay may raise when a recorded setting changes the generation (e.g. another EOS id)."""


def _outcome(path: Path, replay: bool = False) -> tuple[str | None, list[str]]:
    """What ``MockTransformer()`` raised (a RecordingFormatError's message) and what verify said.

    With ``replay``, a mock that loads also replays the first episode through ``generate``
    and a forward call, which may only raise our errors. Any other exception fails the test.
    """
    try:
        mock = _mock(path)
        failure = None
    except RecordingFormatError as error:
        failure = str(error)
    if replay and failure is None:
        episode = Recording.load(path).episodes[0]
        prompt = torch.tensor([list(episode.prompt_ids)])
        with contextlib.suppress(*OUR_REPLAY_ERRORS), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mock.get_model().generate(prompt, max_new_tokens=len(episode.generated_ids))
        with contextlib.suppress(*OUR_REPLAY_ERRORS):
            mock.get_model()(prompt)
    return failure, verify_recording(path)


@pytest.mark.parametrize(
    ("mutation", "file", "message"),
    [case[1:] for case in LOAD_CASES],
    ids=[case[0] for case in LOAD_CASES],
)
def test_hostile_value_is_refused_at_load_naming_file_and_field(
    original: dict[str, bytes],
    tmp_path: Path,
    mutation: Callable[[Files], None],
    file: str,
    message: str,
) -> None:
    data = _as_data(original)
    mutation(data)
    path = _write(tmp_path / "hostile", _encode(data))
    prefix = f"{path / file}{':' if file == 'meta.json' else ','} "

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(path)
    failure, problems = _outcome(path)

    assert RecordingFormatError is type(caught.value)
    assert str(caught.value).startswith(prefix + message), str(caught.value)
    assert (str(caught.value), [str(caught.value)]) == (failure, problems)


@pytest.mark.parametrize(
    ("mutation", "message"),
    [case[1:] for case in REPLAY_CASES],
    ids=[case[0] for case in REPLAY_CASES],
)
def test_config_transformers_refuses_is_a_format_error_from_mock_and_verify_alike(
    original: dict[str, bytes],
    tmp_path: Path,
    mutation: Callable[[Files], None],
    message: str,
) -> None:
    data = _as_data(original)
    mutation(data)
    path = _write(tmp_path / "hostile", _encode(data))

    failure, problems = _outcome(path)

    assert failure is not None
    assert failure.startswith(f"{path / 'meta.json'}: {message}"), failure
    assert [failure] == problems


@pytest.mark.parametrize("file", FILES)
def test_duplicate_keys_are_refused_in_every_file(
    original: dict[str, bytes], tmp_path: Path, file: str
) -> None:
    files = dict(original)
    first, newline, rest = files[file].partition(b"\n")
    key, value = next(iter(json.loads(first).items()))
    again = json.dumps({key: value}, ensure_ascii=False).encode()[:-1] + b","
    files[file] = again + first[1:] + newline + rest
    path = _write(tmp_path / "twice", files)
    where = f"{path / file}:" if file == "meta.json" else f"{path / file}, line 1:"

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(path)

    assert f"{where} not valid JSON (duplicate key {key!r})" == str(caught.value)


@pytest.mark.parametrize("file", FILES)
def test_a_number_past_the_float_range_is_refused_in_every_file(
    original: dict[str, bytes], tmp_path: Path, file: str
) -> None:
    data = _as_data(original)
    target = {
        "meta.json": data["meta.json"]["model_config"],
        "episodes.jsonl": data["episodes.jsonl"][0]["metadata"],
        "tokenizer.jsonl": data["tokenizer.jsonl"][0],
    }[file]
    target["遠い"] = 12345.5
    files = _encode(data)
    files[file] = files[file].replace(b"12345.5", b"1e400", 1)
    path = _write(tmp_path / "infinite", files)
    where = f"{path / file}:" if file == "meta.json" else f"{path / file}, line 1:"

    with pytest.raises(RecordingFormatError) as caught:
        Recording.load(path)

    assert f"{where} not valid JSON (1e400 is not a finite number)" == str(caught.value)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to reach a host, the Hub or a tokenizer file is recorded (and fails)."""
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args!r:.80}")
            raise OSError(f"no network in this test ({name})")

        return call

    import huggingface_hub
    import transformers.tokenization_utils_tokenizers as fast
    import transformers.utils.hub

    class NoFile:
        from_file = staticmethod(refuse("Tokenizer.from_file"))
        from_str = staticmethod(fast.TokenizerFast.from_str)

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(huggingface_hub, "hf_hub_download", refuse("hf_hub_download"))
    monkeypatch.setattr(transformers.utils.hub, "cached_file", refuse("cached_file"))
    monkeypatch.setattr(transformers.utils.hub, "cached_files", refuse("cached_files"))
    monkeypatch.setattr(fast, "cached_file", refuse("cached_file"))
    monkeypatch.setattr(fast, "TokenizerFast", NoFile)
    return attempts


_OPENED: list[str] | None = None
"""While a test sets it, the path of every file Python opens (an audit hook appends to it)."""


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, Path)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    """A 4 GiB file (sparse: no disk used) that nothing may open."""
    path = tmp_path / "巨大.json"
    with path.open("wb") as file:
        file.truncate(4 << 30)
    return path


def test_names_of_files_and_hosts_in_a_recording_are_never_followed(
    original: dict[str, bytes],
    tmp_path: Path,
    big_file: Path,
    no_network: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    global _OPENED
    data = _as_data(original)
    data["meta.json"]["tokenizer_card"]["name_or_path"] = str(big_file)
    data["meta.json"]["model_config"].update(
        _name_or_path=HUB_ID,
        auto_map={"AutoConfig": "evil--configuration_evil.EvilConfig"},
        quantization_config={"quant_method": "bitsandbytes", "load_in_4bit": True},
        attn_implementation="kernels-community/flash-attn",
    )
    path = _write(tmp_path / "names", _encode(data))
    prompt = data["episodes.jsonl"][0]["prompt_ids"]

    _OPENED = []
    try:
        mock = _mock(path)
        output = mock.get_model().generate(torch.tensor([prompt]), max_new_tokens=4)
        opened, _OPENED = _OPENED, None
    finally:
        _OPENED = None
    config = mock.get_model().config

    assert ([], []) == (no_network, [name for name in opened if "巨大" in name])
    assert any(name.endswith("episodes.jsonl") for name in opened)  # the hook sees opens
    assert data["episodes.jsonl"][0]["generated_ids"] == output[0, len(prompt) :].tolist()
    assert HUB_ID == config._name_or_path
    assert (False, False) == (hasattr(config, "auto_map"), hasattr(config, "quantization_config"))
    assert "kernels-community/flash-attn" != config._attn_implementation
    assert [] == verify_recording(path)


@pytest.mark.parametrize("setting", ["tokenizer_file", "gguf_file"])
def test_a_file_setting_is_refused_before_anything_is_read_or_fetched(
    original: dict[str, bytes],
    tmp_path: Path,
    big_file: Path,
    no_network: list[str],
    setting: str,
) -> None:
    data = _as_data(original)
    data["meta.json"]["tokenizer_card"]["name_or_path"] = HUB_ID
    data["meta.json"]["tokenizer_backend"]["settings"][setting] = str(big_file)
    path = _write(tmp_path / "file", _encode(data))

    with pytest.raises(RecordingFormatError) as caught:
        _mock(path)

    assert [] == no_network
    assert str(caught.value).startswith(
        f"{path / 'meta.json'}: tokenizer_backend.settings.{setting}: not a tokenizer setting"
    )


def test_recorded_latencies_up_to_the_cap_are_slept(
    original: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr("transformer_mock._mock_model.time.sleep", slept.append)
    data = _as_data(original)
    _latencies(3600.0)(data)
    path = _write(tmp_path / "slow", _encode(data))
    episode = data["episodes.jsonl"][0]

    mock = _mock(path, wait_sec="recorded")
    mock.get_model().generate(torch.tensor([episode["prompt_ids"]]), max_new_tokens=4)

    assert [3600.0] * len(episode["generated_ids"]) == slept


def _tamper_piece(data: Files, token_id: int, piece: str) -> None:
    for line in data["tokenizer.jsonl"]:
        for item in line.get("pieces", []):
            if item[0] == token_id:
                item[1] = piece


def test_verify_names_a_tampered_piece_only_an_answer_uses(
    original: dict[str, bytes], tmp_path: Path
) -> None:
    data = _as_data(original)
    episode = data["episodes.jsonl"][0]
    pieces = {i: p for line in data["tokenizer.jsonl"] for i, p in line.get("pieces", [])}
    answer_only = next(i for i in episode["generated_ids"] if i not in episode["prompt_ids"])
    other = next(i for i in episode["prompt_ids"] if pieces[i] != pieces[answer_only])
    _tamper_piece(data, answer_only, pieces[other])
    path = _write(tmp_path / "tampered", _encode(data))

    problems = verify_recording(path)

    assert [
        f"{path / 'tokenizer.jsonl'}: id {answer_only}: recorded piece {pieces[other]!r} is also "
        f"the piece of id {other}"
    ] == [problem for problem in problems if problem.startswith(str(path / "tokenizer.jsonl"))]


def test_verify_names_a_tampered_prompt_piece(original: dict[str, bytes], tmp_path: Path) -> None:
    data = _as_data(original)
    episode = data["episodes.jsonl"][0]
    pieces = {i: p for line in data["tokenizer.jsonl"] for i, p in line.get("pieces", [])}
    target = next(i for i in episode["prompt_ids"] if pieces[i] == "寺")
    _tamper_piece(data, target, "犬")
    path = _write(tmp_path / "tampered", _encode(data))

    problems = verify_recording(path)

    assert any(f"{episode['prompt_text']!r}" in problem and "犬" in problem for problem in problems)
    assert any(problem.startswith("episode 1 (id ") and "犬" in problem for problem in problems)


hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 3, 31999, 32000, 10**9, 0.0, -0.5, 1.5, 1e300, "", "x", "left"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
    st.lists(st.integers(-2, 40000), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(-2, 5), max_size=2),
)

NEW_KEYS = (
    "tokenizer_file",
    "gguf_file",
    "auto_map",
    "attn_implementation",
    "use_mtp",
    "token_healing",
    "prefill_chunk_size",
    "assistant_early_exit",
    "dtype",
    "text_config",
    "latencies",
    "top_logprobs",
)
"""Keys a hostile recording may add (settings, config fields, episode fields)."""

_TARGETS = [
    ("meta.json", "tokenizer_backend", "settings"),
    ("meta.json", "tokenizer_card", "roles"),
    ("meta.json", "model_config"),
    ("meta.json", "generation_config"),
    ("episodes.jsonl", 0),
    ("episodes.jsonl", 0, "metadata"),
    ("tokenizer.jsonl", 0),
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    target=st.sampled_from(_TARGETS),
    pick=st.integers(0, 200),
    new_key=st.booleans(),
    value=hostile_values,
)
def test_random_hostile_values_load_or_fail_with_our_error_and_verify_agrees_with_mock(
    original: dict[str, bytes], target: tuple[Any, ...], pick: int, new_key: bool, value: Any
) -> None:
    data = _as_data(original)
    node = data[target[0]]
    for key in target[1:]:
        node = node[key]
    keys = sorted(node)
    key = NEW_KEYS[pick % len(NEW_KEYS)] if new_key or not keys else keys[pick % len(keys)]
    node[key] = value
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder) / "fuzzed", _encode(data))
        try:
            Recording.load(path)
            loaded = None
        except RecordingFormatError as error:
            loaded = str(error)

        failure, problems = _outcome(path, replay=True)

    event("refused at load" if loaded else "refused by transformers" if failure else "replayed")
    if loaded is not None:
        assert (loaded, [loaded]) == (failure, problems)
    if failure is not None:
        assert [failure] == problems


def test_integer_sampling_settings_replay_as_floats(
    original: dict[str, bytes], tmp_path: Path
) -> None:
    data = _as_data(original)
    data["meta.json"]["generation_config"].update(
        do_sample=True, temperature=2, repetition_penalty=2, top_p=1
    )
    path = _write(tmp_path / "integers", _encode(data))
    episode = data["episodes.jsonl"][0]

    model = _mock(path).get_model()
    prompt = torch.tensor([episode["prompt_ids"]])

    with pytest.warns(ReplaySettingsWarning, match="repetition_penalty recorded None, now 2.0"):
        output = model.generate(prompt, max_new_tokens=len(episode["generated_ids"]))

    assert episode["generated_ids"] == output[0, len(episode["prompt_ids"]) :].tolist()
