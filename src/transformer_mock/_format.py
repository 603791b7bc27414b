"""What a recording's files hold: file names, ``meta.json``, encode calls, episode lines.

Layout (see ``docs/recording-format.md``)::

    meta.json        format version, tokenizer card and decoder, model class and config
    episodes.jsonl   one TokenTrace per line, or a manual loop's episode as it grows
    tokenizer.jsonl  token pieces for every id recorded, and every encode call (text -> ids)

A manual loop's episode is written token by token while it runs, so a generation the
application received is on disk whatever ends the process: a *stream* line (a TokenTrace
with a ``"stream"`` key) starts it, and *progress* lines (``"stream"`` and ``"at"``) replace
its generated ids from position ``at`` on. Readers fold them into one episode per stream.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring as encode_string
from typing import Any

import attrs

from token_trace import FinishReason, TokenizerCard, TokenTrace, TraceFormatError, dumps, loads
from transformer_mock._config_rules import check_generation_config, check_model_config
from transformer_mock._tokenizer_spec import check_roles, check_settings
from transformer_mock.errors import RecordingFormatError

__all__ = [
    "EPISODES_FILE",
    "LOCK_FILE",
    "MAX_LATENCY_SEC",
    "MAX_VOCAB_SIZE",
    "META_FILE",
    "RECORDING_FORMAT_VERSION",
    "SAMPLED_METADATA",
    "TOKENIZER_FILE",
    "EncodeCall",
    "RecordingMeta",
    "encode_key",
    "episode_id",
    "id_limit",
    "progress_line",
    "sampled_line",
    "stream_line",
]

RECORDING_FORMAT_VERSION = 1
"""Written into ``meta.json``; readers refuse any other value."""

META_FILE = "meta.json"
EPISODES_FILE = "episodes.jsonl"
TOKENIZER_FILE = "tokenizer.jsonl"
LOCK_FILE = ".lock"

MAX_VOCAB_SIZE = 1 << 24
"""Largest model vocabulary a recording may claim (replay allocates logits of this width)."""

MAX_LATENCY_SEC = 3600.0
"""Longest recorded latency a reader accepts (``wait_sec="recorded"`` sleeps it per token)."""


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
        """Decode ``meta.json``; anything malformed raises RecordingFormatError naming ``where``.

        The tokenizer backend's shape is checked here; whether it rebuilds is checked when the
        recording is loaded (:meth:`Recording.load` builds it once, with the recorded pieces).
        """
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
        check_roles(card.roles, f"{where}: tokenizer_card.roles")
        _check_card_ids(card, f"{where}: tokenizer_card")
        backend = _expect(data, "tokenizer_backend", dict, where)
        _check_backend_shape(backend, f"{where}: tokenizer_backend")
        check_settings(backend.get("settings", {}), f"{where}: tokenizer_backend.settings")
        model_class = _expect(data, "model_class", str, where)
        model_config = _expect(data, "model_config", dict, where)
        _check_vocab_size(model_config, f"{where}: model_config")
        generation_config = _expect(data, "generation_config", dict, where)
        meta = cls(
            tokenizer_card=card,
            tokenizer_backend=backend,
            model_class=model_class,
            model_config=model_config,
            generation_config=generation_config,
        )
        ids_below = id_limit(meta)
        check_model_config(model_config, f"{where}: model_config", ids_below)
        check_generation_config(generation_config, f"{where}: generation_config", ids_below)
        return meta


def _expect(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        noun = "object" if kind is dict else "string"
        raise RecordingFormatError(f"{where}: {key!r} must be a JSON {noun}, got {value!r:.80}")
    return value


def _check_backend_shape(backend: Mapping[str, Any], where: str) -> None:
    checks = {
        "model_type": isinstance(backend.get("model_type", "BPE"), str),
        "decoder": isinstance(backend.get("decoder"), (dict, type(None))),
        "settings": isinstance(backend.get("settings", {}), dict),
        "added_tokens": isinstance(backend.get("added_tokens", []), list)
        and all(
            isinstance(token, dict)
            and type(token.get("id")) is int
            and 0 <= token["id"] < MAX_VOCAB_SIZE
            and isinstance(token.get("content"), str)
            for token in backend.get("added_tokens", [])
        ),
    }
    for key, valid in checks.items():
        if not valid:
            raise RecordingFormatError(f"{where}: malformed {key!r}: {backend.get(key)!r:.80}")


def _check_card_ids(card: TokenizerCard, where: str) -> None:
    if card.vocab_size > MAX_VOCAB_SIZE:
        raise RecordingFormatError(
            f"{where}.vocab_size: expected an integer from 0 to {MAX_VOCAB_SIZE}, "
            f"got {card.vocab_size:.3e}"
        )
    for text, token_id in card.special_tokens.items():
        if token_id >= MAX_VOCAB_SIZE:
            raise RecordingFormatError(
                f"{where}.special_tokens[{text!r:.40}]: expected an id below {MAX_VOCAB_SIZE}, "
                f"got {token_id:.3e}"
            )


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
    """A stable id for an episode: 16 hex digits of the SHA-256 of its JSON without latencies.

    The same generation (prompt, generated ids, finish reason, prompt text, metadata) recorded
    twice gets the same id, however long its forward calls took; usage reports and ``prune``
    name episodes by it.

    Raises:
        ValueError: a number in the episode is not finite (JSON has no infinity).
    """
    data = trace.to_dict()
    latencies = data.pop("latencies", None) or ()
    if not all(math.isfinite(value) for value in latencies):
        raise ValueError("Out of range float values are not JSON compliant")
    return hashlib.sha256(dumps(data).encode("utf-8")).hexdigest()[:16]


def encode_key(text: Any, text_pair: Any, options: Mapping[str, Any]) -> str:
    """Canonical JSON of an encode call's input, used to find it again."""
    return dumps({"text": text, "text_pair": text_pair, "options": dict(sorted(options.items()))})


