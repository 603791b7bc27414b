"""IBM Granite 3.2 instruct, as its published chat template writes it.

Granite 3.1's layout (see :mod:`chatprompt.presets.granite31`) plus the ``thinking`` variable:
without a system message, tools or documents, ``thinking=True`` asks for the thoughts after
``Here is my thought process:`` and the answer after ``Here is my response:``.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from chatprompt import _output_formats
from chatprompt._output_format import OutputFormat
from chatprompt.presets import granite31
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._granite import (
    BOS_TOKEN,
    EOS_TOKEN,
    STOP_STRS,
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

NAMES: tuple[str, ...] = ("granite-3.2",)
MODEL_IDS: tuple[str, ...] = (
    "ibm-granite/granite-3.2-2b-instruct",
    "ibm-granite/granite-3.2-8b-instruct",
)
REFERENCE = "ibm-granite/granite-3.2-2b-instruct chat template"
FEATURES = frozenset({"tools", "documents", "date", "controls", "thinking"})

RELEASE = attrs.evolve(
    granite31.RELEASE,
    thinking_sentence=thinking_sentence(
        "Write your thoughts after 'Here is my thought process:' and write your response after "
        "'Here is my response:' for each user query."
    ),
)
"""Granite 3.2's texts and layout."""


render = renderer(RELEASE, "Granite 3.2")


class Granite32ChatPrompt(FormatModulePrompt):
    """Granite 3.2 instruct, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.GRANITE_32
