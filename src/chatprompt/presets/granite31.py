"""IBM Granite 3.1 instruct, as its published chat template writes it.

Roles as ``<|start_of_role|>role<|end_of_role|>``; a default system prompt with today's date
(``strftime_now``) when the conversation has no system message; tools as indented JSON in a
``tools`` turn; documents in one ``documents`` turn; ``controls`` (``citations``,
``hallucinations``) as the template reads them. Tool calls and reasoning are not written (the
template drops them); see :mod:`chatprompt.presets._granite`.
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt import _output_formats
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._granite import (
    BOS_TOKEN,
    EOS_TOKEN,
    STOP_STRS,
    Granite3,
    documents_in_one_turn,
    renderer,
)

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "RELEASE",
    "STOP_STRS",
    "render",
]

NAMES: tuple[str, ...] = ("granite-3.1",)
MODEL_IDS: tuple[str, ...] = (
    "ibm-granite/granite-3.1-1b-a400m-instruct",
    "ibm-granite/granite-3.1-3b-a800m-instruct",
    "ibm-granite/granite-3.1-2b-instruct",
    "ibm-granite/granite-3.1-8b-instruct",
)
REFERENCE = "ibm-granite/granite-3.1-3b-a800m-instruct chat template"
FEATURES = frozenset({"tools", "documents", "date", "controls"})

RELEASE = Granite3(
    header=(
        "Knowledge Cutoff Date: April 2024.\nToday's Date: {date}.\n"
        "You are Granite, developed by IBM."
    ),
    tools_sentence=(
        " You are a helpful AI assistant with access to the following tools. When a tool is "
        "required to answer the user's query, respond with <|tool_call|> followed by a JSON list "
        "of tools used. If a tool does not exist in the provided list of tools, notify the user "
        "that you do not have the ability to fulfill the request."
    ),
    between_tools_and_documents="\n\n",
    thinking_sentence=None,
    citations=(
        "\n\nIn your response, use the symbols <co> and </co> to indicate when a fact comes from "
        "a document in the search result, e.g <co>0</co> for a fact from document 0. Afterwards, "
        "list all the citations with their corresponding documents in an ordered list."
    ),
    hallucinations=(
        "\n\nFinally, after the response is written, include a numbered list of sentences from "
        "the response that are potentially hallucinated and not based in the documents."
    ),
    tools_role="tools",
    reads_available_tools=False,
    documents=documents_in_one_turn,
)
"""Granite 3.1's texts and layout."""


render = renderer(RELEASE, "Granite 3.1")


class Granite31ChatPrompt(FormatModulePrompt):
    """Granite 3.1 instruct, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GRANITE_31
