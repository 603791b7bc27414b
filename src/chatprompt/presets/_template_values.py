"""What a published chat template's expressions do with the values they read.

A template reads message fields that may be missing (Jinja's ``Undefined``) or of any JSON type,
prints them, joins them with ``+``, writes them as JSON and loops over them. The Python
renderers of the current-generation formats use these helpers so that every such value comes
out as the template writes it, and so that they raise :class:`~chatprompt.errors.TemplateError`
exactly where the template fails (``+`` on something that is not text, JSON of a missing value,
a loop over a number, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from chatprompt.errors import TemplateError
from chatprompt.presets._jinja_values import jinja_str, tojson

__all__ = [
    "UNDEFINED",
    "concat",
    "is_iterable",
    "item",
    "iterate",
    "length",
    "text",
    "to_json",
    "trim",
]


class _Undefined:
    """Jinja's ``Undefined``: a field the template reads that is not there."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Undefined"

    def __bool__(self) -> bool:
        return False


UNDEFINED: Final[Any] = _Undefined()
"""What :func:`item` returns for a missing key, index or attribute."""


def _kind(value: Any) -> str:
    return "an undefined value" if value is UNDEFINED else f"{type(value).__name__} {value!r}"


def item(value: Any, key: str | int) -> Any:
    """``value[key]`` / ``value.key``: :data:`UNDEFINED` when there is no such key or index.

    Raises:
        TemplateError: ``value`` is itself undefined (the template fails reading it).
    """
    if isinstance(value, dict):
        return value.get(key, UNDEFINED)
    if value is UNDEFINED:
        raise TemplateError(f"the template reads {key!r} of a missing value")
    if isinstance(key, int) and isinstance(value, (list, tuple, str)):
        try:
            return value[key]
        except IndexError:
            return UNDEFINED
    return UNDEFINED


def text(value: Any) -> str:
    """``{{ value }}``: a missing value prints as nothing, anything else as Python's ``str``."""
    return "" if value is UNDEFINED else jinja_str(value)


def trim(value: Any) -> str:
    """``value | trim``: the printed value without surrounding whitespace."""
    return text(value).strip()


def concat(*values: Any) -> str:
    """``a + b + ...`` where one operand is a string literal: every operand must be text.

    Raises:
        TemplateError: an operand is missing or is not a ``str``.
    """
    for value in values:
        if type(value) is not str:
            raise TemplateError(
                f'can only concatenate str (not "{type(value).__name__}") to str: '
                f"the template joins {_kind(value)} to text with '+'"
            )
    return "".join(values)


def to_json(value: Any, **options: Any) -> str:
    """``value | tojson(...)``.

    Raises:
        TemplateError: ``value`` is missing (Jinja's ``Undefined`` is not JSON).
    """
    if value is UNDEFINED:
        raise TemplateError("the template writes a missing value as JSON")
    return tojson(value, **options)


def is_iterable(value: Any) -> bool:
    """``value is iterable`` (true for strings, mappings and missing values)."""
    if value is UNDEFINED:
        return True
    try:
        iter(value)
    except TypeError:
        return False
    return True


def iterate(value: Any) -> Iterable[Any]:
    """What ``{% for x in value %}`` loops over (nothing for a missing value).

    Raises:
        TemplateError: ``value`` cannot be looped over.
    """
    if value is UNDEFINED:
        return ()
    if not is_iterable(value):
        raise TemplateError(f"the template loops over {_kind(value)}")
    return value  # type: ignore[no-any-return]


def length(value: Any) -> int:
    """``value | length`` (0 for a missing value).

    Raises:
        TemplateError: ``value`` has no length.
    """
    if value is UNDEFINED:
        return 0
    try:
        return len(value)
    except TypeError:
        raise TemplateError(f"the template takes the length of {_kind(value)}") from None
