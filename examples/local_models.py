"""Real tokenizers and tiny models without the internet (used by the examples, tests, benchmarks).

- :func:`llama2_tokenizer` builds the real Llama-2-family sentencepiece tokenizer (Mistral 7B
  v0.1's, 32,000 pieces with byte fallback) from the file that ships inside the
  ``mistral-common`` wheel, so nothing is downloaded.
- :func:`tiny_llama` builds a seeded, randomly initialised 2-layer ``LlamaForCausalLM`` with the
  same vocabulary: it generates gibberish, at a real model's pace per layer, on the CPU.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transformers import LlamaForCausalLM, PreTrainedTokenizerBase

LLAMA2_TOKENIZER_CONFIG: dict[str, Any] = {
    "tokenizer_class": "LlamaTokenizer",
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "add_bos_token": True,
    "add_eos_token": False,
    "clean_up_tokenization_spaces": False,
    "model_max_length": 32768,
}


def _sentencepiece_file() -> Path:
    try:
        import mistral_common
    except ImportError as error:  # pragma: no cover - dev dependency
        raise RuntimeError(
            "the Llama-2-family tokenizer file comes from the 'mistral-common' package: "
            "pip install mistral-common (it is in the 'dev' extra)"
        ) from error
    path = Path(mistral_common.__file__).parent / "data" / "tokenizer.model.v1"
    if not path.is_file():  # pragma: no cover - depends on the wheel's layout
        raise RuntimeError(f"mistral-common no longer ships {path}")
    return path


@functools.lru_cache(maxsize=1)
def llama2_tokenizer_dir() -> Path:
    """A folder holding ``tokenizer.model`` and ``tokenizer_config.json`` (created once)."""
    source = _sentencepiece_file()
    key = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"chatprompt-llama2-tokenizer-{key}"
    if not (folder / "tokenizer_config.json").is_file():
        staging = Path(tempfile.mkdtemp(prefix="chatprompt-llama2-tokenizer-"))
        shutil.copyfile(source, staging / "tokenizer.model")
        (staging / "tokenizer_config.json").write_text(json.dumps(LLAMA2_TOKENIZER_CONFIG))
        try:
            os.replace(staging, folder)
        except OSError:  # another process made it first
            shutil.rmtree(staging, ignore_errors=True)
    return folder


def llama2_tokenizer(*, legacy: bool | None = None) -> PreTrainedTokenizerBase:
    """The real Llama-2-family tokenizer (fast), optionally with ``legacy=True`` behaviour."""
    from transformers import AutoTokenizer

    kwargs: dict[str, Any] = {} if legacy is None else {"legacy": legacy}
    return AutoTokenizer.from_pretrained(str(llama2_tokenizer_dir()), **kwargs)


def tiny_llama(*, seed: int = 0, num_hidden_layers: int = 2) -> LlamaForCausalLM:
    """A seeded random ``LlamaForCausalLM`` over the Llama-2 vocabulary (2 layers, width 64)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=32000,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=num_hidden_layers,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=4096,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=0,
        tie_word_embeddings=False,
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.eval()
    return model
