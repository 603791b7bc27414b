"""Load a recording directory, trusting nothing in it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from tokenizers import Tokenizer

from token_trace import TokenTrace, TraceFormatError
from transformer_mock._config_rules import logits_width
from transformer_mock._files import DEFAULT_MAX_FILE_BYTES, jsonl_lines, parse_json, read_bounded
from transformer_mock._format import (
    EPISODES_FILE,
    MAX_LATENCY_SEC,
    META_FILE,
    TOKENIZER_FILE,
    RecordingMeta,
    encode_key,
    episode_id,
    id_limit,
    stream_line,
)
from transformer_mock._tokenizer_spec import build_backend
from transformer_mock.errors import RecordingFormatError

__all__ = ["Recording", "load_meta", "read_episodes", "read_tokenizer_lines"]


def load_meta(directory: Path, limit: int = DEFAULT_MAX_FILE_BYTES) -> RecordingMeta:
    """Read and validate ``meta.json`` of the recording in ``directory``."""
    meta_path = directory / META_FILE
    meta_text = read_bounded(meta_path, limit)
    if meta_text is None:
        raise RecordingFormatError(f"{meta_path}: missing (not a recording directory)")
    return RecordingMeta.from_dict(parse_json(meta_text, str(meta_path)), str(meta_path))


def _is_id(value: object, ids_below: int) -> bool:
    return type(value) is int and 0 <= value < ids_below


def read_tokenizer_lines(
    path: Path, limit: int, ids_below: int
) -> tuple[dict[int, str], dict[str, tuple[int, ...]]]:
    """Pieces (id -> piece) and encode calls (:func:`encode_key` -> ids) of ``tokenizer.jsonl``."""
    pieces: dict[int, str] = {}
    encodes: dict[str, tuple[int, ...]] = {}
    for number, line in jsonl_lines(path, limit):
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


def _trace(data: Any, path: Path, where: str, ids_below: int | None) -> TokenTrace:
    try:
        trace = TokenTrace.from_dict(data, where)
    except (TraceFormatError, ValueError, TypeError, OverflowError) as error:
        message = str(error)
        if not message.startswith(str(path)):
            message = f"{where}: {message}"
        raise RecordingFormatError(message) from None
    if ids_below is not None and trace.all_ids and max(trace.all_ids) >= ids_below:
        raise RecordingFormatError(
            f"{where}: id {max(trace.all_ids)} is beyond the vocabulary "
            f"({ids_below} ids) recorded in {META_FILE}"
        )
    latencies = trace.latencies
    if latencies and not 0.0 <= min(latencies) <= max(latencies) <= MAX_LATENCY_SEC:
        bad = next(s for s in latencies if not 0.0 <= s <= MAX_LATENCY_SEC)
        raise RecordingFormatError(
            f"{where}: latencies: {bad!r} seconds is not from 0 to {MAX_LATENCY_SEC:g} "
            "(the longest latency a recording may hold)"
        )
    return trace


def _apply_progress(state: dict[str, Any], data: Mapping[str, Any], where: str) -> None:
    """Replace the stream's generated ids from ``at`` on (a progress line)."""
    generated = state.get("generated_ids")
    at, ids = data.get("at"), data.get("ids")
    if not (
        isinstance(generated, list)
        and type(at) is int
        and 0 <= at <= len(generated)
        and isinstance(ids, list)
        and isinstance(data.get("finish_reason"), str)
        and isinstance(data.get("metadata"), dict)
    ):
        raise RecordingFormatError(
            f"{where}: malformed progress line (expected 'at' within the "
            f"{len(generated) if isinstance(generated, list) else '?'} generated ids so far, "
            "'ids', 'finish_reason' and 'metadata')"
        )
    del generated[at:]
    generated.extend(ids)
    latencies, new_latencies = state.get("latencies"), data.get("latencies")
    if isinstance(latencies, list) and isinstance(new_latencies, list) and at <= len(latencies):
        del latencies[at:]
        latencies.extend(new_latencies)
    else:
        state.pop("latencies", None)
    state["finish_reason"] = data["finish_reason"]
    state["metadata"] = data["metadata"]


