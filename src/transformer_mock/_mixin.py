"""Mix recording into a copy of a real object, keeping its class for ``isinstance`` checks."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["mixed_copy"]

_CLASSES: dict[tuple[type, type], type] = {}


def mixed_copy(
    obj: Any, mixin: type, keep_signatures: Sequence[str] = (), **attributes: Any
) -> Any:
    """A shallow copy of ``obj`` whose class derives from ``mixin`` and ``type(obj)``.

    The original object is left untouched; the copy shares its state (parameters, vocabulary).
    The mixin's methods named in ``keep_signatures`` show the original methods' signatures
    (``generate`` reads ``forward``'s to decide which inputs to pass).
    """
    base = type(obj)
    mixed = _CLASSES.get((mixin, base))
    if mixed is None:
        namespace = {
            name: _with_signature(getattr(mixin, name), getattr(base, name))
            for name in keep_signatures
        }
        mixed = type(f"Probe{base.__name__}", (mixin, base), namespace)
        _CLASSES[(mixin, base)] = mixed
    duplicate = copy.copy(obj)
    duplicate.__class__ = mixed
    for name, value in attributes.items():
        setattr(duplicate, name, value)
    return duplicate


def _with_signature(method: Callable[..., Any], original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        return method(self, *args, **kwargs)

    return wrapper
