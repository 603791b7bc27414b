"""What a chat template's expressions do with the values they read, under ``apply_chat_template``.

A published template reads ``message.content``, ``x[0]``, ``"a" + b``, ``"a" in b``,
``for x in y``, ``x | tojson``, ``x.strip()`` under Jinja's rules in transformers'
environment: a missing key is Jinja's ``Undefined`` (false, empty, printed as nothing, and an
error once added to text or read from), ``+`` and ``in`` are Python's and fail on the wrong
types. The helpers here apply the same rules to the plain ``dict`` / ``list`` / ``str`` data a
:class:`~chatprompt._conversation.Conversation` holds, so a Python renderer accepts, renders and
refuses exactly what its template does. Every failure is a
:class:`~chatprompt.errors.TemplateError` whose message contains the one the template's failure
carries (Jinja's ``'dict object' has no attribute 'x'``, Python's ``can only concatenate str
...``), after the optional ``where`` (what the renderer was reading) when one is given.
``strftime_now`` and ``raise_exception`` are here too (call the clock through this module so
tests can freeze it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, NoReturn

from chatprompt.errors import TemplateError

__all__ = [
    "UNDEFINED",
    "Undefined",
    "attr",
    "concat",
    "contains",
    "dictsort",
    "is_defined",
    "is_iterable",
    "item",
    "items",
    "iterate",
    "join",
    "length",
    "lower",
    "method",
    "operand",
    "sort_by",
    "template_error",
    "text",
    "tojson",
    "trim",
]


def _fail(message: str, where: str = "") -> NoReturn:
    raise TemplateError(f"{where}: {message}" if where else message)


def _type_repr(owner: object) -> str:
    """Jinja's ``object_type_repr`` of a value the template sees (a tuple here is a list there)."""
    if owner is None:
        return "None"
    kind = list if isinstance(owner, tuple) else type(owner)
    if kind.__module__ == "builtins":
        return f"{kind.__name__} object"
    return f"{kind.__module__}.{kind.__name__} object"


_NOTHING: Final = object()


class Undefined:
    """Jinja's ``Undefined``: a value the template looked up and did not find.

    It is false, empty, equal to any other undefined value and prints as nothing; adding it to
    anything (or reading from it) raises Jinja's message for it.

    Args:
        owner: The value the template read from (none for a missing variable).
        key: The key, attribute name or index that was missing there, or the variable's name.
    """

    __slots__ = ("_key", "_owner")

    def __init__(self, owner: Any = _NOTHING, key: Any = None) -> None:
        self._owner = owner
        self._key = key

    @property
    def message(self) -> str:
        """Jinja's message when a template uses this value where it fails."""
        if self._owner is _NOTHING:
            return "a missing value" if self._key is None else f"{self._key!r} is undefined"
        if isinstance(self._key, str):
            return f"{_type_repr(self._owner)!r} has no attribute {self._key!r}"
        return f"{_type_repr(self._owner)} has no element {self._key!r}"

    def fail(self, where: str = "") -> NoReturn:
        """Raise the error Jinja raises where a template uses this value."""
        _fail(self.message, where)

    def __repr__(self) -> str:
        return "Undefined"

    def __str__(self) -> str:
        return ""

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Any:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return type(other) is Undefined

    def __hash__(self) -> int:
        return id(Undefined)

    def _fails(self, other: object) -> NoReturn:
        self.fail()

    # ``+`` and ordering (``sort``) with an undefined value fail as in Jinja.
    __add__ = __radd__ = __lt__ = __le__ = __gt__ = __ge__ = _fails


UNDEFINED: Final = Undefined()
"""A missing value, where there is nothing to say about where it was read."""


def is_defined(value: Any) -> bool:
    """``value is defined``."""
    return not isinstance(value, Undefined)


def attr(owner: Any, name: str, where: str = "") -> Any:
    """``owner.name``: a mapping's key, else undefined; reading from an undefined value fails.

    Only for names that are not ``dict`` or ``str`` methods (Jinja would find the method first).
    """
    if type(owner) is not dict:  # a conversation's data is plain dicts: the usual case first
        if isinstance(owner, Undefined):
            owner.fail(where)
        if not isinstance(owner, Mapping):
            return Undefined(owner, name)
    return owner[name] if name in owner else Undefined(owner, name)


def item(owner: Any, key: Any, where: str = "") -> Any:
    """``owner[key]``: a mapping's key or a sequence's element (negative indexes count from the
    end), else undefined; reading from an undefined value fails."""
    if type(owner) is dict:
        found = key in owner
    elif isinstance(owner, Undefined):
        owner.fail(where)
    elif isinstance(owner, (list, tuple, str)):
        found = type(key) is int and -len(owner) <= key < len(owner)
    else:
        found = isinstance(owner, Mapping) and key in owner
    return owner[key] if found else Undefined(owner, key)


