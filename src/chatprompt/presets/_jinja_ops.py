"""Jinja's expression rules on plain data, for renderers that follow a chat template exactly.

A chat template reads ``message.content``, ``x[0]``, ``"a" + b``, ``"a" in b`` and ``for x in y``
under Jinja's rules: a missing key is an undefined value (false, and an error once used as
text), ``+`` and ``in`` are Python's and fail on the wrong types. The functions here apply the
same rules to the plain ``dict`` / ``list`` / ``str`` data a :class:`Conversation` holds, so a
Python renderer accepts, renders and refuses exactly what its template does. Their errors are
:class:`~chatprompt.errors.TemplateError` naming what was read (``where``) and, where the
template's failure is Python's own, Python's message.
"""

from __future__ import annotations

from typing import Any

from chatprompt.errors import TemplateError
from chatprompt.presets._jinja_values import jinja_str, tojson

__all__ = [
    "UNDEFINED",
    "attr",
    "contains",
    "is_defined",
    "item",
    "iterate",
    "join",
    "json_text",
    "length",
    "lower",
    "text",
]


class Undefined:
    """A value the template looked up and did not find: false, empty, printed as ``""``, and not
    text to concatenate.

    Attributes:
        hint: What was looked up where, in Jinja's words (``'dict object' has no attribute 'x'``).
    """

    __slots__ = ("hint",)

    def __init__(self, hint: str = "") -> None:
        self.hint = hint

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Undefined)

    def __hash__(self) -> int:
        return hash(Undefined)

    def __repr__(self) -> str:
        return "Undefined"


UNDEFINED = Undefined()
"""The one undefined value."""


def _missing(value: Any, key: Any) -> Undefined:
    owner = "None" if value is None else f"{type(value).__name__} object"
    if isinstance(key, str):
        return Undefined(f"{owner!r} has no attribute {key!r}")
    return Undefined(f"{owner} has no element {key!r}")


def _undefined_error(value: Undefined, where: str) -> TemplateError:
    return TemplateError(f"{where} is undefined" + (f": {value.hint}" if value.hint else ""))


def is_defined(value: Any) -> bool:
    """``value is defined``."""
    return not isinstance(value, Undefined)


def attr(value: Any, name: str, where: str = "value") -> Any:
    """``value.name``: a dict's key, else undefined; reading from an undefined value fails.

    Only for names that are not ``dict`` methods (Jinja would find the method first).
    """
    if isinstance(value, Undefined):
        raise _undefined_error(value, f"{where} (reading {name!r})")
    if isinstance(value, dict) and name in value:
        return value[name]
    return _missing(value, name)


def item(value: Any, key: Any, where: str = "value") -> Any:
    """``value[key]``: the element or key, else undefined."""
    if isinstance(value, Undefined):
        raise _undefined_error(value, f"{where} (reading {key!r})")
    if isinstance(value, dict) and key in value:
        return value[key]
    sequence = isinstance(value, (list, tuple, str)) and isinstance(key, int)
    if sequence and -len(value) <= key < len(value):
        return value[key]
    return _missing(value, key)


def text(value: Any, where: str) -> str:
    """``"..." + value``: the value when it is a string; any other value fails as in Python."""
    if isinstance(value, str):
        return value
    if isinstance(value, Undefined):
        raise _undefined_error(value, where)
    raise TemplateError(f'{where}: can only concatenate str (not "{type(value).__name__}") to str')


def contains(needle: Any, haystack: Any, where: str) -> bool:
    """``needle in haystack`` (Python's ``in``; nothing is in an undefined value)."""
    if isinstance(haystack, Undefined):
        return False
    try:
        return bool(needle in haystack)
    except TypeError as error:
        raise TemplateError(f"{where}: {error}") from None


def lower(value: Any) -> str:
    """``value | lower``: the printed value, lowercased."""
    return jinja_str(value).lower()


def length(value: Any, where: str) -> int:
    """``value | length`` (an undefined value is empty)."""
    if isinstance(value, Undefined):
        return 0
    try:
        return len(value)
    except TypeError as error:
        raise TemplateError(f"{where}: {error}") from None


def iterate(value: Any, where: str) -> list[Any]:
    """``for x in value``: a list's items, a dict's keys, a string's characters."""
    if isinstance(value, Undefined):
        return []
    if isinstance(value, (list, tuple, dict, str)):
        return list(value)
    raise TemplateError(f"{where}: {type(value).__name__!r} object is not iterable")


def join(value: Any, separator: str, where: str) -> str:
    """``value | join(separator)``: every item printed as ``{{ item }}``."""
    return separator.join(jinja_str(part) for part in iterate(value, where))


def json_text(value: Any, where: str) -> str:
    """``value | tojson``; an undefined value fails."""
    if isinstance(value, Undefined):
        raise TemplateError(f"{where}: Object of type Undefined is not JSON serializable")
    return tojson(value)
