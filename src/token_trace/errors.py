"""Errors raised by :mod:`token_trace`."""

from __future__ import annotations

__all__ = ["TraceFormatError", "UnsupportedFormatVersionError"]


class TraceFormatError(ValueError):
    """Encoded trace or tokenizer-card data is malformed.

    The message names the field (as a dotted path) and the offending value.
    """


class UnsupportedFormatVersionError(TraceFormatError):
    """Encoded data carries a ``format_version`` this release cannot read."""

    def __init__(self, version: object, supported: int) -> None:
        self.version = version
        self.supported = supported
        super().__init__(
            f"unsupported format_version {version!r}: this release of token_trace reads "
            f"format_version {supported} (upgrade chatprompt to read newer recordings)"
        )
