"""Finding a preset by short name or Hugging Face model id, and registering user presets."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from chatprompt import presets as p
from chatprompt._abstract import AbstractChatPrompt
from chatprompt.errors import PresetRegistrationError, UnknownChatPromptError

__all__ = ["get_chat_prompt", "list_chat_prompts", "register_chat_prompt"]

PresetClass = type[AbstractChatPrompt]

# Short names; the first is the canonical one. Model ids come from each class's ``model_ids``.
_BUILTIN: tuple[tuple[tuple[str, ...], PresetClass], ...] = (
    (("llama-2", "llama2", "llama-2-chatstream"), p.Llama2ChatPrompt),
    (("llama-2-official", "llama2-official", "llama-2-meta"), p.Llama2OfficialChatPrompt),
    (("codellama", "code-llama"), p.CodeLlamaInstructChatPrompt),
    (("swallow",), p.SwallowInstructChatPrompt),
    (("llama-3", "llama3"), p.Llama3ChatPrompt),
    (("llama-3-original",), p.Llama3OriginalChatPrompt),
    (("llama-3.1", "llama3.1"), p.Llama31ChatPrompt),
    (("llama-3.2", "llama3.2"), p.Llama32ChatPrompt),
    (("mistral", "mistral-v0.1", "mistral-instruct"), p.MistralV01ChatPrompt),
    (("mistral-v0.1-legacy",), p.MistralV01LegacyChatPrompt),
    (("mistral-v0.2", "mixtral", "mistral-v0.2-legacy"), p.MistralV02LegacyChatPrompt),
    (("mistral-v0.3",), p.MistralV03ChatPrompt),
    (("mistral-nemo",), p.MistralNemoChatPrompt),
    (("chatml", "openhermes"), p.ChatMLChatPrompt),
    (("nous-hermes-2",), p.NousHermes2ChatPrompt),
    (("internlm2",), p.InternLM2ChatPrompt),
    (("qwen2", "qwen", "qwen1.5"), p.Qwen2ChatPrompt),
    (("qwen2.5",), p.Qwen25ChatPrompt),
    (("mpt-chat", "mpt"), p.MPTChatPrompt),
    (("dbrx",), p.DBRXChatPrompt),
    (("gemma",), p.GemmaChatPrompt),
    (("gemma-2", "gemma2"), p.Gemma2ChatPrompt),
    (("phi-3", "phi-3-mini", "phi3"), p.Phi3MiniChatPrompt),
    (("phi-3-original",), p.Phi3OriginalChatPrompt),
    (("phi-3-medium",), p.Phi3MediumChatPrompt),
    (("phi-3-small",), p.Phi3SmallChatPrompt),
    (("phi-3.5", "phi-3.5-mini"), p.Phi35MiniChatPrompt),
    (("zephyr",), p.ZephyrChatPrompt),
    (("tinyllama",), p.TinyLlamaChatPrompt),
    (("falcon", "falcon-instruct"), p.FalconInstructChatPrompt),
    (("falcon-11b",), p.Falcon11BChatPrompt),
    (("deepseek", "deepseek-llm"), p.DeepSeekLLMChatPrompt),
    (("deepseek-coder",), p.DeepSeekCoderChatPrompt),
    (("openchat", "openchat-3.5"), p.OpenChat35ChatPrompt),
    (("solar",), p.SolarChatPrompt),
    (("command-r",), p.CommandRChatPrompt),
    (("chatglm3",), p.ChatGLM3ChatPrompt),
    (("rinna",), p.RinnaChatPrompt),
    (("line",), p.LineChatPrompt),
    (("matsuo-lab", "weblab"), p.MatsuoLabChatPrompt),
    (("stabilityai-jp", "japanese-stablelm"), p.StabilityAIJapaneseChatPrompt),
    (("open-calm", "opencalm"), p.OpenCalmChatPrompt),
    (("stockmark",), p.StockmarkChatPrompt),
    (("dolly",), p.DollyChatPrompt),
    (("redpajama", "redpajama-incite"), p.RedPajamaChatPrompt),
    (("open-llama", "openllama"), p.OpenLlamaChatPrompt),
)

_names: dict[str, PresetClass] = {}
_model_ids: dict[str, PresetClass] = {}


def _key(name: str) -> str:
    return name.strip().lower()


def _add(names: Iterable[str], cls: PresetClass, model_ids: Iterable[str], replace: bool) -> None:
    names, model_ids = [_key(n) for n in names], [_key(m) for m in model_ids]
    if not replace:
        taken = [n for n in names if n in _names] + [m for m in model_ids if m in _model_ids]
        if taken:
            owners = {t: (_names.get(t) or _model_ids[t]).__name__ for t in taken}
            raise PresetRegistrationError(
                f"already registered: {owners!r}; pass replace=True to replace them"
            )
    _names.update(dict.fromkeys(names, cls))
    _model_ids.update(dict.fromkeys(model_ids, cls))


for _aliases, _cls in _BUILTIN:
    _add(_aliases, _cls, getattr(_cls, "model_ids", ()), replace=False)


def register_chat_prompt(
    name: str,
    cls: PresetClass,
    model_ids: Iterable[str] | None = None,
    *,
    replace: bool = False,
) -> None:
    """Make ``get_chat_prompt(name)`` (and each model id) return ``cls(**kwargs)``.

    Args:
        name: A short name (matched case-insensitively).
        cls: An :class:`~chatprompt.AbstractChatPrompt` subclass.
        model_ids: Hugging Face model ids for it; the class's ``model_ids`` if omitted.
        replace: Replace a preset already registered under the name or a model id.

    Raises:
        PresetRegistrationError: ``cls`` is not a preset class, the name is empty, or a name
            or model id is taken and ``replace`` is false.
    """
    if not (isinstance(cls, type) and issubclass(cls, AbstractChatPrompt)):
        raise PresetRegistrationError(f"{cls!r} is not an AbstractChatPrompt subclass")
    if not isinstance(name, str) or not name.strip():
        raise PresetRegistrationError(f"a preset name must be a non-empty str, got {name!r}")
    ids = getattr(cls, "model_ids", ()) if model_ids is None else model_ids
    if isinstance(ids, str):
        raise PresetRegistrationError(f"model_ids must be a list of ids, got the str {ids!r}")
    _add([name], cls, ids, replace)


def list_chat_prompts() -> list[str]:
    """Every registered short name, sorted."""
    return sorted(_names)


def _find(name_or_model_id: str) -> PresetClass:
    if not isinstance(name_or_model_id, str):
        raise UnknownChatPromptError(
            f"a preset name or model id must be a str, got {name_or_model_id!r}"
        )
    key = _key(name_or_model_id)
    found = _names.get(key) or _model_ids.get(key)
    if found is None:
        close = difflib.get_close_matches(key, [*_names, *_model_ids], n=5, cutoff=0.5)
        hint = f"; closest: {', '.join(map(repr, close))}" if close else ""
        raise UnknownChatPromptError(
            f"no chat prompt preset is named {name_or_model_id!r}{hint} "
            f"(list_chat_prompts() lists the names)"
        )
    return found


def get_chat_prompt(name_or_model_id: str, **kwargs: Any) -> AbstractChatPrompt:
    """A new preset for a short name (``"llama-3"``, ``"chatml"``, ``"rinna"``) or a Hugging
    Face model id (``"Qwen/Qwen2.5-7B-Instruct"``), matched case-insensitively.

    Args:
        name_or_model_id: The name or model id.
        **kwargs: Passed to the preset's constructor (``date_string=...``, ``system_prompt=...``).

    Raises:
        UnknownChatPromptError: nothing is registered under it; the message lists the closest
            known names.
    """
    return _find(name_or_model_id)(**kwargs)
