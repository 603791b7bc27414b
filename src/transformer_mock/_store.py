"""The recording directory: load and validate it, append to it.

Layout (see ``docs/recording-format.md``)::

    meta.json        format version, tokenizer card and decoder, model class and config
    episodes.jsonl   one TokenTrace per line, one line per finished generation
    tokenizer.jsonl  token pieces for every id recorded, and every encode call (text -> ids)

Every line is written whole with one ``write`` on an ``O_APPEND`` descriptor while holding a
file lock, so concurrent probes never interleave lines and a killed probe loses at most the
generation in flight. A torn last line (a writer killed inside ``write``) is ignored by readers
and cut off by the next writer. Reading trusts nothing: JSON only, bounded sizes and depth, and
every malformed input is a :class:`RecordingFormatError` naming the file and line.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from filelock import FileLock

from token_trace import TokenizerCard, TokenTrace, TraceFormatError, dumps, loads
from transformer_mock._tokenizer_spec import build_backend
from transformer_mock.errors import RecordingFormatError

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "EPISODES_FILE",
    "MAX_JSON_DEPTH",
    "MAX_LINE_BYTES",
    "MAX_VOCAB_SIZE",
    "META_FILE",
    "RECORDING_FORMAT_VERSION",
    "TOKENIZER_FILE",
    "EncodeCall",
    "Recording",
    "RecordingMeta",
    "RecordingWriter",
    "episode_id",
    "id_limit",
    "load_meta",
    "parse_json",
    "read_bounded",
    "read_episodes",
    "write_atomically",
]

RECORDING_FORMAT_VERSION = 1
"""Written into ``meta.json``; readers refuse any other value."""

META_FILE = "meta.json"
EPISODES_FILE = "episodes.jsonl"
TOKENIZER_FILE = "tokenizer.jsonl"
LOCK_FILE = ".lock"

DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest recording file :meth:`Recording.load` reads unless told otherwise."""

MAX_LINE_BYTES = 64 * 1024 * 1024
"""Largest JSONL line a reader accepts."""

MAX_JSON_DEPTH = 64
"""Deepest nesting of JSON arrays and objects a reader accepts."""

MAX_VOCAB_SIZE = 1 << 24
"""Largest model vocabulary a recording may claim (replay allocates logits of this width)."""


