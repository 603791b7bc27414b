"""IBM Granite 3.3 instruct, as its published chat template writes it.

Granite 3's layout (see :mod:`chatprompt.presets._granite`) with 3.3's texts: tools in an
``available_tools`` turn (the ``available_tools`` variable replaces ``tools``), one ``document``
turn per document headed by its ``doc_id``, ``thinking=True`` asking for ``<think></think>`` and
``<response></response>``, and ``<|start_of_cite|>`` citations.
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
    documents_as_blocks,
    renderer,
    thinking_sentence,
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

NAMES: tuple[str, ...] = ("granite-3.3",)
MODEL_IDS: tuple[str, ...] = (
    "ibm-granite/granite-3.3-2b-instruct",
    "ibm-granite/granite-3.3-8b-instruct",
)
REFERENCE = "ibm-granite/granite-3.3-2b-instruct chat template"
FEATURES = frozenset({"tools", "documents", "date", "controls", "thinking"})

RELEASE = Granite3(
    header=(
        "Knowledge Cutoff Date: April 2024. Today's Date: {date}. "
        "You are Granite, developed by IBM."
    ),
    tools_sentence=(
        " You are a helpful assistant with access to the following tools. When a tool is "
        "required to answer the user's query, respond only with <|tool_call|> followed by a JSON "
        "list of tools used. If a tool does not exist in the provided list of tools, notify the "
        "user that you do not have the ability to fulfill the request."
    ),
    between_tools_and_documents=" ",
    thinking_sentence=thinking_sentence(
        "Write your thoughts between <think></think> and write your response between "
        "<response></response> for each user query."
    ),
    citations=(
        "\nUse the symbols <|start_of_cite|> and <|end_of_cite|> to indicate when a fact comes "
        "from a document in the search result, e.g <|start_of_cite|> {document_id: 1}my fact "
        "<|end_of_cite|> for a fact from document 1. Afterwards, list all the citations with "
        "their corresponding documents in an ordered list."
    ),
    hallucinations=(
        "\nFinally, after the response is written, include a numbered list of sentences from the "
        "response with a corresponding risk value that are hallucinated and not based in the "
        "documents."
    ),
    tools_role="available_tools",
    reads_available_tools=True,
    documents=documents_as_blocks,
)
"""Granite 3.3's texts and layout."""


render = renderer(RELEASE, "Granite 3.3")


class Granite33ChatPrompt(FormatModulePrompt):
    """Granite 3.3 instruct, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GRANITE_33
