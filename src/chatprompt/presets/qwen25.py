"""Qwen 2.5 instruct, plain chat path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chatprompt._messages import Message
from chatprompt.presets._chatml import ChatMLBase

__all__ = ["Qwen25ChatPrompt"]


class Qwen25ChatPrompt(ChatMLBase):
    """Qwen 2.5 instruct (``Qwen/Qwen2.5-*-Instruct``), without tools.

    Follows the model's published chat template: ChatML, the system block always first,
    ``You are Qwen, created by Alibaba Cloud. You are a helpful assistant.`` when no system
    message is given. Tools and tool calls are not supported.
    """

    names: ClassVar[tuple[str, ...]] = ("qwen2.5",)
    model_ids: ClassVar[tuple[str, ...]] = tuple(
        f"Qwen/Qwen2.5-{size}-Instruct"
        for size in ("0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B")
    ) + tuple(f"Qwen/Qwen2.5-Coder-{size}-Instruct" for size in ("1.5B", "7B", "32B"))
    needs_messages: ClassVar[bool] = True
    stop_strs: ClassVar[tuple[str, ...]] = ("<|im_end|>", "<|endoftext|>")
    reference: ClassVar[str] = "Qwen/Qwen2.5-7B-Instruct chat template"
    unrendered: ClassVar[frozenset[str]] = frozenset(("tools", "tool_calls"))
    default_system_message: ClassVar[str | None] = (
        "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
    )

    def render_turns(
        self, system: str | None, turns: Sequence[Message], add_generation_prompt: bool
    ) -> str:
        if system is None:
            system = self.default_system_message
        return super().render_turns(system, turns, add_generation_prompt)
