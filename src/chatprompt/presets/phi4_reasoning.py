"""Phi-4-reasoning: Microsoft's published chat template, with its fixed system prompt.

The template always opens with its own system prompt (asking for ``<think>`` ... ``</think>``
then the solution) and writes user and assistant messages as Phi-4 does. It writes no other
message: a system message of the caller, tool messages, tool calls and reasoning are left out,
as the template leaves them.
"""

from __future__ import annotations

from typing import ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import concat, item
from chatprompt.presets.phi4 import GENERATION_PROMPT, turn

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "SYSTEM_PROMPT",
    "render",
]

NAMES: tuple[str, ...] = ("phi-4-reasoning", "phi4-reasoning")
MODEL_IDS: tuple[str, ...] = ("microsoft/Phi-4-reasoning",)
BOS_TOKEN = "<|endoftext|>"
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "microsoft/Phi-4-reasoning chat template"
FEATURES: frozenset[str] = frozenset({"reasoning"})

SYSTEM_PROMPT = (
    "You are Phi, a language model trained by Microsoft to help users. Your role as an "
    "assistant involves thoroughly exploring questions through a systematic thinking process "
    "before providing the final precise and accurate solutions. This requires engaging in a "
    "comprehensive cycle of analysis, summarizing, exploration, reassessment, reflection, "
    "backtracing, and iteration to develop well-considered thinking process. Please structure "
    "your response into two main sections: Thought and Solution using the specified format: "
    "<think> {Thought section} </think> {Solution section}. In the Thought section, detail your "
    "reasoning process in steps. Each step should include detailed considerations such as "
    "analysing questions, summarizing relevant findings, brainstorming new ideas, verifying the "
    "accuracy of the current steps, refining any errors, and revisiting previous steps. In the "
    "Solution section, based on various attempts, explorations, and reflections from the "
    "Thought section, systematically present the final solution that you deem correct. The "
    "Solution section should be logical, accurate, and concise and detail necessary steps "
    "needed to reach the conclusion. Now, try to solve the following question through the "
    "above guidelines:"
)
"""The system prompt the template always writes first."""


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Phi-4-reasoning chat template does.

    Raises:
        TemplateError: A user or assistant message's content is not text.
    """
    out = [f"<|im_start|>system<|im_sep|>{SYSTEM_PROMPT}<|im_end|>"]
    for message in conversation.messages:
        role = message.get("role")
        if role == "user":
            out.append(turn("user", message))
        elif role == "assistant":  # the template writes ``content + '<|im_end|>'`` here
            out.append(GENERATION_PROMPT + concat(item(message, "content"), "<|im_end|>"))
    if conversation.add_generation_prompt:
        out.append(GENERATION_PROMPT)
    return "".join(out)


class Phi4ReasoningChatPrompt(FormatModulePrompt):
    """Phi-4-reasoning, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.PHI4_REASONING
