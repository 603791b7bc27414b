"""One recorded generation: ids in, ids out, and what is known about them."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from token_trace import _json
from token_trace._validate import (
    check_version,
    expect_float,
    expect_ids,
    expect_int,
    expect_list,
    expect_mapping,
    expect_optional_str,
    expect_str,
    require,
)
from token_trace._version import FORMAT_VERSION
from token_trace.errors import TraceFormatError

__all__ = ["FinishReason", "TokenTrace", "TopLogprobs"]


class FinishReason(str, enum.Enum):
    """Why a generation ended."""

    EOS = "eos"
    """The model produced an end-of-sequence token (recorded as the last generated id)."""
    LENGTH = "length"
    """The token budget (``max_new_tokens``) ran out."""
    STOP_STRING = "stop_string"
    """A stop string appeared in the decoded text."""
    ABORTED = "aborted"
    """The application stopped the generation (a client went away, an exception)."""
    UNKNOWN = "unknown"
    """Nothing says why (the default for traces built by hand)."""

    @classmethod
    def parse(cls, value: object) -> FinishReason:
        """Return the member named by ``value`` or raise :class:`TraceFormatError`."""
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(repr(m.value) for m in cls)
            raise TraceFormatError(f"unknown finish_reason {value!r}; valid: {valid}") from None


def _to_finish_reason(value: object) -> FinishReason:
    return FinishReason.parse(value)


def _to_ids(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(i) for i in value)


def _to_pairs(value: Iterable[tuple[int, float]]) -> tuple[tuple[int, float], ...]:
    return tuple((int(token_id), float(logprob)) for token_id, logprob in value)


@attrs.frozen
class TopLogprobs:
    """The most likely tokens at one generation step, best first: ``(token_id, logprob)``."""

    candidates: tuple[tuple[int, float], ...] = attrs.field(converter=_to_pairs)

    def to_json_list(self) -> list[list[float | int]]:
        """Encode as ``[[id, logprob], ...]``."""
        return [[token_id, logprob] for token_id, logprob in self.candidates]

    @classmethod
    def from_json_list(cls, value: object, where: str) -> TopLogprobs:
        """Decode what :meth:`to_json_list` wrote; malformed data raises TraceFormatError."""
        pairs = []
        for i, item in enumerate(expect_list(value, where)):
            pair = expect_list(item, f"{where}[{i}]")
            if len(pair) != 2:
                raise TraceFormatError(f"{where}[{i}]: expected [token_id, logprob], got {pair!r}")
            pairs.append(
                (
                    expect_int(pair[0], f"{where}[{i}][0]", minimum=0),
                    expect_float(pair[1], f"{where}[{i}][1]"),
                )
            )
        return cls(pairs)


def _to_optional_topk(
    value: Iterable[TopLogprobs | Iterable[tuple[int, float]]] | None,
) -> tuple[TopLogprobs, ...] | None:
    if value is None:
        return None
    return tuple(item if isinstance(item, TopLogprobs) else TopLogprobs(item) for item in value)


def _to_optional_floats(value: Iterable[float] | None) -> tuple[float, ...] | None:
    return None if value is None else tuple(float(v) for v in value)


def _to_metadata(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return dict(value or {})


def _check_ids(
    instance: TokenTrace, attribute: attrs.Attribute[Any], value: tuple[int, ...]
) -> None:
    for position, token_id in enumerate(value):
        if token_id < 0:
            raise ValueError(f"{attribute.name}[{position}] is negative: {token_id!r}")


def _check_per_step(instance: TokenTrace, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and len(value) != len(instance.generated_ids):
        raise ValueError(
            f"{attribute.name} has {len(value)} entries for "
            f"{len(instance.generated_ids)} generated ids; they must match one to one"
        )


@attrs.frozen
class TokenTrace:
    """The token-level record of one generation.

    Attributes:
        prompt_ids: The ids the model was given.
        generated_ids: The ids it produced, in order, including a final EOS id if it made one.
        finish_reason: Why the generation ended.
        prompt_text: The prompt as text, when the application had it.
        top_logprobs: Optionally, per generated id, the top-k candidates at that step.
        latencies: Optionally, per generated id, seconds since the previous id (the first is
            the time to first token).
        metadata: Free-form JSON-compatible facts (generation settings, model name, ...).
    """

    prompt_ids: tuple[int, ...] = attrs.field(converter=_to_ids, validator=_check_ids)
    generated_ids: tuple[int, ...] = attrs.field(converter=_to_ids, validator=_check_ids)
    finish_reason: FinishReason = attrs.field(
        default=FinishReason.UNKNOWN, converter=_to_finish_reason
    )
    prompt_text: str | None = None
    top_logprobs: tuple[TopLogprobs, ...] | None = attrs.field(
        default=None, converter=_to_optional_topk, validator=_check_per_step
    )
    latencies: tuple[float, ...] | None = attrs.field(
        default=None, converter=_to_optional_floats, validator=_check_per_step
    )
    metadata: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_to_metadata, eq=True, hash=False
    )

    @property
    def all_ids(self) -> tuple[int, ...]:
        """Prompt ids followed by generated ids."""
        return self.prompt_ids + self.generated_ids

    def to_dict(self) -> dict[str, Any]:
        """Encode as a JSON-compatible dict with ``format_version`` first, optional keys omitted."""
        data: dict[str, Any] = {
            "format_version": FORMAT_VERSION,
            "prompt_ids": list(self.prompt_ids),
            "generated_ids": list(self.generated_ids),
            "finish_reason": self.finish_reason.value,
        }
        if self.prompt_text is not None:
            data["prompt_text"] = self.prompt_text
        if self.top_logprobs is not None:
            data["top_logprobs"] = [step.to_json_list() for step in self.top_logprobs]
        if self.latencies is not None:
            data["latencies"] = list(self.latencies)
        if self.metadata:
            data["metadata"] = dict(self.metadata)
        return data

    @classmethod
    def from_dict(cls, data: object, where: str = "trace") -> TokenTrace:
        """Decode what :meth:`to_dict` wrote.

        Raises:
            UnsupportedFormatVersionError: ``format_version`` is not one this release reads.
            TraceFormatError: a key is missing or a value has the wrong type or shape.
        """
        mapping = expect_mapping(data, where)
        check_version(mapping, where)
        top_raw = mapping.get("top_logprobs")
        latencies_raw = mapping.get("latencies")
        try:
            return cls(
                prompt_ids=expect_ids(require(mapping, "prompt_ids", where), f"{where}.prompt_ids"),
                generated_ids=expect_ids(
                    require(mapping, "generated_ids", where), f"{where}.generated_ids"
                ),
                finish_reason=FinishReason.parse(
                    expect_str(require(mapping, "finish_reason", where), f"{where}.finish_reason")
                ),
                prompt_text=expect_optional_str(mapping.get("prompt_text"), f"{where}.prompt_text"),
                top_logprobs=None
                if top_raw is None
                else [
                    TopLogprobs.from_json_list(step, f"{where}.top_logprobs[{i}]")
                    for i, step in enumerate(expect_list(top_raw, f"{where}.top_logprobs"))
                ],
                latencies=None
                if latencies_raw is None
                else [
                    expect_float(v, f"{where}.latencies[{i}]")
                    for i, v in enumerate(expect_list(latencies_raw, f"{where}.latencies"))
                ],
                metadata=expect_mapping(mapping.get("metadata", {}), f"{where}.metadata"),
            )
        except TraceFormatError:
            raise
        except ValueError as error:
            raise TraceFormatError(f"{where}: {error}") from None

    def to_json(self) -> str:
        """One line of canonical JSON (see :meth:`to_dict`)."""
        return _json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes, where: str = "trace") -> TokenTrace:
        """Decode one line written by :meth:`to_json`; any problem raises TraceFormatError."""
        return cls.from_dict(_json.loads(text, where), where)
