"""Chat prompt templates for Hugging Face models and exact streaming text extraction.

``import chatprompt`` does not import torch; the presets, ``JinjaChatPrompt``, the lookup
functions and ``encode_prompt`` are imported on first use (``import chatprompt`` stays fast).
"""

import importlib
from typing import TYPE_CHECKING, Any

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import ChatContent, PromptTTL, RoleType

if TYPE_CHECKING:
    from chatprompt._encode import encode_prompt
    from chatprompt._jinja import JinjaChatPrompt
    from chatprompt._registry import get_chat_prompt, list_chat_prompts, register_chat_prompt
    from chatprompt._stream import ResponseStream
    from chatprompt.presets import (
        JA_INSTRUCTION_SYSTEM,
        LLAMA2_SYSTEM_PROMPT,
        ChatGLM3ChatPrompt,
        ChatMLChatPrompt,
        CodeLlamaInstructChatPrompt,
        CommandRChatPrompt,
        DBRXChatPrompt,
        DeepSeekCoderChatPrompt,
        DeepSeekLLMChatPrompt,
        DollyChatPrompt,
        Falcon11BChatPrompt,
        FalconInstructChatPrompt,
        Gemma2ChatPrompt,
        GemmaChatPrompt,
        InternLM2ChatPrompt,
        LineChatPrompt,
        Llama2ChatPrompt,
        Llama2OfficialChatPrompt,
        Llama3ChatPrompt,
        Llama3OriginalChatPrompt,
        Llama31ChatPrompt,
        Llama32ChatPrompt,
        MatsuoLabChatPrompt,
        MistralNemoChatPrompt,
        MistralV01ChatPrompt,
        MistralV01LegacyChatPrompt,
        MistralV02LegacyChatPrompt,
        MistralV03ChatPrompt,
        MPTChatPrompt,
        NousHermes2ChatPrompt,
        OpenCalmChatPrompt,
        OpenChat35ChatPrompt,
        OpenLlamaChatPrompt,
        Phi3MediumChatPrompt,
        Phi3MiniChatPrompt,
        Phi3OriginalChatPrompt,
        Phi3SmallChatPrompt,
        Phi35MiniChatPrompt,
        Qwen2ChatPrompt,
        Qwen25ChatPrompt,
        RedPajamaChatPrompt,
        RinnaChatPrompt,
        SolarChatPrompt,
        StabilityAIJapaneseChatPrompt,
        StockmarkChatPrompt,
        SwallowInstructChatPrompt,
        TemplateChatPrompt,
        TinyLlamaChatPrompt,
        ZephyrChatPrompt,
    )

__all__ = [
    "JA_INSTRUCTION_SYSTEM",
    "LLAMA2_SYSTEM_PROMPT",
    "AbstractChatPrompt",
    "ChatContent",
    "ChatGLM3ChatPrompt",
    "ChatMLChatPrompt",
    "CodeLlamaInstructChatPrompt",
    "CommandRChatPrompt",
    "DBRXChatPrompt",
    "DeepSeekCoderChatPrompt",
    "DeepSeekLLMChatPrompt",
    "DollyChatPrompt",
    "Falcon11BChatPrompt",
    "FalconInstructChatPrompt",
    "Gemma2ChatPrompt",
    "GemmaChatPrompt",
    "InternLM2ChatPrompt",
    "JinjaChatPrompt",
    "LineChatPrompt",
    "Llama2ChatPrompt",
    "Llama2OfficialChatPrompt",
    "Llama3ChatPrompt",
    "Llama3OriginalChatPrompt",
    "Llama31ChatPrompt",
    "Llama32ChatPrompt",
    "MPTChatPrompt",
    "MatsuoLabChatPrompt",
    "MistralNemoChatPrompt",
    "MistralV01ChatPrompt",
    "MistralV01LegacyChatPrompt",
    "MistralV02LegacyChatPrompt",
    "MistralV03ChatPrompt",
    "NousHermes2ChatPrompt",
    "OpenCalmChatPrompt",
    "OpenChat35ChatPrompt",
    "OpenLlamaChatPrompt",
    "Phi3MediumChatPrompt",
    "Phi3MiniChatPrompt",
    "Phi3OriginalChatPrompt",
    "Phi3SmallChatPrompt",
    "Phi35MiniChatPrompt",
    "PromptTTL",
    "Qwen2ChatPrompt",
    "Qwen25ChatPrompt",
    "RedPajamaChatPrompt",
    "ResponseStream",
    "RinnaChatPrompt",
    "RoleType",
    "SolarChatPrompt",
    "StabilityAIJapaneseChatPrompt",
    "StockmarkChatPrompt",
    "SwallowInstructChatPrompt",
    "TemplateChatPrompt",
    "TinyLlamaChatPrompt",
    "ZephyrChatPrompt",
    "encode_prompt",
    "get_chat_prompt",
    "list_chat_prompts",
    "register_chat_prompt",
]

# Names imported on first use, and the module that defines each; every other name of
# ``__all__`` not defined above comes from ``chatprompt.presets``.
_LAZY: dict[str, str] = {
    "JinjaChatPrompt": "chatprompt._jinja",
    "ResponseStream": "chatprompt._stream",
    "encode_prompt": "chatprompt._encode",
    "get_chat_prompt": "chatprompt._registry",
    "list_chat_prompts": "chatprompt._registry",
    "register_chat_prompt": "chatprompt._registry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name, "chatprompt.presets" if name in __all__ else None)
    if module is None:
        raise AttributeError(f"module 'chatprompt' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
