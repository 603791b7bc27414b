"""Qwen3.5: ChatML with image/video placeholders, XML-style tool calls and ``<think>`` blocks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import (
    Undefined,
    attr,
    concat,
    contains,
    iterate,
    template_error,
    text,
    tojson,
)
from chatprompt.presets._qwen import split_think, unwrap_function, var_is_false, xml_call_arguments

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

NAMES: tuple[str, ...] = ("qwen3.5", "qwen3_5")
MODEL_IDS: tuple[str, ...] = ("Qwen/Qwen3.5-4B",)
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>", "<|endoftext|>")
REFERENCE = "Qwen/Qwen3.5-4B chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_calls", "tool_results", "reasoning", "enable_thinking", "parts", "images"}
)

_TOOLS_INTRO = "# Tools\n\nYou have access to the following functions:\n\n<tools>"
_CALL_FORMAT = (
    "\n</tools>\n\nIf you choose to call a function ONLY reply in the following format with NO "
    "suffix:\n\n<tool_call>\n<function=example_function_name>\n<parameter=example_parameter_1>\n"
    "value_1\n</parameter>\n<parameter=example_parameter_2>\nThis is the value for the second "
    "parameter\nthat can span\nmultiple lines\n</parameter>\n</function>\n</tool_call>\n\n"
    "<IMPORTANT>\nReminder:\n- Function calls MUST follow the specified format: an inner "
    "<function=...></function> block must be nested within <tool_call></tool_call> XML tags\n"
    "- Required parameters MUST be specified\n- You may provide optional reasoning for your "
    "function call in natural language BEFORE the function call, but NOT after\n- If there is no "
    "function call available, answer the question like normal with your current knowledge and "
    "do not tell the user about function calls\n</IMPORTANT>"
)
_IMAGE = "<|vision_start|><|image_pad|><|vision_end|>"
_VIDEO = "<|vision_start|><|video_pad|><|vision_end|>"


@attrs.define
class _Media:
    """Images and videos numbered so far (``add_vision_id`` writes ``Picture 1: ``...)."""

    numbered: bool
    counting: bool
    images: int = 0
    videos: int = 0


def _part(part: Any, media: _Media, system: bool) -> str:
    if contains("image", part) or contains("image_url", part) or attr(part, "type") == "image":
        if system:
            raise template_error("System message cannot contain images.")
        media.images += media.counting
        return (f"Picture {media.images}: " if media.numbered else "") + _IMAGE
    if contains("video", part) or attr(part, "type") == "video":
        if system:
            raise template_error("System message cannot contain videos.")
        media.videos += media.counting
        return (f"Video {media.videos}: " if media.numbered else "") + _VIDEO
    if contains("text", part):
        return text(attr(part, "text"))
    raise template_error("Unexpected item type in content.")


def _content(content: Any, media: _Media, *, system: bool = False) -> str:
    """A message's content as text (parts joined, media as placeholders), stripped.

    ``media`` numbers images and videos for ``add_vision_id``; the template's first passes (the
    system message, the search for the last query) do not count, as in the template.
    """
    if isinstance(content, str):
        return content.strip()
    if isinstance(content, (list, tuple)):
        return "".join(_part(part, media, system) for part in content).strip()
    if content is None or isinstance(content, Undefined):
        return ""
    raise template_error("Unexpected content type.")


def _last_query_index(messages: tuple[dict[str, Any], ...], uncounted: _Media) -> int:
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if attr(message, "role") == "user":
            content = _content(attr(message, "content"), uncounted)
            if not (content.startswith("<tool_response>") and content.endswith("</tool_response>")):
                return index
    raise template_error("No user query found in messages.")


def _tool_calls(message: Any, content: str) -> str:
    tool_calls = attr(message, "tool_calls")
    if not tool_calls or isinstance(tool_calls, Mapping):
        return ""
    out = ""
    for index, tool_call in enumerate(iterate(tool_calls)):
        tool_call = unwrap_function(tool_call)
        lead = ("\n\n" if content.strip() else "") if index == 0 else "\n"
        out += text(concat(lead + "<tool_call>\n<function=", attr(tool_call, "name"), ">\n"))
        out += xml_call_arguments(tool_call) + "</function>\n</tool_call>"
    return out


def _assistant(message: Any, content: Any, after_query: bool) -> str:
    reasoning: Any = ""
    given = attr(message, "reasoning_content")
    if isinstance(given, str):
        reasoning = given
    elif "</think>" in content:
        content, reasoning = split_think(content)
    stripped: str = text(reasoning).strip()
    if after_query:
        out = "<|im_start|>assistant\n<think>\n" + stripped + "\n</think>\n\n" + str(content)
    else:
        out = "<|im_start|>assistant\n" + str(content)
    return out + _tool_calls(message, content) + "<|im_end|>\n"


def render(conversation: Conversation) -> str:
    """Render as Qwen3.5's published template does.

    Content may be text or a list of parts (text, image, video; images and videos become
    vision placeholders, numbered with ``add_vision_id``); every content is stripped. Tool calls
    are XML (``<function=name>`` with ``<parameter=...>``); reasoning is written for the turns
    after the last user query, and the generation prompt opens ``<think>`` unless
    ``enable_thinking=False``. Raises where the template does: no messages, no user query, a
    system message not first or holding media, an unknown role or content item.
    """
    messages = conversation.messages
    if not messages:
        raise template_error("No messages provided.")
    uncounted = _Media(numbered=bool(conversation.var("add_vision_id")), counting=False)
    first = messages[0]
    out = ""
    if conversation.tools:
        out += "<|im_start|>system\n" + _TOOLS_INTRO
        out += "".join("\n" + tojson(tool) for tool in conversation.tools) + _CALL_FORMAT
        if attr(first, "role") == "system":
            system = _content(attr(first, "content"), uncounted, system=True)
            if system:
                out += "\n\n" + system
        out += "<|im_end|>\n"
    elif attr(first, "role") == "system":
        system = _content(attr(first, "content"), uncounted, system=True)
        out += "<|im_start|>system\n" + system + "<|im_end|>\n"
    query_index = _last_query_index(messages, uncounted)
    media = _Media(numbered=uncounted.numbered, counting=True)
    last = len(messages) - 1
    for index, message in enumerate(messages):
        content = _content(attr(message, "content"), media)
        role = attr(message, "role")
        if role == "system":
            if index:
                raise template_error(
                    "System message must be at the beginning.", index=index, message=message
                )
        elif role == "user":
            out += "<|im_start|>user\n" + content + "<|im_end|>\n"
        elif role == "assistant":
            out += _assistant(message, content, index > query_index)
        elif role == "tool":
            if index and messages[index - 1] and attr(messages[index - 1], "role") != "tool":
                out += "<|im_start|>user"
            out += "\n<tool_response>\n" + content + "\n</tool_response>"
            if index == last or attr(messages[index + 1], "role") != "tool":
                out += "<|im_end|>\n"
        else:
            raise template_error("Unexpected message role.", index=index, message=message)
    if conversation.add_generation_prompt:
        out += "<|im_start|>assistant\n"
        out += (
            "<think>\n\n</think>\n\n"
            if var_is_false(conversation, "enable_thinking")
            else "<think>\n"
        )
    return out


class Qwen35ChatPrompt(FormatModulePrompt):
    """Qwen3.5, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.QWEN3_CODER
