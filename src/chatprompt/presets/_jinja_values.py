"""Values written the way a chat template running under ``apply_chat_template`` writes them.

Python renderers of published templates use these so that ``{{ x | tojson }}``,
``{{ x }}``, ``strftime_now(...)`` and ``raise_exception(...)`` come out byte for byte as
transformers' chat-template environment produces them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from chatprompt.errors import TemplateError

__all__ = ["jinja_str", "template_error", "tojson"]


def tojson(
    value: Any,
    *,
    indent: int | None = None,
    separators: tuple[str, str] | None = None,
    sort_keys: bool = False,
    ensure_ascii: bool = False,
) -> str:
    """``{{ value | tojson }}`` under transformers (no HTML escaping, UTF-8 kept)."""
    return json.dumps(
        value, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )


def jinja_str(value: Any) -> str:
    """``{{ value }}``: Jinja prints any value as Python's ``str`` does (``None``, ``True``,
    dicts and lists in their Python form)."""
    return value if isinstance(value, str) else str(value)


def strftime_now(format: str) -> str:
    """The template global ``strftime_now(format)``: the local time now, formatted."""
    return datetime.now().strftime(format)


def template_error(
    rule: str, *, index: int | None = None, message: Mapping[str, Any] | None = None
) -> TemplateError:
    """The error for a conversation the published template refuses (``raise_exception``).

    Args:
        rule: The template's own message (what ``raise_exception`` was called with).
        index: The position of the offending message, when one message is at fault.
        message: That message, quoted in the error.
    """
    if index is None:
        return TemplateError(rule)
    return TemplateError(f"message {index} {dict(message or {})!r}: {rule}")
