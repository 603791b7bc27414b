"""Shared fixtures: the real Llama-2-family tokenizer, built offline."""

from __future__ import annotations

from typing import Any

import pytest

from local_models import llama2_tokenizer


@pytest.fixture(scope="session")
def llama_tokenizer() -> Any:
    """The real Llama-2-family fast tokenizer (default, non-legacy behaviour)."""
    return llama2_tokenizer()


@pytest.fixture(scope="session")
def llama_tokenizer_legacy() -> Any:
    """The same tokenizer loaded with ``legacy=True``."""
    return llama2_tokenizer(legacy=True)