def read_episodes(
    path: Path, limit: int = DEFAULT_MAX_FILE_BYTES, ids_below: int | None = None
) -> list[tuple[int, str, TokenTrace]]:
    """``(line number, line, episode)`` for each episode of an ``episodes.jsonl``.

    A stream's start and progress lines fold into one episode, placed where its last line is;
    its ``line`` is then the stream line stating the whole episode (what ``prune`` keeps).
    Progress lines of a stream whose start is gone (pruned) are ignored.

    Raises:
        RecordingFormatError: a line is malformed or holds an id not below ``ids_below``.
    """
    entries: dict[object, tuple[int, str | None, Any]] = {}
    streams: dict[str, dict[str, Any]] = {}
    for number, line in jsonl_lines(path, limit):
        where = f"{path}, line {number}"
        data = parse_json(line, where)
        stream = data.get("stream") if isinstance(data, dict) else None
        if stream is None:
            entries[number] = (number, line, _trace(data, path, where, ids_below))
            continue
        if not isinstance(stream, str):
            raise RecordingFormatError(f"{where}: 'stream' must be a string, got {stream!r:.40}")
        if "at" in data:
            state = streams.get(stream)
            if state is None:
                continue
            _apply_progress(state, data, where)
        else:
            state = streams[stream] = data
        entries.pop(stream, None)
        entries[stream] = (number, None, state)
    episodes = []
    for key, (number, text, value) in entries.items():
        if text is None:
            trace = _trace(value, path, f"{path}, line {number}", ids_below)
            episodes.append((number, stream_line(str(key), trace), trace))
        else:
            episodes.append((number, text, value))
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
        backend: The decoder-only ``tokenizers`` backend over ``pieces`` (built once at load;
            the replay tokenizer takes it over), or None for a recording built by hand.
    """

    path: Path
    meta: RecordingMeta
    episodes: list[TokenTrace]
    pieces: dict[int, str]
    encodes: dict[str, tuple[int, ...]]
    backend: Tokenizer | None = attrs.field(default=None, eq=False, repr=False)

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
                or malformed (a duplicate key, a number past the float range), an id is beyond
                the vocabulary or has no piece, the tokenizer backend does not rebuild, a
                tokenizer setting, config value or latency is one a loader does not accept, or
                the format version is unknown (the message names file, line and field).
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
        pieces, encodes = read_tokenizer_lines(directory / TOKENIZER_FILE, max_file_bytes, limit)
        width = logits_width(meta.model_config)
        for number, _, episode in lines:
            if width is not None and episode.all_ids and max(episode.all_ids) >= width:
                raise RecordingFormatError(
                    f"{episodes_path}, line {number}: id {max(episode.all_ids)} is beyond the "
                    f"model's vocabulary: {directory / META_FILE}: model_config: vocab_size is "
                    f"{width}, and replay's logits are that wide"
                )
            missing = set(episode.all_ids).difference(pieces)
            if missing:
                raise RecordingFormatError(
                    f"{episodes_path}, line {number}: ids {sorted(missing)[:5]!r} have no piece "
                    f"in {directory / TOKENIZER_FILE}"
                )
        try:
            backend = build_backend(meta.tokenizer_backend, pieces)
        except Exception as error:  # tokenizers raises plain Exception on a malformed decoder
            raise RecordingFormatError(
                f"{directory / META_FILE}: tokenizer_backend: cannot be rebuilt ({error})"
            ) from None
        return cls(
            path=directory,
            meta=meta,
            episodes=[trace for _, _, trace in lines],
            pieces=pieces,
            encodes=encodes,
            backend=backend,
        )

    @property
    def episode_ids(self) -> list[str]:
        """:func:`episode_id` of each episode, in recording order."""
        return [episode_id(trace) for trace in self.episodes]
