"""Conversations the preset tests render (plain data, shared by the test modules)."""

from __future__ import annotations

from typing import Any

Messages = list[dict[str, Any]]

ONE_TURN: Messages = [{"role": "user", "content": "Hello"}]

MULTI_TURN: Messages = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Hello\nthere"},
    {"role": "assistant", "content": "Hi!"},
    {"role": "user", "content": "How are you?"},
]

NO_SYSTEM: Messages = MULTI_TURN[1:]

JAPANESE_PADDED: Messages = [
    {"role": "system", "content": "  日本語で答えてください。 "},
    {"role": "user", "content": "  こんにちは 😀  "},
    {"role": "assistant", "content": " はい、こんにちは！\n"},
    {"role": "user", "content": "天気は？🌤"},
]

EMPTY_CONTENTS: Messages = [
    {"role": "user", "content": ""},
    {"role": "assistant", "content": ""},
    {"role": "user", "content": " "},
]

ENDS_WITH_ANSWER: Messages = [*NO_SYSTEM, {"role": "assistant", "content": "Fine, thanks."}]

TWO_USERS: Messages = [
    {"role": "user", "content": "Hello"},
    {"role": "user", "content": "Anyone there?"},
]

ASSISTANT_FIRST: Messages = [
    {"role": "assistant", "content": "Hi!"},
    {"role": "user", "content": "Hello"},
]

SYSTEM_ONLY: Messages = [{"role": "system", "content": "You are a helpful assistant."}]
