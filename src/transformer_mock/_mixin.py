"""Mix recording into a copy of a real object, keeping its class for ``isinstance`` checks."""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["mixed_copy"]

_CLASSES: dict[tuple[type, type], type] = {}


def mixed_copy(obj: Any, mixin: type, **attributes: Any) -> Any:
    """A shallow copy of ``obj`` whose class derives from ``mixin`` and ``type(obj)``.

    The original object is left untouched; the copy shares its state (parameters, vocabulary).
    """
    base = type(obj)
    mixed = _CLASSES.get((mixin, base))
    if mixed is None:
        mixed = type(f"Probe{base.__name__}", (mixin, base), {})
        _CLASSES[(mixin, base)] = mixed
    duplicate = copy.copy(obj)
    duplicate.__class__ = mixed
    for name, value in attributes.items():
        setattr(duplicate, name, value)
    return duplicate
