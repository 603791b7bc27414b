"""Small typed readers for decoded JSON; each failure names the field and the value."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from token_trace._version import FORMAT_VERSION
from token_trace.errors import TraceFormatError, UnsupportedFormatVersionError


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def expect_mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TraceFormatError(f"{where}: expected an object, got {_describe(value)}")
    return value


def require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise TraceFormatError(f"{where}: missing key {key!r} (keys present: {sorted(data)!r})")
    return data[key]


def expect_int(value: object, where: str, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TraceFormatError(f"{where}: expected an integer, got {_describe(value)}")
    if minimum is not None and value < minimum:
        raise TraceFormatError(f"{where}: expected an integer >= {minimum}, got {value!r}")
    return value


def expect_float(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TraceFormatError(f"{where}: expected a number, got {_describe(value)}")
    return float(value)


def expect_str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise TraceFormatError(f"{where}: expected a string, got {_describe(value)}")
    return value


def expect_optional_str(value: object, where: str) -> str | None:
    return None if value is None else expect_str(value, where)


def expect_list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise TraceFormatError(f"{where}: expected a list, got {_describe(value)}")
    return value


def expect_ids(value: object, where: str) -> tuple[int, ...]:
    items = expect_list(value, where)
    if all(type(item) is int and item >= 0 for item in items):  # the common case, fast
        return tuple(items)
    return tuple(expect_int(item, f"{where}[{i}]", minimum=0) for i, item in enumerate(items))


def expect_finite(value: float, where: str) -> float:
    if math.isnan(value):
        raise TraceFormatError(f"{where}: expected a number, got NaN")
    return value


def check_version(data: Mapping[str, Any], where: str) -> None:
    version = require(data, "format_version", where)
    if isinstance(version, bool) or not isinstance(version, int):
        raise TraceFormatError(f"{where}.format_version: expected an integer, got {version!r}")
    if version != FORMAT_VERSION:
        raise UnsupportedFormatVersionError(version, FORMAT_VERSION)
