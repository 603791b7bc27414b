"""Each package's public names resolve (ruff's RUF022 keeps ``__all__`` sorted)."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("package", ["token_trace", "chatprompt", "transformer_mock"])
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)

    assert [] == [name for name in module.__all__ if getattr(module, name, None) is None]


def test_unknown_chatprompt_attribute_raises_attribute_error() -> None:
    import chatprompt

    with pytest.raises(AttributeError, match="module 'chatprompt' has no attribute 'Nope'"):
        chatprompt.Nope  # noqa: B018
