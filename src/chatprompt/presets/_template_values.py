"""What a published chat template's expressions do with the values they read.

A template reads message fields that may be missing (Jinja's ``Undefined``) or of any JSON type,
prints them, joins them with ``+``, writes them as JSON and loops over them. The Python
renderers of the current-generation formats use these helpers so that every such value comes
out as the template writes it, and so that they raise :class:`~chatprompt.errors.TemplateError`
exactly where the template fails (``+`` on something that is not text, JSON of a missing value,
a loop over a number, ...), with the message the template's failure carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from chatprompt.errors import TemplateError
from chatprompt.presets._jinja_values import jinja_str, tojson

__all__ = [
    "Undefined",
    "concat",
    "contains",
    "first_message",
    "is_iterable",
    "item",
    "iterate",
    "length",
    "text",
    "to_json",
    "trim",
]


def _type_repr(value: Any) -> str:
    return "None" if value is None else f"{type(value).__name__} object"


class Undefined:
    """Jinja's ``Undefined``: what the template read is not there (falsy, prints as nothing).

    Args:
        owner: The value the template read from.
        key: The key or index that was missing there.
    """

    __slots__ = ("_key", "_owner")

    def __init__(self, owner: Any = None, key: str | int | None = None) -> None:
        self._owner = owner
        self._key = key

    def __repr__(self) -> str:
        return "Undefined"

    def __bool__(self) -> bool:
        return False

    @property
    def message(self) -> str:
        """Jinja's message when a template uses this value where it fails."""
        if self._key is None:
            return "the template uses a missing value"
        if isinstance(self._key, str):
            return f"{_type_repr(self._owner)!r} has no attribute {self._key!r}"
        return f"{_type_repr(self._owner)} has no element {self._key!r}"


UNDEFINED: Final = Undefined()
"""A missing value, where there is nothing to say about where it was read."""


def item(value: Any, key: str | int) -> Any:
    """``value[key]`` / ``value.key``: an :class:`Undefined` when there is no such key or index.

    Raises:
        TemplateError: ``value`` is itself undefined (the template fails reading it).
    """
    if isinstance(value, dict):
        return value[key] if key in value else Undefined(value, key)
    if isinstance(value, Undefined):
        raise TemplateError(value.message)
    if isinstance(key, int) and isinstance(value, (list, tuple, str)):
        try:
            return value[key]
        except IndexError:
            pass
    return Undefined(value, key)


def first_message(messages: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``messages[0]`` where the template reads it unconditionally.

    Raises:
        TemplateError: There are no messages.
    """
    if not messages:
        raise TemplateError("list object has no element 0: the conversation is empty")
    return messages[0]


def text(value: Any) -> str:
    """``{{ value }}``: a missing value prints as nothing, anything else as Python's ``str``."""
    return "" if isinstance(value, Undefined) else jinja_str(value)


def trim(value: Any) -> str:
    """``value | trim``: the printed value without surrounding whitespace."""
    return text(value).strip()


def concat(*values: Any) -> str:
    """``a + b + ...`` (one operand being a string literal): the operands joined as text.

    Raises:
        TemplateError: An operand is missing or is not a ``str`` (Python's ``TypeError`` for
            ``+``, or Jinja's message for the missing value).
    """
    if all(type(value) is str for value in values):
        return "".join(values)
    result = values[0]
    for value in values[1:]:
        for operand in (result, value):
            if isinstance(operand, Undefined):
                raise TemplateError(operand.message)
        try:
            result = result + value
        except TypeError as error:
            raise TemplateError(f"{error}: the template joins {value!r} with '+'") from None
    return result  # type: ignore[no-any-return]


def contains(container: Any, value: Any) -> bool:
    """``value in container`` (false for a missing container).

    Raises:
        TemplateError: ``container`` cannot be searched for ``value``.
    """
    if isinstance(container, Undefined):
        return False
    try:
        return value in container
    except TypeError as error:
        raise TemplateError(f"{error}: the template looks for {value!r} in {container!r}") from None


def to_json(value: Any, **options: Any) -> str:
    """``value | tojson(...)``.

    Raises:
        TemplateError: ``value`` is missing (Jinja's ``Undefined`` is not JSON).
    """
    if isinstance(value, Undefined):
        raise TemplateError(f"Object of type Undefined is not JSON serializable: {value.message}")
    return tojson(value, **options)


def is_iterable(value: Any) -> bool:
    """``value is iterable`` (true for strings, mappings and missing values)."""
    if isinstance(value, Undefined):
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
    if isinstance(value, Undefined):
        return ()
    try:
        iter(value)
    except TypeError as error:
        raise TemplateError(f"{error}: the template loops over {value!r}") from None
    return value  # type: ignore[no-any-return]


def length(value: Any) -> int:
    """``value | length`` (0 for a missing value).

    Raises:
        TemplateError: ``value`` has no length.
    """
    if isinstance(value, Undefined):
        return 0
    try:
        return len(value)
    except TypeError as error:
        raise TemplateError(f"{error}: the template takes the length of {value!r}") from None
