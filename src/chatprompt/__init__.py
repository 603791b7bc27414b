"""Chat prompt templates for Hugging Face models and exact streaming text extraction.

``import chatprompt`` does not import torch.
"""

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import ChatContent, PromptTTL, RoleType
from chatprompt._stream import ResponseStream
from chatprompt.presets.llama2 import LLAMA2_SYSTEM_PROMPT, Llama2ChatPrompt

__all__ = [
    "LLAMA2_SYSTEM_PROMPT",
    "AbstractChatPrompt",
    "ChatContent",
    "Llama2ChatPrompt",
    "PromptTTL",
    "ResponseStream",
    "RoleType",
]
