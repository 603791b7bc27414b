"""The named conversations in ``conversations.json``, and how a preset renders one for its golden
file (shared by the tests and ``scripts/render_golden.py``, so both render the same way)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatprompt import get_chat_prompt

Messages = list[dict[str, Any]]

HERE = Path(__file__).parent
CONVERSATIONS_FILE = HERE / "conversations.json"
EXPECTED_DIR = HERE / "expected"
TEXT_SUFFIX = ".txt"
ERROR_SUFFIX = ".error"
STOP_STRS_FILE = "stop_strs.json"
TEMPLATE_VARS_FILE = "template_vars.json"
TEMPLATE_ARGUMENTS = ("tools", "documents", "continue_final_message")


@dataclass(frozen=True)
class Conversation:
    """One named conversation and the arguments it is rendered with."""

    name: str
    messages: Messages
    add_generation_prompt: bool
    template_vars: dict[str, Any] = field(default_factory=dict)
    arguments: dict[str, Any] = field(default_factory=dict)


def load_conversations(path: Path = CONVERSATIONS_FILE) -> dict[str, Conversation]:
    """Every conversation in ``path`` by name (keys starting with ``_`` are comments)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Conversation(
            name=name,
            messages=entry["messages"],
            add_generation_prompt=entry["add_generation_prompt"],
            template_vars=entry.get("template_vars") or {},
            arguments={key: entry[key] for key in TEMPLATE_ARGUMENTS if entry.get(key)},
        )
        for name, entry in data.items()
        if not name.startswith("_")
    }


def golden_folders(expected_dir: Path = EXPECTED_DIR) -> list[Path]:
    """One folder per preset, named by its short name."""
    return sorted(path for path in expected_dir.iterdir() if path.is_dir())


def read_golden(path: Path) -> str:
    """A golden file's exact text (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def folder_template_vars(folder: Path) -> dict[str, Any]:
    """The template variables every conversation in a preset's golden folder is rendered with."""
    path = folder / TEMPLATE_VARS_FILE
    return json.loads(read_golden(path)) if path.exists() else {}


def render_preset(name: str, conversation: Conversation, template_vars: dict[str, Any]) -> str:
    """Render ``conversation`` with the preset registered as ``name``.

    Template variables (the folder's, then the conversation's; ``date_string``) are the
    preset's constructor arguments, as they are ``apply_chat_template``'s keyword arguments.
    """
    prompt = get_chat_prompt(name, **{**template_vars, **conversation.template_vars})
    return prompt.render(
        conversation.messages,
        add_generation_prompt=conversation.add_generation_prompt,
        **conversation.arguments,
    )


def golden_outcome(
    name: str, conversation: Conversation, template_vars: dict[str, Any]
) -> tuple[str, str]:
    """The golden file suffix and content for the preset's render: the text, or the name of
    the error class it raises."""
    try:
        return TEXT_SUFFIX, render_preset(name, conversation, template_vars)
    except Exception as error:  # the .error file pins the class
        return ERROR_SUFFIX, type(error).__name__ + "\n"


CONVERSATIONS = load_conversations()

ONE_TURN = CONVERSATIONS["one_turn"].messages
MULTI_TURN = CONVERSATIONS["multi_turn"].messages
NO_SYSTEM = CONVERSATIONS["no_system"].messages
JAPANESE_PADDED = CONVERSATIONS["japanese_padded"].messages
