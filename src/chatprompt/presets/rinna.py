"""rinna Japanese GPT-NeoX instruction models (``ユーザー:`` / ``システム:`` with ``<NL>``)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["RinnaChatPrompt"]


class RinnaChatPrompt(LinePromptBase):
    """rinna instruction models (``rinna/japanese-gpt-neox-3.6b-instruction-sft`` and
    siblings), as in their model cards and ChatStream's preset.

    Each message is ``{role}: {text}<NL>``; the pending answer ``システム: ``. Newlines in
    messages become ``<NL>`` (input replacement) and ``<NL>`` in the output becomes a newline
    again (output replacement).
    """

    names: ClassVar[tuple[str, ...]] = ("rinna",)
    model_ids: ClassVar[tuple[str, ...]] = (
        "rinna/japanese-gpt-neox-3.6b-instruction-sft",
        "rinna/japanese-gpt-neox-3.6b-instruction-sft-v2",
        "rinna/japanese-gpt-neox-3.6b-instruction-ppo",
    )
    input_replacements: ClassVar[tuple[tuple[str, str], ...]] = (("\n", "<NL>"),)
    output_replacements: ClassVar[tuple[tuple[str, str], ...]] = (("<NL>", "\n"),)
    requester_name: ClassVar[str] = "ユーザー"
    responder_name: ClassVar[str] = "システム"
    message_tail: ClassVar[str] = "<NL>"
    pending_head: ClassVar[str] = "{role}: "
