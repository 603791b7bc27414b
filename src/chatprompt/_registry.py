"""Finding a preset by short name or Hugging Face model id, and registering user presets.

There is no list of presets here: every :class:`AbstractChatPrompt` subclass that declares
``names`` in its own body is taken in under those names and its ``model_ids`` (the built-in
ones when :mod:`chatprompt.presets` is imported, any other from its definition on).
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from chatprompt import presets  # noqa: F401  (defines the built-in presets)
from chatprompt._abstract import AbstractChatPrompt
from chatprompt.errors import PresetRegistrationError, UnknownChatPromptError

__all__ = ["get_chat_prompt", "list_chat_prompts", "register_chat_prompt"]

PresetClass = type[AbstractChatPrompt]

_names: dict[str, PresetClass] = {}
_model_ids: dict[str, PresetClass] = {}
_declared: set[PresetClass] = set()  # preset classes whose declared names were taken in
_lock = threading.Lock()


def _key(name: str) -> str:
    return name.strip().lower()


def _taken(names: Iterable[str], model_ids: Iterable[str]) -> dict[str, str]:
    """The names and model ids already registered, each with its class's name."""
    found = [n for n in names if n in _names] + [m for m in model_ids if m in _model_ids]
    return {key: (_names.get(key) or _model_ids[key]).__name__ for key in found}


def _add(names: Iterable[str], cls: PresetClass, model_ids: Iterable[str], replace: bool) -> None:
    names, model_ids = [_key(n) for n in names], [_key(m) for m in model_ids]
    taken = {} if replace else _taken(names, model_ids)
    if taken:
        raise PresetRegistrationError(
            f"already registered: {taken!r}; pass replace=True to replace them"
        )
    _names.update(dict.fromkeys(names, cls))
    _model_ids.update(dict.fromkeys(model_ids, cls))


def _preset_classes() -> Iterator[PresetClass]:
    """Every subclass of :class:`AbstractChatPrompt`, parents before their subclasses."""
    stack = [AbstractChatPrompt]
    while stack:
        for subclass in stack.pop().__subclasses__():
            yield subclass
            stack.append(subclass)


def _take_in_declared() -> None:
    """Register every preset class defined since the last call under the ``names`` it declares
    in its own body and its ``model_ids``.

    Lookups call it when a name is not found (and ``list_chat_prompts`` always), so a preset
    class is found from its definition on. Each class is taken in once: one whose names or
    model ids are taken raises :class:`PresetRegistrationError` there, and is left out.
    """
    with _lock:
        for cls in _preset_classes():
            if cls in _declared or "names" not in cls.__dict__ or not cls.names:
                continue
            _declared.add(cls)
            names, model_ids = [_key(n) for n in cls.names], [_key(m) for m in cls.model_ids]
            taken = _taken(names, model_ids)
            if taken:
                raise PresetRegistrationError(
                    f"{cls.__module__}.{cls.__qualname__} declares names or model ids that are "
                    f"already registered: {taken!r}; it is left out"
                )
            _add(names, cls, model_ids, replace=False)


_take_in_declared()


def register_chat_prompt(
    name: str,
    cls: PresetClass,
    model_ids: Iterable[str] | None = None,
    *,
    replace: bool = False,
) -> None:
    """Make ``get_chat_prompt(name)`` (and each model id) return ``cls(**kwargs)``.

    Args:
        name: A short name (matched case-insensitively).
        cls: An :class:`~chatprompt.AbstractChatPrompt` subclass.
        model_ids: Hugging Face model ids for it; the class's ``model_ids`` if omitted.
        replace: Replace a preset already registered under the name or a model id.

    Raises:
        PresetRegistrationError: ``cls`` is not a preset class, the name is empty, or a name
            or model id is taken and ``replace`` is false.
    """
    _take_in_declared()
    if not (isinstance(cls, type) and issubclass(cls, AbstractChatPrompt)):
        raise PresetRegistrationError(f"{cls!r} is not an AbstractChatPrompt subclass")
    if not isinstance(name, str) or not name.strip():
        raise PresetRegistrationError(f"a preset name must be a non-empty str, got {name!r}")
    ids = cls.model_ids if model_ids is None else model_ids
    if isinstance(ids, str):
        raise PresetRegistrationError(f"model_ids must be a list of ids, got the str {ids!r}")
    _add([name], cls, ids, replace)


def list_chat_prompts() -> list[str]:
    """Every registered short name, sorted."""
    _take_in_declared()
    return sorted(_names)


def _find(name_or_model_id: str) -> PresetClass:
    if not isinstance(name_or_model_id, str):
        raise UnknownChatPromptError(
            f"a preset name or model id must be a str, got {name_or_model_id!r}"
        )
    key = _key(name_or_model_id)
    found = _names.get(key) or _model_ids.get(key)
    if found is None:
        _take_in_declared()
        found = _names.get(key) or _model_ids.get(key)
    if found is None:
        close = difflib.get_close_matches(key, [*_names, *_model_ids], n=5, cutoff=0.5)
        hint = f"; closest: {', '.join(map(repr, close))}" if close else ""
        raise UnknownChatPromptError(
            f"no chat prompt preset is named {name_or_model_id!r}{hint} "
            f"(list_chat_prompts() lists the names)"
        )
    return found


def get_chat_prompt(name_or_model_id: str, **kwargs: Any) -> AbstractChatPrompt:
    """A new preset for a short name (``"llama-3"``, ``"chatml"``, ``"rinna"``) or a Hugging
    Face model id (``"Qwen/Qwen2.5-7B-Instruct"``), matched case-insensitively.

    Args:
        name_or_model_id: The name or model id.
        **kwargs: Passed to the preset's constructor (``date_string=...``, ``system_prompt=...``).

    Raises:
        UnknownChatPromptError: nothing is registered under it; the message lists the closest
            known names.
    """
    return _find(name_or_model_id)(**kwargs)
