"""Chat prompt templates for Hugging Face models and exact streaming text extraction.

``import chatprompt`` does not import torch; the presets, ``JinjaChatPrompt``, the lookup
functions and ``encode_prompt`` are imported on first use (``import chatprompt`` stays fast).
Every name of :mod:`chatprompt.presets` is exported here too, without being listed again.
"""

import importlib
from typing import TYPE_CHECKING, Any

from chatprompt._abstract import AbstractChatPrompt as AbstractChatPrompt
from chatprompt._content import ChatContent as ChatContent
from chatprompt._content import PromptTTL as PromptTTL
from chatprompt._content import RoleType as RoleType

if TYPE_CHECKING:
    from chatprompt._encode import encode_prompt as encode_prompt
    from chatprompt._jinja import JinjaChatPrompt as JinjaChatPrompt
    from chatprompt._registry import get_chat_prompt as get_chat_prompt
    from chatprompt._registry import list_chat_prompts as list_chat_prompts
    from chatprompt._registry import register_chat_prompt as register_chat_prompt
    from chatprompt._stream import ResponseStream as ResponseStream
    from chatprompt.presets import *  # noqa: F403  (every preset, as at run time)

_EAGER = ("AbstractChatPrompt", "ChatContent", "PromptTTL", "RoleType")

# Names imported on first use, and the module that defines each; any other public name comes
# from ``chatprompt.presets``.
_LAZY: dict[str, str] = {
    "JinjaChatPrompt": "chatprompt._jinja",
    "ResponseStream": "chatprompt._stream",
    "encode_prompt": "chatprompt._encode",
    "get_chat_prompt": "chatprompt._registry",
    "list_chat_prompts": "chatprompt._registry",
    "register_chat_prompt": "chatprompt._registry",
}


def _public_names() -> list[str]:
    presets = importlib.import_module("chatprompt.presets")
    return sorted({*_EAGER, *_LAZY, *presets.__all__})


def __getattr__(name: str) -> Any:
    if name == "__all__":  # asked for by ``from chatprompt import *`` and by tools
        value: Any = _public_names()
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif not name.startswith("_") and name in _public_names():
        value = getattr(importlib.import_module("chatprompt.presets"), name)
    else:
        raise AttributeError(f"module 'chatprompt' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_public_names()))
