"""The recording directory: load and validate it, append to it.

Layout (see ``docs/recording-format.md``)::

    meta.json        format version, tokenizer card and decoder, model class and config
    episodes.jsonl   one TokenTrace per line, one line per finished generation
    tokenizer.jsonl  token pieces for every id recorded, and every encode call (text -> ids)

Every line is written whole with one ``write`` on an ``O_APPEND`` descriptor while holding a
file lock, so concurrent probes never interleave lines and a killed probe loses at most the
generation in flight.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from filelock import FileLock

from token_trace import TokenizerCard, TokenTrace, TraceFormatError, dumps, loads
from transformer_mock.errors import RecordingFormatError

__all__ = [
    "EPISODES_FILE",
    "META_FILE",
    "RECORDING_FORMAT_VERSION",
    "TOKENIZER_FILE",
    "EncodeCall",
    "Recording",
    "RecordingMeta",
    "RecordingWriter",
    "episode_id",
]

RECORDING_FORMAT_VERSION = 1
"""Written into ``meta.json``; readers refuse any other value."""

META_FILE = "meta.json"
EPISODES_FILE = "episodes.jsonl"
TOKENIZER_FILE = "tokenizer.jsonl"
LOCK_FILE = ".lock"


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
        if version != RECORDING_FORMAT_VERSION:
            raise RecordingFormatError(
                f"{where}: unsupported format_version {version!r}; this release of "
                f"transformer_mock reads format_version {RECORDING_FORMAT_VERSION}"
            )
        try:
            card = TokenizerCard.from_dict(data.get("tokenizer_card"), f"{where}: tokenizer_card")
        except TraceFormatError as error:
            raise RecordingFormatError(str(error)) from None
        backend = _expect(data, "tokenizer_backend", dict, where)
        model_class = _expect(data, "model_class", str, where)
        model_config = _expect(data, "model_config", dict, where)
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


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as error:
        raise RecordingFormatError(f"{path}: cannot be read ({error})") from None
    if data and not data.endswith(b"\n"):
        line_count = data.count(b"\n") + 1
        raise RecordingFormatError(
            f"{path}, line {line_count}: truncated (no newline at the end; was the probe killed "
            "while writing? delete that last line to keep the rest)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_number = data[: error.start].count(b"\n") + 1
        raise RecordingFormatError(f"{path}, line {line_number}: not UTF-8 ({error})") from None
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        if line.strip():
            yield number, line


def _read_tokenizer_lines(
    path: Path,
) -> tuple[dict[int, str], dict[str, tuple[int, ...]]]:
    pieces: dict[int, str] = {}
    encodes: dict[str, tuple[int, ...]] = {}
    for number, line in _jsonl_lines(path):
        where = f"{path}, line {number}"
        try:
            data = loads(line, where)
        except TraceFormatError as error:
            raise RecordingFormatError(str(error)) from None
        if isinstance(data, dict) and isinstance(data.get("pieces"), list):
            for item in data["pieces"]:
                if not (
                    isinstance(item, list)
                    and len(item) == 2
                    and isinstance(item[0], int)
                    and not isinstance(item[0], bool)
                    and item[0] >= 0
                    and isinstance(item[1], str)
                ):
                    raise RecordingFormatError(f"{where}: expected [id, piece], got {item!r:.80}")
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
                and all(type(i) is int and i >= 0 for i in ids)
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
    def load(cls, path: str | os.PathLike[str]) -> Recording:
        """Load and validate the recording in ``path``.

        Raises:
            RecordingFormatError: the directory or ``meta.json`` is missing, a file is truncated
                or malformed, or the format version is unknown (the message names file and line).
        """
        directory = Path(path)
        if not directory.is_dir():
            raise RecordingFormatError(
                f"{directory}: no such recording directory (record it first with ProbeTransformer)"
            )
        meta_path = directory / META_FILE
        try:
            meta_text = meta_path.read_bytes()
        except FileNotFoundError:
            raise RecordingFormatError(
                f"{meta_path}: missing (not a recording directory)"
            ) from None
        try:
            meta_data = loads(meta_text, str(meta_path))
        except TraceFormatError as error:
            raise RecordingFormatError(str(error)) from None
        meta = RecordingMeta.from_dict(meta_data, str(meta_path))
        episodes_path = directory / EPISODES_FILE
        episodes = []
        for number, line in _jsonl_lines(episodes_path):
            try:
                episodes.append(TokenTrace.from_json(line, f"{episodes_path}, line {number}"))
            except TraceFormatError as error:
                message = str(error)
                if not message.startswith(str(episodes_path)):
                    message = f"{episodes_path}, line {number}: {message}"
                raise RecordingFormatError(message) from None
        pieces, encodes = _read_tokenizer_lines(directory / TOKENIZER_FILE)
        for index, episode in enumerate(episodes):
            missing = sorted(set(episode.all_ids) - pieces.keys())
            if missing:
                raise RecordingFormatError(
                    f"{episodes_path}, line {index + 1}: ids {missing[:5]!r} have no piece in "
                    f"{directory / TOKENIZER_FILE}"
                )
        return cls(path=directory, meta=meta, episodes=episodes, pieces=pieces, encodes=encodes)

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
        staging = meta_path.with_suffix(f".tmp{os.getpid()}")
        staging.write_text(dumps(self.meta.to_dict()) + "\n", encoding="utf-8")
        os.replace(staging, meta_path)

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


def _append_lines(path: Path, lines: Sequence[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
