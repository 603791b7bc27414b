"""Gemma 3 instruct: Google's published chat template, text and image parts.

``<bos>``, then alternating ``<start_of_turn>user`` / ``<start_of_turn>model`` turns closed by
``<end_of_turn>\\n``. A system message is not a turn: its text (unstripped, or its first part's
text) and a blank line open the first turn. Text is stripped; an image part is written as
``<start_of_image>``. The template knows no tools: ``tools`` and tool calls are not written.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    attr,
    concat,
    is_iterable,
    item,
    iterate,
    template_error,
    trim,
)

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "render",
]

NAMES: tuple[str, ...] = ("gemma-3", "gemma3")
MODEL_IDS: tuple[str, ...] = (
    "google/gemma-3-270m-it",
    "google/gemma-3-1b-it",
    "google/gemma-3-4b-it",
    "google/gemma-3-12b-it",
    "google/gemma-3-27b-it",
)
BOS_TOKEN = "<bos>"
EOS_TOKEN = "<eos>"
STOP_STRS: tuple[str, ...] = ("<end_of_turn>", "<eos>")
REFERENCE = "google/gemma-3-1b-it chat template"
FEATURES: frozenset[str] = frozenset({"parts", "images"})

_ALTERNATE = "Conversation roles must alternate user/assistant/user/assistant/..."
_INVALID_CONTENT = "Invalid content type"


def _content(index: int, message: dict[str, Any]) -> str:
    content = item(message, "content")
    if isinstance(content, str):
        return content.strip()
    if not is_iterable(content):
        raise template_error(_INVALID_CONTENT, index=index, message=message)
    written = []
    for part in iterate(content):
        kind = item(part, "type")
        if kind == "image":
            written.append("<start_of_image>")
        elif kind == "text":
            written.append(trim(item(part, "text")))
    return "".join(written)


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Gemma 3 chat template does.

    Raises:
        TemplateError: The turns after the system message do not alternate user / assistant
            starting with user; a content is neither text nor a list of parts; the system
            message has no text to write.
    """
    messages = conversation.messages
    first = item(messages, 0)
    prefix = ""
    offset = 0
    if attr(first, "role") == "system":
        system = item(first, "content")
        first_text = system if isinstance(system, str) else item(item(system, 0), "text")
        prefix = concat(first_text, "\n\n")
        offset = 1
    out = [BOS_TOKEN]
    for index in range(offset, len(messages)):
        message = messages[index]
        role = item(message, "role")
        if (role == "user") != ((index - offset) % 2 == 0):
            raise template_error(_ALTERNATE, index=index, message=message)
        opening = concat("<start_of_turn>", "model" if role == "assistant" else role, "\n", prefix)
        out += [opening, _content(index, message), "<end_of_turn>\n"]
        prefix = ""
    if conversation.add_generation_prompt:
        out.append("<start_of_turn>model\n")
    return "".join(out)


class Gemma3ChatPrompt(FormatModulePrompt):
    """Gemma 3 instruction-tuned, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = None
