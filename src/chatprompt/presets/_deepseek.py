"""DeepSeek's chat format (R1, its Llama distill, V3), as the published templates write it.

The three templates share one layout (``<｜User｜>``, ``<｜Assistant｜>``, tool calls as fenced
JSON between ``<｜tool▁call▁begin｜>`` and ``<｜tool▁call▁end｜>``, tool outputs between
``<｜tool▁outputs▁begin｜>`` and ``<｜tool▁outputs▁end｜>``) and differ in the places that
:class:`Layout` names. Their quirks are kept, as they are what the models were trained on: the
"first tool call" flag is never reset, so only the first tool call of a conversation opens with
``<｜Assistant｜>``; the distill and V3 templates close the calls only after a second call; tool
call arguments must be JSON text.
"""

from __future__ import annotations

from typing import Any

import attrs

from chatprompt._conversation import Conversation
from chatprompt.presets._jinja_values import (
    concat,
    contains,
    item,
    iterate,
    method,
    text,
)

__all__ = ["BOS_TOKEN", "EOS_TOKEN", "Layout", "render_deepseek", "token"]


def token(words: str) -> str:
    """A DeepSeek special token: ``token("tool sep")`` is ``<｜tool▁sep｜>``."""
    return "<\uff5c" + words.replace(" ", "\u2581") + "\uff5c>"


BOS_TOKEN = token("begin of sentence")
EOS_TOKEN = token("end of sentence")
_USER = token("User")
_ASSISTANT = token("Assistant")
_CALLS_BEGIN = token("tool calls begin")
_CALLS_END = token("tool calls end") + EOS_TOKEN
_CALL_BEGIN = token("tool call begin")
_OUTPUTS_BEGIN = token("tool outputs begin")
_OUTPUTS_END = token("tool outputs end")
_OUTPUT_BEGIN = token("tool output begin")
_OUTPUT_END = token("tool output end")


@attrs.frozen
class Layout:
    """Where one DeepSeek template differs from the others.

    Attributes:
        joins_system_messages: Every system message's text, joined by a blank line, comes
            first (R1, V3); otherwise the last system message's content is printed (distill).
        calls_by_key: An assistant message with a ``tool_calls`` key writes its calls after its
            content, closing them after the last one (R1); otherwise one whose content is
            ``None`` writes its calls (and one with content writes only the content).
        splits_think: An assistant message's content is cut to what follows its last
            ``</think>``.
        output_separator: Written before every tool output but the conversation's first.
        generation_prompt: The generation prompt.
    """

    joins_system_messages: bool
    calls_by_key: bool
    splits_think: bool
    output_separator: str
    generation_prompt: str


def _system_prompt(messages: tuple[dict[str, Any], ...], layout: Layout) -> str:
    system_messages = [message for message in messages if message.get("role") == "system"]
    if not layout.joins_system_messages:
        return text(item(system_messages[-1], "content")) if system_messages else ""
    prompt = ""
    for position, message in enumerate(system_messages):
        separator = "\n\n" if position else ""
        prompt = concat(prompt, separator, item(message, "content"))
    return prompt


def _call(opening: Any, call: Any) -> Any:
    """``opening + tool['type'] + ... + tool['function']['arguments'] + ...``, read and added
    left to right as the template does (so a missing field fails where it fails there)."""
    written = concat(opening, item(call, "type"), token("tool sep"))
    written = concat(written, item(item(call, "function"), "name"), "\n```json\n")
    arguments = item(item(call, "function"), "arguments")
    return concat(written, arguments, "\n```" + token("tool call end"))


def _answer(content: Any, layout: Layout) -> Any:
    if layout.splits_think and contains("</think>", content):
        return method(content, "split", "</think>")[-1]
    return content


def render_deepseek(conversation: Conversation, layout: Layout) -> str:
    """Render ``conversation`` as the DeepSeek template described by ``layout`` does.

    Raises:
        TemplateError: A content, tool call type, name or arguments is not text where the
            template joins it with ``+``, or a field the template reads is missing.
    """
    messages = conversation.messages
    out = [BOS_TOKEN, _system_prompt(messages, layout)]
    first_call = True
    in_outputs = False
    first_output = True
    for message in messages:
        role = message.get("role")
        content = item(message, "content")
        if role == "user":
            in_outputs = False
            out.append(concat(_USER, content))
        elif role == "assistant":
            writes_calls = "tool_calls" in message if layout.calls_by_key else content is None
            if writes_calls:
                in_outputs = False
                for call in iterate(item(message, "tool_calls")):
                    if not first_call:
                        out.append(_call("\n" + _CALL_BEGIN, call))
                        if not layout.calls_by_key:
                            out.append(_CALLS_END)
                        continue
                    said = [content] if layout.calls_by_key and content is not None else []
                    opening = concat(_ASSISTANT, *said, _CALLS_BEGIN + _CALL_BEGIN)
                    out.append(_call(opening, call))
                    first_call = False
                if layout.calls_by_key:
                    out.append(_CALLS_END)
            elif in_outputs:
                out.append(concat(_OUTPUTS_END, content, EOS_TOKEN))
                in_outputs = False
            else:
                out.append(concat(_ASSISTANT, _answer(content, layout), EOS_TOKEN))
        elif role == "tool":
            in_outputs = True
            before = _OUTPUTS_BEGIN if first_output else layout.output_separator
            out.append(concat(before, _OUTPUT_BEGIN, content, _OUTPUT_END))
            first_output = False
    if in_outputs:
        out.append(_OUTPUTS_END)
    elif conversation.add_generation_prompt:
        out.append(layout.generation_prompt)
    return "".join(out)
