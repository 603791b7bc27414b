"""Llama 2 chat, exactly as ChatStream renders it (the seed preset)."""

from __future__ import annotations

from typing import ClassVar

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import ChatContent, RoleType, check_text
from chatprompt._echo import can_decode

__all__ = ["LLAMA2_SYSTEM_PROMPT", "Llama2ChatPrompt"]

LLAMA2_SYSTEM_PROMPT = (
    "You are a helpful, respectful and honest assistant. Always answer as helpfully as possible, "
    "while being safe. Your answers should not include any harmful, unethical, racist, sexist, "
    "toxic, dangerous, or illegal content. Please ensure that your responses are socially "
    "unbiased and positive in nature.\n"
    "If a question does not make any sense, or is not factually coherent, explain why instead "
    "of answering something not correct. If you don't know the answer to a question, please "
    "don't share false information."
)
"""Meta's default Llama 2 chat system prompt."""

_SYSTEM_HEAD = "<s>[INST] <<SYS>>\n"
_SYSTEM_TAIL = "\n<</SYS>>\n\n"


class Llama2ChatPrompt(AbstractChatPrompt):
    """Llama 2 chat (``meta-llama/Llama-2-*-chat-hf``) as ChatStream 0.3.0 renders it.

    Layout: ``"<s>[INST] <<SYS>>\\n{system}\\n<</SYS>>\\n\\n"``, then each user message as
    ``"{msg} [/INST] "`` and each answer as ``"{msg} </s><s>[INST] "``; empty messages are
    skipped. The ``<s>`` is in the text, so encode it with ``add_special_tokens=False``.
    Meta's own layout (content stripped, no trailing space) is ``Llama2OfficialChatPrompt``.

    Args:
        system_prompt: The text inside the ``<<SYS>>`` block; Meta's default prompt if omitted.
    """

    names: ClassVar[tuple[str, ...]] = ("llama-2", "llama2", "llama-2-chatstream")
    # No model ids: a model id means the model's published format, Llama2OfficialChatPrompt.
    reference: ClassVar[str] = "ChatStream 0.3.0 ChatPromptMetaLlamaLlama2Chat (the seed)"
    requester_first: ClassVar[bool] = True
    # For encode_prompt only (rendering is unchanged): encode each exchange between <s> and
    # </s> as its own sequence, as Meta's reference code does.
    separate_exchanges: ClassVar[bool] = True

    def __init__(self, system_prompt: str = LLAMA2_SYSTEM_PROMPT) -> None:
        check_text(system_prompt, "system_prompt")
        self._system_prompt = system_prompt
        super().__init__()

    def default_system(self) -> str:
        """The ``<<SYS>>`` wrapper around the constructor's ``system_prompt``."""
        return self.system_from_message(self._system_prompt)

    def system_from_message(self, content: str) -> str:
        """Wrap a system message's text in ``<s>[INST] <<SYS>>`` ... ``<</SYS>>``."""
        return f"{_SYSTEM_HEAD}{content}{_SYSTEM_TAIL}"

    def system_to_message(self, system: str) -> str | None:
        """The text inside the wrapper (a system text set by hand, empty included, is returned
        as it is, so that rendering the history keeps it)."""
        if system.startswith(_SYSTEM_HEAD) and system.endswith(_SYSTEM_TAIL):
            return system[len(_SYSTEM_HEAD) : len(system) - len(_SYSTEM_TAIL)]
        return super().system_to_message(system)

    def format_message(self, content: ChatContent) -> str:
        """``"{msg} [/INST] "`` for a request, ``"{msg} </s><s>[INST] "`` for an answer."""
        if not content.msg:
            return ""
        if self._role_type(content) is RoleType.RESPONDER:
            return f"{content.msg} </s><s>[INST] "
        return f"{content.msg} [/INST] "

    def get_custom_skip_echo_len(self, skip_echo_len: int) -> int:
        """The echo correction, derived from the tokenizer's behaviour rather than fixed.

        ChatStream added the turn count from the second turn on, to make up for a tokenizer
        that decodes ``</s><s>[INST]`` as ``  [INST]`` (Llama's ``legacy=True``: one extra
        character per turn). :meth:`get_skip_len` now measures the decoded prompt, which
        already holds that shift on a legacy tokenizer and none on the default one, so a real
        tokenizer needs nothing added here; a constant would cut real characters from the
        answer on the default tokenizer. Without a tokenizer that can encode and decode (a
        stub, or none set), ChatStream's correction is kept.
        """
        if can_decode(self.get_tokenizer()):
            return skip_echo_len
        turn = self.get_turn()
        return skip_echo_len + turn if turn >= 2 else skip_echo_len