@attrs.frozen
class RecordingMeta:
    """What a recording was made with: tokenizer identity and decoder, model class and config.

    Attributes:
        tokenizer_card: Identity of the tokenizer.
        tokenizer_backend: The ``tokenizers`` model type, decoder and added tokens (JSON as the
            ``tokenizers`` library writes them) and the tokenizer's settings, enough to decode
            any recorded id exactly.
        model_class: The recorded model's class name.
        model_config: ``model.config.to_dict()``.
        generation_config: ``model.generation_config.to_dict()`` (empty when there was none).
    """

    tokenizer_card: TokenizerCard
    tokenizer_backend: Mapping[str, Any]
    model_class: str
    model_config: Mapping[str, Any]
    generation_config: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Encode as the JSON object of ``meta.json``."""
        return {
            "format_version": RECORDING_FORMAT_VERSION,
            "tokenizer_card": self.tokenizer_card.to_dict(),
            "tokenizer_backend": dict(self.tokenizer_backend),
            "model_class": self.model_class,
            "model_config": dict(self.model_config),
            "generation_config": dict(self.generation_config),
        }

    @classmethod
    def from_dict(cls, data: object, where: str) -> RecordingMeta:
        """Decode ``meta.json``; anything malformed raises RecordingFormatError naming ``where``."""
        if not isinstance(data, dict):
            raise RecordingFormatError(
                f"{where}: expected a JSON object, got {type(data).__name__}"
            )
        version = data.get("format_version")
        if type(version) is not int or version != RECORDING_FORMAT_VERSION:
            raise RecordingFormatError(
                f"{where}: unsupported format_version {version!r}; this release of "
                f"transformer_mock reads format_version {RECORDING_FORMAT_VERSION}"
            )
        try:
            card = TokenizerCard.from_dict(data.get("tokenizer_card"), f"{where}: tokenizer_card")
        except TraceFormatError as error:
            raise RecordingFormatError(str(error)) from None
        backend = _expect(data, "tokenizer_backend", dict, where)
        _check_backend(backend, f"{where}: tokenizer_backend")
        model_class = _expect(data, "model_class", str, where)
        model_config = _expect(data, "model_config", dict, where)
        _check_vocab_size(model_config, f"{where}: model_config")
        generation_config = _expect(data, "generation_config", dict, where)
        return cls(
            tokenizer_card=card,
            tokenizer_backend=backend,
            model_class=model_class,
            model_config=model_config,
            generation_config=generation_config,
        )


def _expect(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        noun = "object" if kind is dict else "string"
        raise RecordingFormatError(f"{where}: {key!r} must be a JSON {noun}, got {value!r:.80}")
    return value


def _check_backend(backend: Mapping[str, Any], where: str) -> None:
    checks = {
        "model_type": isinstance(backend.get("model_type", "BPE"), str),
        "decoder": isinstance(backend.get("decoder"), (dict, type(None))),
        "settings": isinstance(backend.get("settings", {}), dict),
        "added_tokens": isinstance(backend.get("added_tokens", []), list)
        and all(
            isinstance(token, dict)
            and type(token.get("id")) is int
            and token["id"] >= 0
            and isinstance(token.get("content"), str)
            for token in backend.get("added_tokens", [])
        ),
    }
    for key, valid in checks.items():
        if not valid:
            raise RecordingFormatError(f"{where}: malformed {key!r}: {backend.get(key)!r:.80}")
    try:
        build_backend(backend, {})
    except Exception as error:  # tokenizers raises plain Exception on a malformed decoder
        raise RecordingFormatError(f"{where}: cannot be rebuilt ({error})") from None


def _check_vocab_size(config: Mapping[str, Any], where: str) -> None:
    parts = [(config, where)]
    text_config = config.get("text_config")
    if isinstance(text_config, Mapping):
        parts.append((text_config, f"{where}.text_config"))
    for part, at in parts:
        size = part.get("vocab_size")
        if size is not None and not (type(size) is int and 0 < size <= MAX_VOCAB_SIZE):
            raise RecordingFormatError(
                f"{at}: vocab_size must be an integer from 1 to {MAX_VOCAB_SIZE}, got {size!r:.40}"
            )


def _to_ids(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(i) for i in ids)


@attrs.frozen
class EncodeCall:
    """One recorded encode: the text and the options that change its ids, and the ids.

    Attributes:
        text: The text (or, with ``is_split_into_words``, the list of words).
        text_pair: The second text of a pair, if any.
        options: ``add_special_tokens`` and, where set, truncation and splitting options.
        ids: The ids the real tokenizer produced (no padding).
    """

    text: Any
    text_pair: Any
    options: Mapping[str, Any]
    ids: tuple[int, ...] = attrs.field(converter=_to_ids)

    @property
    def key(self) -> str:
        """Canonical JSON of what was encoded: the lookup key at replay."""
        return encode_key(self.text, self.text_pair, self.options)

    def to_line(self) -> str:
        """The ``tokenizer.jsonl`` line."""
        return dumps({"encode": loads(self.key), "ids": list(self.ids)})


def episode_id(trace: TokenTrace) -> str:
    """A stable id for an episode: the first 16 hex digits of the SHA-256 of its JSON line.

    The same generation recorded twice gets the same id; usage reports and ``prune`` name
    episodes by it.
    """
    return hashlib.sha256(trace.to_json().encode("utf-8")).hexdigest()[:16]


def encode_key(text: Any, text_pair: Any, options: Mapping[str, Any]) -> str:
    """Canonical JSON of an encode call's input, used to find it again."""
    return dumps({"text": text, "text_pair": text_pair, "options": dict(sorted(options.items()))})


