"""RedPajama-INCITE chat (``<human>:`` / ``<bot>:``)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt.presets._lines import LinePromptBase

__all__ = ["RedPajamaChatPrompt"]


class RedPajamaChatPrompt(LinePromptBase):
    """RedPajama-INCITE chat (``togethercomputer/RedPajama-INCITE-7B-Chat``,
    ``-Chat-3B-v1``), as in the model card: ``<human>: {text}\\n``, ``<bot>: {text}\\n``, the
    pending answer ``<bot>:``. Stops at ``<human>:`` and ``<|endoftext|>``."""

    names: ClassVar[tuple[str, ...]] = ("redpajama", "redpajama-incite")
    model_ids: ClassVar[tuple[str, ...]] = (
        "togethercomputer/RedPajama-INCITE-7B-Chat",
        "togethercomputer/RedPajama-INCITE-Chat-3B-v1",
    )
    stop_strs: ClassVar[tuple[str, ...]] = ("<human>:", "<|endoftext|>")
    requester_name: ClassVar[str] = "<human>"
    responder_name: ClassVar[str] = "<bot>"
