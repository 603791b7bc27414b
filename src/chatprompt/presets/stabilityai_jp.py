"""Japanese StableLM Instruct (``### 指示:`` / ``### 応答:``)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["JA_INSTRUCTION_SYSTEM", "StabilityAIJapaneseChatPrompt"]

JA_INSTRUCTION_SYSTEM = (
    "以下は、タスクを説明する指示と、文脈のある入力の組み合わせです。"
    "要求を適切に満たす応答を書きなさい。"
)
"""The Japanese Alpaca-style instruction preamble."""


class StabilityAIJapaneseChatPrompt(LinePromptBase):
    """Japanese StableLM Instruct Alpha (``stabilityai/japanese-stablelm-instruct-alpha-7b``).

    The Japanese instruction preamble and a blank line, then ``### 指示: \\n{text}\\n\\n``
    and ``### 応答: \\n{text}\\n\\n``; child messages as ``### 入力: \\n{text}\\n\\n``; the
    pending answer ``### 応答: ``. Stops at ``### 指示: ``.
    """

    names: ClassVar[tuple[str, ...]] = ("stabilityai-jp", "japanese-stablelm")
    model_ids: ClassVar[tuple[str, ...]] = (
        "stabilityai/japanese-stablelm-instruct-alpha-7b",
        "stabilityai/japanese-stablelm-instruct-alpha-7b-v2",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("### 指示: ",)
    requester_name: ClassVar[str] = "指示"
    responder_name: ClassVar[str] = "応答"
    default_system_message: ClassVar[str] = JA_INSTRUCTION_SYSTEM
    system_suffix: ClassVar[str] = "\n\n"
    message_head: ClassVar[str] = "### {role}: \n"
    message_tail: ClassVar[str] = "\n\n"
    child_head: ClassVar[str] = "### 入力: \n"
    pending_head: ClassVar[str] = "### {role}: "
