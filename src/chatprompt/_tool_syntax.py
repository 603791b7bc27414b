"""How formats write tool calls, read back: the body of a tool-call block → ``ToolCall``\\ s.

Each syntax parses a complete block body once (:meth:`ToolSyntax.parse`) and, while the block
is still arriving, names the calls as soon as their names are complete
(:meth:`ToolSyntax.scanner`), so a stream can announce a call before its arguments end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from chatprompt._response import ToolCall

__all__ = [
    "FunctionTagCalls",
    "JsonCalls",
    "NameScanner",
    "PythonTagCalls",
    "ToolSyntax",
    "parse_arguments",
]


class NameScanner(Protocol):
    """Finds call names in a block body that arrives in pieces."""

    def feed(self, text: str) -> list[str]:
        """Take the next piece; return the names completed by it, in order."""


class ToolSyntax(Protocol):
    """One way of writing tool calls inside a block."""

    def scanner(self) -> NameScanner:
        """A fresh name scanner for one block."""

    def parse(self, body: str) -> list[ToolCall]:
        """The calls in a complete block body (a call that does not parse carries ``error``).

        Raises:
            ValueError: the body as a whole has no recognisable structure; the message says why.
        """


def parse_arguments(value: Any, where: str) -> dict[str, Any]:
    """Arguments given as a JSON object, or as a string holding one.

    Raises:
        ValueError: they are neither; ``where`` names them in the message.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"{where} is a string that is not JSON: {error}") from None
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a JSON object, got {value!r}")
    return value