def read_bounded(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file ``path`` (None if missing), refusing more than ``limit``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise RecordingFormatError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise RecordingFormatError(
                f"{path}: {info.st_size} bytes, more than the limit of {limit} bytes "
                "(pass a larger max_file_bytes to read it)"
            )
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise RecordingFormatError(f"{path}: cannot be read ({error})") from None
    if len(data) > limit:
        raise RecordingFormatError(f"{path}: grew past the limit of {limit} bytes while read")
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(text: str | bytes, where: str) -> Any:
    """Decode untrusted JSON; any problem raises RecordingFormatError naming ``where``.

    NaN and infinities are refused, and so is nesting deeper than :data:`MAX_JSON_DEPTH`.
    """
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise RecordingFormatError(f"{where}: not valid JSON ({error})") from None
    level = [data] if isinstance(data, (dict, list)) else []
    for _ in range(MAX_JSON_DEPTH):
        if not level:
            return data
        level = [
            child
            for value in level
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, (dict, list))
        ]
    if level:
        raise RecordingFormatError(f"{where}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return data


def is_whole_line(tail: bytes) -> bool:
    """Whether a last line without its newline is a whole JSON object (not a torn write)."""
    try:
        return isinstance(json.loads(tail, parse_constant=_reject_constant), dict)
    except (ValueError, RecursionError):
        return False


def _jsonl_lines(path: Path, limit: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[tuple[int, str]]:
    data = read_bounded(path, limit)
    if not data:
        return
    end = data.rfind(b"\n") + 1
    if end < len(data):
        # a last line without its newline: whole if it is a JSON object (hand-edited files lose
        # final newlines), else torn by a writer killed inside write, and never data
        data = data + b"\n" if is_whole_line(data[end:]) else data[:end]
    for number, raw in enumerate(data.split(b"\n")[:-1], start=1):
        if len(raw) > MAX_LINE_BYTES:
            raise RecordingFormatError(
                f"{path}, line {number}: longer than the limit of {MAX_LINE_BYTES} bytes"
            )
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RecordingFormatError(f"{path}, line {number}: not UTF-8 ({error})") from None
        if line.strip():
            yield number, line


def _read_tokenizer_lines(
    path: Path, limit: int, ids_below: int
) -> tuple[dict[int, str], dict[str, tuple[int, ...]]]:
    pieces: dict[int, str] = {}
    encodes: dict[str, tuple[int, ...]] = {}
    for number, line in _jsonl_lines(path, limit):
        where = f"{path}, line {number}"
        data = parse_json(line, where)
        if isinstance(data, dict) and isinstance(data.get("pieces"), list):
            for item in data["pieces"]:
                if not (
                    isinstance(item, list)
                    and len(item) == 2
                    and _is_id(item[0], ids_below)
                    and isinstance(item[1], str)
                ):
                    raise RecordingFormatError(
                        f"{where}: expected [id, piece] with 0 <= id < {ids_below}, "
                        f"got {item!r:.80}"
                    )
                known = pieces.setdefault(item[0], item[1])
                if known != item[1]:
                    raise RecordingFormatError(
                        f"{where}: id {item[0]} recorded as piece {item[1]!r}, earlier as {known!r}"
                    )
        elif isinstance(data, dict) and isinstance(data.get("encode"), dict):
            call = data["encode"]
            ids = data.get("ids")
            if not (
                isinstance(ids, list)
                and all(_is_id(i, ids_below) for i in ids)
                and isinstance(call.get("options"), dict)
                and "text" in call
            ):
                raise RecordingFormatError(f"{where}: malformed encode record {line:.80}")
            encodes[encode_key(call["text"], call.get("text_pair"), call["options"])] = tuple(ids)
        else:
            raise RecordingFormatError(
                f"{where}: expected a 'pieces' or an 'encode' record, got {line:.80}"
            )
    return pieces, encodes


def _is_id(value: object, ids_below: int) -> bool:
    return type(value) is int and 0 <= value < ids_below


def id_limit(meta: RecordingMeta) -> int:
    """One past the largest token id the recording may hold: the tokenizer's or model's vocab."""
    sizes = [meta.tokenizer_card.vocab_size, *meta.tokenizer_card.special_tokens.values()]
    for config in (meta.model_config, meta.model_config.get("text_config")):
        if isinstance(config, Mapping):
            size = config.get("vocab_size")
            if type(size) is int:
                sizes.append(size)
    sizes.extend(int(token["id"]) + 1 for token in meta.tokenizer_backend.get("added_tokens", []))
    return max(sizes)


def load_meta(directory: Path, limit: int = DEFAULT_MAX_FILE_BYTES) -> RecordingMeta:
    """Read and validate ``meta.json`` of the recording in ``directory``."""
    meta_path = directory / META_FILE
    meta_text = read_bounded(meta_path, limit)
    if meta_text is None:
        raise RecordingFormatError(f"{meta_path}: missing (not a recording directory)")
    return RecordingMeta.from_dict(parse_json(meta_text, str(meta_path)), str(meta_path))


def read_episodes(
    path: Path, limit: int = DEFAULT_MAX_FILE_BYTES, ids_below: int | None = None
) -> list[tuple[int, str, TokenTrace]]:
    """``(line number, line, episode)`` for each line of an ``episodes.jsonl``.

    Raises:
        RecordingFormatError: a line is malformed or holds an id not below ``ids_below``.
    """
    episodes = []
    for number, line in _jsonl_lines(path, limit):
        where = f"{path}, line {number}"
        try:
            trace = TokenTrace.from_dict(parse_json(line, where), where)
        except TraceFormatError as error:
            message = str(error)
            if not message.startswith(str(path)):
                message = f"{where}: {message}"
            raise RecordingFormatError(message) from None
        if ids_below is not None and trace.all_ids and max(trace.all_ids) >= ids_below:
            raise RecordingFormatError(
                f"{where}: id {max(trace.all_ids)} is beyond the vocabulary "
                f"({ids_below} ids) recorded in {META_FILE}"
            )
        episodes.append((number, line, trace))
    return episodes


@attrs.define
class Recording:
    """A loaded recording: its meta, episodes, token pieces and encode calls.

    Attributes:
        path: The recording directory.
        meta: What it was made with.
        episodes: The recorded generations, in the order they were written.
        pieces: Token piece (``convert_ids_to_tokens``) of every id the recording holds.
        encodes: Every encode call, by :func:`encode_key`.
    """

    path: Path
    meta: RecordingMeta
    episodes: list[TokenTrace]
    pieces: dict[int, str]
    encodes: dict[str, tuple[int, ...]]

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    ) -> Recording:
        """Load and validate the recording in ``path``, trusting nothing in it.

        A torn last line (a probe killed while writing it) is skipped: that generation never
        finished.

        Args:
            path: The recording directory.
            max_file_bytes: The largest file it reads.

        Raises:
            RecordingFormatError: the directory or ``meta.json`` is missing, a file is too large
                or malformed, an id is beyond the vocabulary or has no piece, or the format
                version is unknown (the message names file and line).
        """
        directory = Path(path)
        if not directory.is_dir():
            raise RecordingFormatError(
                f"{directory}: no such recording directory (record it first with ProbeTransformer)"
            )
        meta = load_meta(directory, max_file_bytes)
        episodes_path = directory / EPISODES_FILE
        limit = id_limit(meta)
        lines = read_episodes(episodes_path, max_file_bytes, limit)
        pieces, encodes = _read_tokenizer_lines(directory / TOKENIZER_FILE, max_file_bytes, limit)
        for number, _, episode in lines:
            missing = sorted(set(episode.all_ids) - pieces.keys())
            if missing:
                raise RecordingFormatError(
                    f"{episodes_path}, line {number}: ids {missing[:5]!r} have no piece in "
                    f"{directory / TOKENIZER_FILE}"
                )
        return cls(
            path=directory,
            meta=meta,
            episodes=[trace for _, _, trace in lines],
            pieces=pieces,
            encodes=encodes,
        )

    @property
    def episode_ids(self) -> list[str]:
        """:func:`episode_id` of each episode, in recording order."""
        return [episode_id(trace) for trace in self.episodes]


class RecordingWriter:
    """Appends finished generations to a recording directory, safely across threads and processes.

    Args:
        path: The recording directory (created if missing).
        meta: What is being recorded; written to ``meta.json`` when the directory is new, and
            checked against it otherwise.
    """

    def __init__(self, path: str | os.PathLike[str], meta: RecordingMeta) -> None:
        self.path = Path(path)
        self.meta = meta
        self._thread_lock = threading.Lock()
        self.path.mkdir(parents=True, exist_ok=True)
        self._file_lock = FileLock(str(self.path / LOCK_FILE))
        self._written_pieces: set[int] = set()
        self._written_encodes: set[str] = set()
        with self._file_lock:
            self._init_meta()

    def _init_meta(self) -> None:
        meta_path = self.path / META_FILE
        if meta_path.exists():
            existing = Recording.load(self.path)
            if existing.meta.tokenizer_card.fingerprint != self.meta.tokenizer_card.fingerprint:
                raise RecordingFormatError(
                    f"{meta_path}: recorded with another tokenizer "
                    f"({existing.meta.tokenizer_card.name_or_path!r}, "
                    f"{existing.meta.tokenizer_card.fingerprint}); use another directory"
                )
            if existing.meta.model_config != loads(dumps(dict(self.meta.model_config))):
                raise RecordingFormatError(
                    f"{meta_path}: recorded with another model config "
                    f"({existing.meta.model_class}); use another directory"
                )
            self._written_pieces.update(existing.pieces)
            self._written_encodes.update(existing.encodes)
            return
        write_atomically(meta_path, (dumps(self.meta.to_dict()) + "\n").encode("utf-8"))

    def append(
        self,
        trace: TokenTrace | None,
        pieces: Mapping[int, str],
        encodes: Sequence[EncodeCall] = (),
    ) -> None:
        """Append the pieces and encode calls not written yet, then the episode, all at once."""
        with self._thread_lock:
            new_pieces = sorted(
                (token_id, piece)
                for token_id, piece in pieces.items()
                if token_id not in self._written_pieces
            )
            tokenizer_lines = []
            if new_pieces:
                tokenizer_lines.append(dumps({"pieces": [list(item) for item in new_pieces]}))
            new_keys = []
            for call in encodes:
                key = call.key
                if key not in self._written_encodes and key not in new_keys:
                    new_keys.append(key)
                    tokenizer_lines.append(call.to_line())
            with self._file_lock:
                if tokenizer_lines:
                    _append_lines(self.path / TOKENIZER_FILE, tokenizer_lines)
                if trace is not None:
                    _append_lines(self.path / EPISODES_FILE, [trace.to_json()])
            self._written_pieces.update(token_id for token_id, _ in new_pieces)
            self._written_encodes.update(new_keys)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new one.

    The data goes to a temporary file of a unique name next to ``path`` (safe from any thread
    or process), is synced, and is renamed over ``path``.
    """
    fd, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def _append_lines(path: Path, lines: Sequence[str]) -> None:
    """Append whole lines with one ``write``; call it holding the file lock."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _repair_tail(fd)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _repair_tail(fd: int) -> None:
    """End the file with a newline: cut a torn last line (its writer was killed) off.

    A last line that is a whole JSON object and lacks only its newline gets the newline.
    """
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return
    end = size
    chunk = 1 << 16
    while end > 0:
        start = max(0, end - chunk)
        block = os.pread(fd, end - start, start)
        newline = block.rfind(b"\n")
        if newline >= 0:
            end = start + newline + 1
            break
        end = start
    tail = os.pread(fd, size - end, end)
    if is_whole_line(tail):
        os.write(fd, b"\n")
    else:
        os.ftruncate(fd, end)
