"""Databricks Dolly v2 (``### Instruction:`` / ``### Response:``)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["DollyChatPrompt"]


class DollyChatPrompt(LinePromptBase):
    """Dolly v2 (``databricks/dolly-v2-3b``, ``-7b``, ``-12b``), its instruction format.

    The preamble and a blank line, then ``### Instruction:\\n{text}\\n\\n`` and
    ``### Response:\\n{text}\\n\\n``; the pending answer ``### Response:\\n``. Stops at
    ``### Instruction:\\n``.
    """

    names: ClassVar[tuple[str, ...]] = ("dolly",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "databricks/dolly-v2-3b",
        "databricks/dolly-v2-7b",
        "databricks/dolly-v2-12b",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("### Instruction:\n",)
    requester_name: ClassVar[str] = "Instruction"
    responder_name: ClassVar[str] = "Response"
    default_system_message: ClassVar[str] = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
    )
    system_suffix: ClassVar[str] = "\n\n"
    message_head: ClassVar[str] = "### {role}:\n"
    message_tail: ClassVar[str] = "\n\n"
    pending_head: ClassVar[str] = "### {role}:\n"
