"""A mock that answers any input with dummy text: no recording, no weights, no files."""

from __future__ import annotations

import enum
import itertools
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from tokenizers import Tokenizer, decoders, models, pre_tokenizers
from transformers import GenerationConfig, PretrainedConfig, PreTrainedTokenizerFast

from token_trace import FinishReason, TokenTrace
from transformer_mock._matcher import Cursor, EpisodeIndex
from transformer_mock._mock_model import MockModel
from transformer_mock._sampler import TokenSampler

__all__ = ["GeneratorMock", "GeneratorMode", "byte_level_tokenizer", "last_user_message"]

LONG_TEXT = (
    "This is a dummy answer from GeneratorMock. It is long enough to exercise streaming, "
    "stop strings and multi-byte characters: 浅草寺は東京都台東区浅草にある寺院です。"
    "雷門をくぐると仲見世通りが続きます🏮. The quick brown fox jumps over the lazy dog; "
    "then it comes back, takes a rest, and the answer ends here."
)

_USER_TURN_PATTERNS = (
    re.compile(r"\[INST\](?:\s*<<SYS>>.*?<</SYS>>)?\s*(.*?)\s*\[/INST\]", re.DOTALL),
    re.compile(r"<\|im_start\|>user\n(.*?)<\|im_end\|>", re.DOTALL),
    re.compile(r"<\|start_header_id\|>user<\|end_header_id\|>\n\n(.*?)<\|eot_id\|>", re.DOTALL),
    re.compile(r"<start_of_turn>user\n(.*?)<end_of_turn>", re.DOTALL),
    re.compile(r"(?:^|\n)(?:USER|User|user|ユーザー|Human|### Human)\s*[:：]\s*(.*?)(?=\n|$)"),
)


class GeneratorMode(str, enum.Enum):
    """What :class:`GeneratorMock` answers."""

    LONG = "long"
    """A fixed long text (English and Japanese)."""
    ROUND = "round"
    """The given texts, one after another, round-robin."""
    ECHO = "echo"
    """The last user message of the prompt."""

    @classmethod
    def parse(cls, value: str | GeneratorMode) -> GeneratorMode:
        """The member named by ``value``; a ValueError lists the valid values."""
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(repr(m.value) for m in cls)
            raise ValueError(f"unknown mode {value!r}; valid: {valid}") from None


def last_user_message(prompt: str) -> str:
    """The last user turn of a rendered chat prompt (Llama 2, ChatML, Llama 3, Gemma, ...).

    Falls back to the prompt's last non-empty line.
    """
    for pattern in _USER_TURN_PATTERNS:
        matches = pattern.findall(prompt)
        if matches:
            return str(matches[-1]).strip()
    lines = [line.strip() for line in prompt.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def byte_level_tokenizer() -> PreTrainedTokenizerFast:
    """A small byte-level tokenizer (256 bytes + ``<unk>``, ``<s>``, ``</s>``), built in memory."""
    byte_chars = _bytes_to_unicode()
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for byte in range(256):
        vocab[byte_chars[byte]] = 3 + byte
    backend = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    backend.decoder = decoders.ByteLevel()
    tokenizer = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=backend,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<unk>",
        clean_up_tokenization_spaces=False,
    )
    tokenizer.name_or_path = "transformer_mock/byte-level"
    return tokenizer


def _bytes_to_unicode() -> dict[int, str]:
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    mapping = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(256):
        if byte not in mapping:
            mapping[byte] = chr(256 + extra)
            extra += 1
    return mapping


class _GeneratorSource:
    def __init__(self, tokenizer: Any, mode: GeneratorMode, texts: Sequence[str]) -> None:
        self.label = f"GeneratorMock(mode={mode.value!r})"
        self.tokenizer = tokenizer
        self.mode = mode
        self.texts = list(texts)
        self._round = itertools.cycle(self.texts) if self.texts else None
        self.index = EpisodeIndex()
        self._lock = threading.Lock()
        eos = tokenizer.eos_token_id
        self.eos_token_id = int(eos) if eos is not None else None

    def answer(self, prompt_ids: Sequence[int]) -> str:
        if self.mode is GeneratorMode.ECHO:
            return last_user_message(self.tokenizer.decode(list(prompt_ids)))
        if self.mode is GeneratorMode.ROUND and self._round is not None:
            return next(self._round)
        return LONG_TEXT

    def cursor_for(
        self, tokens: Sequence[int], prefer: Callable[[TokenTrace], bool] | None = None
    ) -> Cursor:
        with self._lock:
            cursor = self.index.find(tokens)
            if cursor is not None:
                return cursor
            ids = list(self.tokenizer.encode(self.answer(tokens), add_special_tokens=False))
            if self.eos_token_id is not None:
                ids.append(self.eos_token_id)
            trace = TokenTrace(tokens, ids or [0], FinishReason.EOS)
            return Cursor(self.index.add(trace), trace, 0)

    def describe_token(self, token_id: int) -> str:
        return str(self.tokenizer.convert_ids_to_tokens(token_id))


class GeneratorMock:
    """A model, tokenizer and sampler that answer any input with dummy text.

    Args:
        tokenizer: The tokenizer to speak; a built-in byte-level one when None.
        mode: ``"long"`` (a fixed long text), ``"round"`` (``texts`` round-robin) or
            ``"echo"`` (the last user message of the prompt).
        texts: The answers for ``"round"``.
        wait_sec: Seconds to sleep per generated token.
    """

    def __init__(
        self,
        tokenizer: Any = None,
        mode: str | GeneratorMode = "long",
        texts: Sequence[str] | None = None,
        wait_sec: float = 0,
    ) -> None:
        self.mode = GeneratorMode.parse(mode)
        if self.mode is GeneratorMode.ROUND and not texts:
            raise ValueError("mode 'round' needs texts=[...] to answer with")
        self.tokenizer = tokenizer if tokenizer is not None else byte_level_tokenizer()
        source = _GeneratorSource(self.tokenizer, self.mode, texts or [])
        special: dict[str, Any] = {
            name: getattr(self.tokenizer, name, None)
            for name in ("bos_token_id", "eos_token_id", "pad_token_id")
        }
        config = PretrainedConfig(**{"vocab_size": len(self.tokenizer), **special})
        self.model = MockModel(config, source, wait_sec=wait_sec)
        self.model.generation_config = GenerationConfig(**special)  # type: ignore[no-untyped-call]
        self.model.eval()  # type: ignore[no-untyped-call]

    def get_model(self) -> MockModel:
        """The mock model (a ``PreTrainedModel`` with ``generate``)."""
        return self.model

    def get_tokenizer(self) -> Any:
        """The tokenizer (the one given, or the built-in byte-level one)."""
        return self.tokenizer

    def get_token_sampler(self) -> TokenSampler:
        """A ChatStream-style sampler."""
        return TokenSampler()