def _loads(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{what} is not valid JSON: {error}") from None


_FENCE = re.compile(r"\A```(?:json)?\s*(.*?)\s*```\Z", re.DOTALL)


class _JsonNames:
    """Incremental JSON scanner: string values of ``keys`` in the call objects of a body
    (the body itself when it is an object, its items when it is a list)."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self._keys = keys
        self._depth = 0
        self._call_depth = 0  # 1 for an object body, 2 for a list body; 0 until known
        self._in_string = False
        self._escape = False
        self._string: list[str] = []
        self._key: str | None = None  # the last complete key at the call depth
        self._after_colon = False
        self._is_key = False

    def feed(self, text: str) -> list[str]:
        names: list[str] = []
        for char in text:
            if self._in_string:
                if self._escape:
                    self._escape = False
                    self._string.append(char)
                elif char == "\\":
                    self._escape = True
                    self._string.append(char)
                elif char == '"':
                    self._in_string = False
                    self._end_string(names)
                else:
                    self._string.append(char)
                continue
            if char == '"':
                self._in_string = True
                self._string = []
                self._is_key = not self._after_colon
            elif char in "{[":
                if self._call_depth == 0:
                    self._call_depth = 1 if char == "{" else 2
                self._depth += 1
                self._after_colon = False
            elif char in "}]":
                self._depth -= 1
                self._after_colon = False
            elif char == ":":
                self._after_colon = True
            elif char == ",":
                self._after_colon = False
        return names

    def _end_string(self, names: list[str]) -> None:
        if self._depth != self._call_depth:
            self._after_colon = False
            return
        try:
            value = json.loads('"' + "".join(self._string) + '"')
        except json.JSONDecodeError:
            value = None
        if self._is_key:
            self._key = value
        elif self._key in self._keys and isinstance(value, str):
            names.append(value)
        self._after_colon = False


@attrs.frozen
class JsonCalls:
    """Calls as JSON: one object, or a list of objects (``[TOOL_CALLS] [...]``, Granite,
    Nemotron, Command R7B), each with a name key and an arguments key.

    Attributes:
        name_keys: Keys that hold the function's name.
        arguments_keys: Keys that hold the arguments (an object, or a string of JSON).
        id_keys: Keys that hold the call's id, where the format writes one.
    """

    name_keys: tuple[str, ...] = ("name",)
    arguments_keys: tuple[str, ...] = ("arguments", "parameters")
    id_keys: tuple[str, ...] = ("id",)

    def scanner(self) -> NameScanner:
        return _JsonNames(self.name_keys)

    def parse(self, body: str) -> list[ToolCall]:
        text = body.strip()
        fenced = _FENCE.match(text)
        if fenced:
            text = fenced.group(1)
        data = _loads(text, "the tool call")
        items = data if isinstance(data, list) else [data]
        return [self._call(index, item) for index, item in enumerate(items)]

    def _call(self, index: int, item: Any) -> ToolCall:
        raw = json.dumps(item, ensure_ascii=False)
        if not isinstance(item, dict):
            return ToolCall(None, None, error=f"call {index} is not an object: {item!r}", raw=raw)
        name = next((item[key] for key in self.name_keys if key in item), None)
        call_id = next((item[key] for key in self.id_keys if key in item), None)
        call_id = call_id if isinstance(call_id, str) else None
        if not isinstance(name, str):
            error = f"call {index} has no string name under {self.name_keys!r}: {item!r}"
            return ToolCall(None, None, id=call_id, error=error, raw=raw)
        present = [key for key in self.arguments_keys if key in item]
        try:
            arguments = (
                parse_arguments(item[present[0]], f"the arguments of {name!r}") if present else {}
            )
        except ValueError as error:
            return ToolCall(name, None, id=call_id, error=str(error), raw=raw)
        return ToolCall(name, arguments, id=call_id, raw=raw)


class RegexNameScanner:
    """Names from a pattern whose first group is a call's name, matched as the body grows."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self._body = ""
        self._start = 0

    def feed(self, text: str) -> list[str]:
        self._body += text
        names = []
        for match in self._pattern.finditer(self._body, self._start):
            names.append(match.group(1).strip())
            self._start = match.end()
        return names


@attrs.frozen
class FunctionTagCalls:
    """Calls written with the format's own tags around names and arguments.

    Attributes:
        call: A pattern for one complete call; group ``name`` is the function's name, group
            ``args`` its arguments text, and an optional group ``id`` the call's id.
        name: A pattern whose first group is a name, complete as soon as it matches (for
            streaming).
        arguments: Turns a call's arguments text into a dict (JSON by default).
        id_from_name: The id is written where the name is (Kimi K2's ``functions.NAME:0``):
            the ``id`` group is taken and the name is cut from it.
    """

    call: re.Pattern[str]
    name: re.Pattern[str]
    arguments: Callable[[str], dict[str, Any]] = attrs.field(
        default=lambda text: parse_arguments(text.strip() or "{}", "the arguments")
    )

    def scanner(self) -> NameScanner:
        return RegexNameScanner(self.name)

    def parse(self, body: str) -> list[ToolCall]:
        calls = []
        for match in self.call.finditer(body):
            name = match.group("name").strip()
            groups = match.groupdict()
            call_id = groups.get("id")
            try:
                calls.append(
                    ToolCall(
                        name, self.arguments(match.group("args")), id=call_id, raw=match.group(0)
                    )
                )
            except ValueError as error:
                calls.append(ToolCall(name, None, id=call_id, error=str(error), raw=match.group(0)))
        if not calls and body.strip():
            raise ValueError(f"no tool call of the expected form in {body!r}")
        return calls


_PY_CALL = re.compile(r"\A\s*([A-Za-z_][\w]*)\.call\((.*)\)\s*\Z", re.DOTALL)
_PY_KWARG = re.compile(r"\s*([A-Za-z_]\w*)\s*=\s*")


def _python_kwargs(text: str) -> dict[str, Any]:
    """``query="東京", n=3`` → a dict, reading each value as a JSON literal."""
    arguments: dict[str, Any] = {}
    decoder = json.JSONDecoder()
    position = 0
    while position < len(text):
        match = _PY_KWARG.match(text, position)
        if not match:
            raise ValueError(f"cannot read keyword arguments at {text[position:]!r}")
        try:
            value, end = decoder.raw_decode(text, match.end())
        except json.JSONDecodeError:
            raise ValueError(f"cannot read the value of {match.group(1)!r} in {text!r}") from None
        arguments[match.group(1)] = value
        position = end
        rest = text[position:].lstrip()
        if rest.startswith(","):
            position = len(text) - len(rest) + 1
        elif rest:
            raise ValueError(f"expected ',' in {text!r} at {rest!r}")
        else:
            break
    return arguments


@attrs.frozen
class PythonTagCalls:
    """Llama 3.x after ``<|python_tag|>``: a JSON call (``name`` + ``parameters``) or a
    built-in tool call ``brave_search.call(query="...")``."""

    json: JsonCalls = JsonCalls()

    def scanner(self) -> NameScanner:
        return _FirstOf(self.json.scanner(), RegexNameScanner(re.compile(r"\A\s*(\w+)\.call\(")))

    def parse(self, body: str) -> list[ToolCall]:
        builtin = _PY_CALL.match(body)
        if builtin is None:
            return self.json.parse(body)
        name = builtin.group(1)
        try:
            return [ToolCall(name, _python_kwargs(builtin.group(2)), raw=body)]
        except ValueError as error:
            return [ToolCall(name, None, error=str(error), raw=body)]


class _FirstOf:
    def __init__(self, *scanners: NameScanner) -> None:
        self._scanners = scanners

    def feed(self, text: str) -> list[str]:
        return [name for scanner in self._scanners for name in scanner.feed(text)]
