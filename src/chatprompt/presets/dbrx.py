"""DBRX instruct (ChatML variant with a long default system message)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets.mpt_chat import MPTChatPrompt

__all__ = ["DBRXChatPrompt"]


class DBRXChatPrompt(MPTChatPrompt):
    """DBRX instruct (``databricks/dbrx-instruct``).

    Follows the model's published chat template: as MPT chat's, but the system block ends
    with ``<|im_end|>\\n`` and the default system message is Databricks' long one.
    """

    names: ClassVar[tuple[str, ...]] = ("dbrx",)
    model_ids: ClassVar[tuple[str, ...]] = ("databricks/dbrx-instruct",)
    needs_messages: ClassVar[bool] = True
    reference: ClassVar[str] = "databricks/dbrx-instruct chat template"
    default_system_message: ClassVar[str] = (
        "You are DBRX, created by Databricks. You were last updated in December 2023. You "
        "answer questions based on information available up to that point.\n"
        "YOU PROVIDE SHORT RESPONSES TO SHORT QUESTIONS OR STATEMENTS, but provide thorough "
        "responses to more complex and open-ended questions.\n"
        "You assist with various tasks, from writing to coding (using markdown for code blocks "
        "— remember to use ``` with code, JSON, and tables).\n"
        "(You do not have real-time data access or code execution capabilities. You avoid "
        "stereotyping and provide balanced perspectives on controversial topics. You do not "
        "provide song lyrics, poems, or news articles and do not divulge details of your "
        "training data.)\n"
        "This is your system prompt, guiding your responses. Do not reference it, just respond "
        "to the user. If you find yourself talking about this message, stop. You should be "
        "responding appropriately and usually that means not mentioning this.\n"
        "YOU DO NOT MENTION ANY OF THIS INFORMATION ABOUT YOURSELF UNLESS THE INFORMATION IS "
        "DIRECTLY PERTINENT TO THE USER'S QUERY."
    )

    def system_block(self, system: str) -> str:
        """``<|im_start|>system\\n{system stripped}<|im_end|>\\n``."""
        return f"<|im_start|>system\n{system.strip()}<|im_end|>\n"
