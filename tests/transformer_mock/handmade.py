"""Write a small recording by hand (no model run), so messages and edge cases are predictable."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from transformers import GenerationConfig

from local_models import tiny_llama
from token_trace import FinishReason, TokenizerCard, TokenTrace
from transformer_mock._store import EncodeCall, RecordingMeta, RecordingWriter
from transformer_mock._tokenizer_spec import backend_spec


@functools.lru_cache(maxsize=1)
def tiny_config() -> dict[str, Any]:
    """The tiny Llama's config, as a recording stores it."""
    return dict(tiny_llama().config.to_dict())


SENSO_JI = "<s>[INST] 浅草寺はどこですか？🙏 [/INST]"
KAMINARIMON = "<s>[INST] 雷門は？ [/INST]"
TWO_EPISODES = [(SENSO_JI, "東京の台東区です。"), (KAMINARIMON, "浅草寺の入り口です🏮")]
"""Two Llama 2 chat prompts and their answers, for hand-made recordings."""


def handmade_recording(
    path: Path, tokenizer: Any, conversations: Sequence[tuple[str, str]]
) -> list[TokenTrace]:
    """Record each ``(prompt, answer)`` as if a model had answered it and ended with EOS."""
    meta = RecordingMeta(
        tokenizer_card=TokenizerCard.from_tokenizer(tokenizer),
        tokenizer_backend=backend_spec(tokenizer),
        model_class="LlamaForCausalLM",
        model_config=tiny_config(),
        generation_config=GenerationConfig(
            bos_token_id=1, eos_token_id=2, pad_token_id=0
        ).to_dict(),
    )
    writer = RecordingWriter(path, meta)
    traces = []
    for prompt, answer in conversations:
        prompt_ids = tokenizer.encode(prompt, add_special_tokens=False)
        answer_ids = [*tokenizer.encode(answer, add_special_tokens=False), tokenizer.eos_token_id]
        ids = [*prompt_ids, *answer_ids]
        pieces = dict(zip(ids, tokenizer.convert_ids_to_tokens(ids), strict=True))
        trace = TokenTrace(prompt_ids, answer_ids, FinishReason.EOS, prompt_text=prompt)
        call = EncodeCall(prompt, None, {"add_special_tokens": False}, prompt_ids)
        writer.append(trace, pieces, [call])
        traces.append(trace)
    return traces
