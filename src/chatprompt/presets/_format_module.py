"""``FormatModulePrompt``: the preset class of a format module, its facts read from the module.

A current-generation format is a module (``presets/qwen3.py``) with the constants ``NAMES``,
``MODEL_IDS``, ``BOS_TOKEN``, ``EOS_TOKEN``, ``STOP_STRS``, ``REFERENCE``, ``FEATURES`` and
``render(conversation)``. Its preset is a subclass of :class:`FormatModulePrompt` defined at the
bottom of the module: the class takes those facts as its class variables and renders with the
module's ``render``; it declares only what the module does not say (``output_format``).
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

from chatprompt._conversation import Conversation
from chatprompt.presets._format_base import FormatPromptBase

__all__ = ["FormatModulePrompt"]


class FormatModulePrompt(FormatPromptBase):
    """A preset whose facts and ``render`` are its module's constants and function."""

    format_render: ClassVar[staticmethod[[Conversation], str]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A direct subclass takes its module's facts; its own subclasses inherit them."""
        super().__init_subclass__(**kwargs)
        if FormatModulePrompt not in cls.__bases__:
            return
        module = sys.modules[cls.__module__]
        cls.names = (*vars(cls).get("names", ()), *module.NAMES)
        cls.model_ids = module.MODEL_IDS
        cls.reference = module.REFERENCE
        cls.bos_token = module.BOS_TOKEN
        cls.eos_token = module.EOS_TOKEN
        cls.stop_strs = module.STOP_STRS
        cls.features = module.FEATURES
        cls.format_render = staticmethod(module.render)

    def render_conversation(self, conversation: Conversation) -> str:
        """The text the module's ``render`` writes for ``conversation``."""
        return self.format_render(conversation)
