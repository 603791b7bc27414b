"""Qwen 2.5 instruct: Qwen's published ChatML template with Hermes-style tools.

The system turn always comes first (Qwen's default identity when the conversation has no
system message); offered tools are listed in it as JSON lines inside ``<tools>``; an
assistant's tool calls follow its content as ``<tool_call>`` JSON blocks (arguments always
written as JSON, so a string of JSON is quoted); consecutive ``tool`` results share one user
turn as ``<tool_response>`` blocks. Other roles are dropped, as the template drops them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_base import FormatPromptBase
from chatprompt.presets._jinja_values import attr, concat, item, iterate, text
from chatprompt.presets._qwen import qwen_tool_call, qwen_tools_list, tool_response_turn

__all__ = [
    "BOS_TOKEN",
    "DEFAULT_SYSTEM",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "Qwen25ChatPrompt",
    "render",
]

NAMES: tuple[str, ...] = ("qwen2.5",)
MODEL_IDS: tuple[str, ...] = tuple(
    f"Qwen/Qwen2.5-{size}-Instruct" for size in ("0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B")
) + tuple(f"Qwen/Qwen2.5-Coder-{size}-Instruct" for size in ("1.5B", "7B", "32B"))
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "Qwen/Qwen2.5-7B-Instruct chat template"
FEATURES: frozenset[str] = frozenset({"tools", "tool_calls", "tool_results"})
DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
"""The system text the template writes when the conversation has no system message."""


def _system_turn(conversation: Conversation) -> str:
    first = item(conversation.messages, 0)
    is_system = attr(first, "role") == "system"
    if conversation.tools:
        system = text(attr(first, "content")) if is_system else DEFAULT_SYSTEM
        return "<|im_start|>system\n" + system + "\n\n" + qwen_tools_list(conversation.tools)
    if is_system:
        return text(concat("<|im_start|>system\n", attr(first, "content"), "<|im_end|>\n"))
    return "<|im_start|>system\n" + DEFAULT_SYSTEM + "<|im_end|>\n"


def _tool_call_turn(message: Any) -> str:
    out = "<|im_start|>assistant"
    content = attr(message, "content")
    if content:
        out += text(concat("\n", content))
    for tool_call in iterate(attr(message, "tool_calls")):
        out += "\n" + qwen_tool_call(tool_call, unwrap_if_defined=True, json_always=True)
    return out + "<|im_end|>\n"


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as the Qwen 2.5 chat template does.

    Raises:
        TemplateError: Where the template fails on the conversation (no messages, content
            that is not text where the template adds it to text, a tool call without
            arguments, ...).
    """
    out = [_system_turn(conversation)]
    messages = conversation.messages
    for index, message in enumerate(messages):
        role = attr(message, "role")
        if (
            role == "user"
            or (role == "system" and index)
            or (role == "assistant" and not attr(message, "tool_calls"))
        ):
            out.append(text(concat("<|im_start|>", role, "\n", attr(message, "content"))))
            out.append("<|im_end|>\n")
        elif role == "assistant":
            out.append(_tool_call_turn(message))
        elif role == "tool":
            out.append(tool_response_turn(messages, index, attr(message, "content")))
    if conversation.add_generation_prompt:
        out.append("<|im_start|>assistant\n")
    return "".join(out)


class Qwen25ChatPrompt(FormatPromptBase):
    """Qwen 2.5 instruct (``Qwen/Qwen2.5-*-Instruct``), byte for byte its template.

    ChatML with the system block always first (``You are Qwen, created by Alibaba Cloud. You
    are a helpful assistant.`` when no system message is given), tools in the system block,
    ``<tool_call>`` blocks in assistant turns and ``<tool_response>`` blocks for ``tool``
    results.
    """

    names: ClassVar[tuple[str, ...]] = NAMES
    output_format: ClassVar[OutputFormat | None] = _output_formats.HERMES
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    bos_token: ClassVar[str] = BOS_TOKEN
    eos_token: ClassVar[str] = EOS_TOKEN
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = STOP_STRS
    reference: ClassVar[str] = REFERENCE
    features: ClassVar[frozenset[str]] = FEATURES
    default_system_message: ClassVar[str | None] = DEFAULT_SYSTEM

    def render_conversation(self, conversation: Conversation) -> str:
        return render(conversation)