def stream_line(stream: str, trace: TokenTrace) -> str:
    """The ``episodes.jsonl`` line that starts (or restates) the episode of ``stream``."""
    return dumps({"stream": stream, **trace.to_dict()})


def progress_line(
    stream: str,
    at: int,
    ids: Sequence[int],
    latencies: Sequence[float] | None,
    finish_reason: str,
    metadata: Mapping[str, Any],
) -> str:
    """The line saying: the generated ids of ``stream`` from position ``at`` on are ``ids``.

    The text is what :func:`~token_trace.dumps` gives for the line's object, built directly
    (the probe writes one per sampled token): ids and positions are ``int``, latencies finite
    ``float``.
    """
    line = [
        '{"stream":',
        encode_string(stream),
        ',"at":',
        int.__repr__(at),
        ',"ids":[',
        ",".join([int.__repr__(i) for i in ids]),
    ]
    if latencies is not None:
        line.append('],"latencies":[')
        line.append(",".join([_finite(seconds) for seconds in latencies]))
    line.append('],"finish_reason":')
    line.append(encode_string(finish_reason))
    line.append(',"metadata":')
    line.append(_metadata_text(metadata))
    line.append("}")
    return "".join(line)


SAMPLED_METADATA = {"via": "forward", "last_token": "sampled"}
"""The metadata of a manual loop's episode while it samples through the probe's sampler."""

_SAMPLED_TAIL = (
    f',"finish_reason":{dumps(FinishReason.UNKNOWN.value)},"metadata":{dumps(SAMPLED_METADATA)}}}'
)


def sampled_line(stream: str, at: int, token_id: int, seconds: float) -> str:
    """``progress_line(stream, at, [token_id], [seconds], "unknown", SAMPLED_METADATA)``.

    The probe writes this line for each token a loop samples; it is built in one step, since
    after a forward call on the CPU every step runs from cold caches.
    """
    return (
        f'{{"stream":{encode_string(stream)},"at":{int.__repr__(at)},'
        f'"ids":[{int.__repr__(token_id)}],"latencies":[{_finite(seconds)}]{_SAMPLED_TAIL}'
    )


def _finite(seconds: float) -> str:
    if not math.isfinite(seconds):
        raise ValueError(f"Out of range float values are not JSON compliant: {seconds!r}")
    return float.__repr__(seconds)


@functools.lru_cache(maxsize=64)
def _metadata_of(items: tuple[tuple[str, str], ...]) -> str:
    return dumps(dict(items))


def _metadata_text(metadata: Mapping[str, Any]) -> str:
    """``dumps(metadata)``, remembered for the few string-valued ones a manual loop writes."""
    if all(type(value) is str for value in metadata.values()):
        return _metadata_of(tuple(metadata.items()))
    return dumps(dict(metadata))
