"""Canonical JSON text: UTF-8 characters as they are, stable key order, one line."""

from __future__ import annotations

import json
from typing import Any

from token_trace.errors import TraceFormatError

_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
"""One encoder for every call (``json.dumps`` with options builds a new one each time; the probe
encodes a line per generated token)."""


def dumps(data: Any) -> str:
    """Encode ``data`` as one line of JSON, non-ASCII kept readable (no ``\\u`` escapes).

    Keys keep the order the encoder built them in, so the same object always gives the same
    text. NaN and infinities are refused: they are not JSON.
    """
    return _ENCODER.encode(data)


def loads(text: str | bytes, where: str = "<json>") -> Any:
    """Decode JSON text, turning every parse failure into :class:`TraceFormatError`."""
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise TraceFormatError(f"{where}: not valid JSON ({error})") from None
