"""What IBM Granite 3.1, 3.2 and 3.3's chat templates share: one renderer, their texts as data.

A Granite 3 prompt opens with a system turn: the caller's first system message, or a default one
carrying the knowledge cutoff and today's date (``strftime_now``) followed by a sentence chosen by
what the prompt offers (tools and documents, tools, documents, the ``thinking`` variable where the
release knows it, else "helpful assistant"), plus the citations / hallucinations instructions
asked for with the ``controls`` variable when there are documents. Then the tools as indented
JSON, the documents, and every message as ``<|start_of_role|>role<|end_of_role|>content``
(roles written as given, content text only: tool calls and reasoning are dropped, as the
templates drop them). The generation prompt follows the last message, with ``controls`` as
JSON when given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from chatprompt._conversation import Conversation
from chatprompt.presets import _jinja_values
from chatprompt.presets._jinja_values import (
    UNDEFINED,
    Undefined,
    attr,
    contains,
    item,
    operand,
    text,
    tojson,
)

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "STOP_STRS",
    "Granite3",
    "documents_as_blocks",
    "documents_in_one_turn",
    "renderer",
    "thinking_sentence",
]

BOS_TOKEN = "<|end_of_text|>"
EOS_TOKEN = "<|end_of_text|>"
STOP_STRS: tuple[str, ...] = ("<|end_of_text|>",)

DOCUMENTS_SENTENCE = (
    "Write the response to the user's input by strictly aligning with the facts in the provided "
    "documents. If the information needed to answer the question is not available in the "
    "documents, inform the user that the question cannot be answered based on the available data."
)
"""The default system prompt's sentence for documents, the same in every Granite 3 release."""

_THINKING_PREFIX = (
    " You are a helpful AI assistant.\nRespond to every user query in a comprehensive and "
    "detailed way. You can write down your thoughts and reasoning process before responding. In "
    "the thought process, engage in a comprehensive cycle of analysis, summarization, "
    "exploration, reassessment, reflection, backtracing, and iteration to develop well-considered "
    "thinking process. In the response section, based on various attempts, explorations, and "
    "reflections from the thoughts section, systematically present the final solution that you "
    "deem correct. The response should summarize the thought process."
)


@attrs.frozen
class Granite3:
    """One Granite 3 release's texts and layout.

    Attributes:
        header: The default system prompt's start; ``{date}`` is today's date.
        tools_sentence: The default system prompt's sentence for tools.
        between_tools_and_documents: What joins the tools and documents sentences.
        thinking_sentence: The sentence for ``thinking=True``, or ``None`` where the release
            does not read ``thinking``.
        citations: The text appended for ``controls`` with ``"citations"``.
        hallucinations: The text appended for ``controls`` with ``"hallucinations"``.
        tools_role: The role of the turn holding the tools.
        reads_available_tools: ``available_tools`` (a template variable) replaces ``tools``.
        documents: Writes the documents.
    """

    header: str
    tools_sentence: str
    between_tools_and_documents: str
    thinking_sentence: str | None
    citations: str
    hallucinations: str
    tools_role: str
    reads_available_tools: bool
    documents: Callable[[tuple[dict[str, Any], ...]], str]


def thinking_sentence(how: str) -> str:
    """The ``thinking=True`` sentence, ending with where the release asks for the thoughts."""
    return f"{_THINKING_PREFIX} {how}"


def documents_in_one_turn(documents: tuple[dict[str, Any], ...]) -> str:
    """Granite 3.1 / 3.2: one ``documents`` turn, ``Document i`` then its text."""
    body = "\n\n".join(
        f"Document {index}\n{text(item(document, 'text'))}"
        for index, document in enumerate(documents)
    )
    return f"<|start_of_role|>documents<|end_of_role|>{body}<|end_of_text|>\n"


def documents_as_blocks(documents: tuple[dict[str, Any], ...]) -> str:
    """Granite 3.3: one ``document`` turn per document, headed by its ``doc_id``."""
    return "".join(
        '<|start_of_role|>document {"document_id": "'
        + text(item(document, "doc_id"))
        + '"}<|end_of_role|>\n'
        + text(item(document, "text"))
        + "<|end_of_text|>\n"
        for document in documents
    )


def _default_system(
    release: Granite3, conversation: Conversation, tools: Any, controls: Any
) -> str:
    date = _jinja_values.strftime_now("%B %d, %Y")
    documents = conversation.documents
    system = release.header.format(date=date)
    if tools and documents:
        system += release.tools_sentence + release.between_tools_and_documents + DOCUMENTS_SENTENCE
    elif tools:
        system += release.tools_sentence
    elif documents:
        system += " " + DOCUMENTS_SENTENCE
    elif release.thinking_sentence is not None and conversation.var("thinking", UNDEFINED):
        system += release.thinking_sentence
    else:
        system += " You are a helpful AI assistant."
    if contains("citations", controls, "controls") and documents:
        system += release.citations
    if contains("hallucinations", controls, "controls") and documents:
        system += release.hallucinations
    return system


def render_granite3(release: Granite3, conversation: Conversation) -> str:
    """The prompt ``release``'s chat template writes for ``conversation``.

    Raises:
        TemplateError: the conversation is empty, or a role or content is not text (or
            ``controls`` is a value ``in`` cannot search).
    """
    messages = conversation.messages
    if not messages:
        Undefined(messages, 0).fail()  # the template reads messages[0]
    tools: Any = conversation.tools
    if release.reads_available_tools:
        available = conversation.var("available_tools", UNDEFINED)
        tools = available if available or not tools else tools
    controls = conversation.var("controls", UNDEFINED)
    if messages[0].get("role") == "system":
        system = operand(attr(messages[0], "content"), "message 0 content")
        offset = 1
    else:
        system = _default_system(release, conversation, tools, controls)
        offset = 0
    pieces = [f"<|start_of_role|>system<|end_of_role|>{system}<|end_of_text|>\n"]
    if tools:
        listed = list(tools) if isinstance(tools, tuple) else tools
        pieces.append(
            f"<|start_of_role|>{release.tools_role}<|end_of_role|>{tojson(listed, indent=4)}"
            "<|end_of_text|>\n"
        )
    if conversation.documents:
        pieces.append(release.documents(conversation.documents))
    for index in range(offset, len(messages)):
        message = messages[index]
        role = operand(attr(message, "role"), f"message {index} role")
        content = operand(attr(message, "content"), f"message {index} content")
        pieces.append(f"<|start_of_role|>{role}<|end_of_role|>{content}<|end_of_text|>\n")
    if conversation.add_generation_prompt and len(messages) > offset:
        pieces.append("<|start_of_role|>assistant")
        if controls:
            pieces.append(" " + tojson(controls))
        pieces.append("<|end_of_role|>")
    return "".join(pieces)


def renderer(release: Granite3, title: str) -> Callable[[Conversation], str]:
    """The ``render`` function of the module of a Granite 3 release (``title``)."""

    def render(conversation: Conversation) -> str:
        return render_granite3(release, conversation)

    render.__doc__ = (
        f"The prompt {title}'s chat template writes for ``conversation``.\n\n"
        "Raises:\n    TemplateError: the conversation is empty, or a role or content is not text.\n"
    )
    return render