def method(value: Any, name: str, *args: Any) -> Any:
    """``value.name(*args)`` for a string or mapping method (``strip``, ``split``, ``items``, ...).

    Raises:
        TemplateError: ``value`` is undefined or has no such method (Jinja's message for the
            missing attribute).
    """
    if isinstance(value, Undefined):
        value.fail()
    bound = getattr(value, name, None) if isinstance(value, (str, Mapping)) else None
    if bound is None:
        Undefined(value, name).fail()
    return bound(*args)


def text(value: Any) -> str:
    """``{{ value }}``: Jinja prints any value as Python's ``str`` does (``None``, ``True``, dicts
    and lists in their Python form; an undefined value as nothing)."""
    return value if isinstance(value, str) else str(value)


def trim(value: Any) -> str:
    """``value | trim``: the printed value without surrounding whitespace."""
    return text(value).strip()


def lower(value: Any) -> str:
    """``value | lower``: the printed value, lowercased."""
    return text(value).lower()


def operand(value: Any, where: str = "") -> str:
    """``"..." + value``: the value when it is text; any other value fails as it does there."""
    if isinstance(value, str):
        return value
    if isinstance(value, Undefined):
        value.fail(where)
    _fail(f'can only concatenate str (not "{type(value).__name__}") to str', where)


def concat(*values: Any) -> Any:
    """``a + b + ...`` evaluated left to right with Python's ``+``, as the template does.

    Raises:
        TemplateError: An operand is undefined, or two operands do not add (Python's message).
    """
    if all(type(value) is str for value in values):
        return "".join(values)
    total = values[0]
    for value in values[1:]:
        try:
            total = total + value
        except TypeError as error:
            _fail(str(error))
    return total


def contains(needle: Any, haystack: Any, where: str = "") -> bool:
    """``needle in haystack`` (Python's ``in``; nothing is in an undefined value).

    Raises:
        TemplateError: ``haystack`` cannot be searched for ``needle`` (Python's message).
    """
    if isinstance(haystack, Undefined):
        return False
    try:
        return bool(needle in haystack)
    except TypeError as error:
        _fail(str(error), where)


def is_iterable(value: Any) -> bool:
    """``value is iterable`` (true for text, mappings and undefined values)."""
    try:
        iter(value)
    except TypeError:
        return False
    return True


def iterate(value: Any, where: str = "") -> list[Any]:
    """What ``{% for x in value %}`` walks over: a list's items, a mapping's keys, a string's
    characters, nothing for an undefined value.

    Raises:
        TemplateError: ``value`` cannot be looped over (Python's message).
    """
    try:
        return list(value)
    except TypeError as error:
        _fail(str(error), where)


def items(value: Any) -> list[tuple[Any, Any]]:
    """``value | items``: a mapping's pairs, nothing for an undefined value.

    Raises:
        TemplateError: ``value`` is not a mapping (Jinja's message).
    """
    if isinstance(value, Undefined):
        return []
    if type(value) is not dict and not isinstance(value, Mapping):
        _fail("Can only get item pairs from a mapping.")
    return list(value.items())


def length(value: Any, where: str = "") -> int:
    """``value | length`` (0 for an undefined value).

    Raises:
        TemplateError: ``value`` has no length (Python's message).
    """
    try:
        return len(value)
    except TypeError as error:
        _fail(str(error), where)


def join(value: Any, separator: str, where: str = "") -> str:
    """``value | join(separator)``: every item printed as ``{{ item }}``."""
    return separator.join(text(part) for part in iterate(value, where))


def sort_by(values: Any, attribute: str, where: str = "") -> list[Any]:
    """``values | sort(attribute=attribute)``: stably, by that field, text case-insensitively.

    Raises:
        TemplateError: Two of the fields do not compare (Python's message, or Jinja's for a
            missing field).
    """

    def key(value: Any) -> list[Any]:
        return [_folded(item(value, attribute))]

    try:
        return sorted(iterate(values, where), key=key)
    except TypeError as error:
        _fail(str(error), where)


def dictsort(value: Any) -> list[tuple[Any, Any]]:
    """``value | dictsort``: a mapping's pairs sorted by key, text case-insensitively.

    Raises:
        TemplateError: ``value`` is undefined or not a mapping (the message the template gets).
    """
    if isinstance(value, Undefined):
        value.fail()
    if not isinstance(value, Mapping):
        _fail(f"{type(value).__name__!r} object has no attribute 'items'")
    return sorted(value.items(), key=lambda pair: _folded(pair[0]))


def _folded(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def tojson(
    value: Any,
    where: str = "",
    *,
    indent: int | None = None,
    separators: tuple[str, str] | None = None,
    sort_keys: bool = False,
    ensure_ascii: bool = False,
) -> str:
    """``{{ value | tojson }}`` under transformers (no HTML escaping, UTF-8 kept).

    Raises:
        TemplateError: ``value`` is undefined or not JSON (Python's message).
    """
    try:
        return json.dumps(
            value,
            ensure_ascii=ensure_ascii,
            indent=indent,
            separators=separators,
            sort_keys=sort_keys,
        )
    except TypeError as error:
        _fail(str(error), where)


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
