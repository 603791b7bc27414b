"""Real tokenizers and tiny models without the internet (used by the examples, tests, benchmarks).

- :func:`llama2_tokenizer` builds the real Llama-2-family sentencepiece tokenizer (Mistral 7B
  v0.1's, 32,000 pieces with byte fallback) from the file that ships inside the
  ``mistral-common`` wheel, so nothing is downloaded.
- :func:`tekken_tokenizer` builds Mistral Nemo's tekken byte-level BPE (131,072 ids, the first
  1,000 special) from the same wheel.
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
from collections.abc import Callable
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


def _mistral_common_file(name: str) -> Path:
    try:
        import mistral_common
    except ImportError as error:  # pragma: no cover - dev dependency
        raise RuntimeError(
            f"the tokenizer file {name!r} comes from the 'mistral-common' package: "
            "pip install mistral-common (it is in the 'dev' extra)"
        ) from error
    path = Path(mistral_common.__file__).parent / "data" / name
    if not path.is_file():  # pragma: no cover - depends on the wheel's layout
        raise RuntimeError(f"mistral-common no longer ships {path}")
    return path


def _cached_folder(prefix: str, key: str, fill: Callable[[Path], None]) -> Path:
    """A temporary folder ``fill`` wrote once, found again by ``key`` (safe across processes)."""
    folder = Path(tempfile.gettempdir()) / f"{prefix}-{key}"
    if not (folder / "tokenizer_config.json").is_file():
        staging = Path(tempfile.mkdtemp(prefix=f"{prefix}-"))
        fill(staging)
        try:
            os.replace(staging, folder)
        except OSError:  # another process made it first
            shutil.rmtree(staging, ignore_errors=True)
    return folder


@functools.lru_cache(maxsize=1)
def llama2_tokenizer_dir() -> Path:
    """A folder holding ``tokenizer.model`` and ``tokenizer_config.json`` (created once)."""
    source = _mistral_common_file("tokenizer.model.v1")

    def fill(folder: Path) -> None:
        shutil.copyfile(source, folder / "tokenizer.model")
        (folder / "tokenizer_config.json").write_text(json.dumps(LLAMA2_TOKENIZER_CONFIG))

    key = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return _cached_folder("chatprompt-llama2-tokenizer", key, fill)


def llama2_tokenizer(*, legacy: bool | None = None) -> PreTrainedTokenizerBase:
    """The real Llama-2-family tokenizer (fast), optionally with ``legacy=True`` behaviour."""
    from transformers import AutoTokenizer

    kwargs: dict[str, Any] = {} if legacy is None else {"legacy": legacy}
    return AutoTokenizer.from_pretrained(str(llama2_tokenizer_dir()), **kwargs)


@functools.lru_cache(maxsize=1)
def tekken_tokenizer_dir() -> Path:
    """A folder holding Mistral Nemo's tekken converted to ``tokenizer.json`` (created once:
    the conversion takes seconds, loading the result a fraction of that)."""
    import transformers

    source = _mistral_common_file("tekken_240718.json")

    def fill(folder: Path) -> None:
        from transformers.integrations.mistral import convert_tekken_tokenizer

        convert_tekken_tokenizer(str(source), chat_template="").save_pretrained(str(folder))
        (folder / "chat_template.jinja").unlink(missing_ok=True)  # no template: none was given

    digest = hashlib.sha256(source.read_bytes())
    digest.update(transformers.__version__.encode())  # the conversion is transformers' code
    return _cached_folder("chatprompt-tekken-tokenizer", digest.hexdigest()[:16], fill)


def tekken_tokenizer() -> PreTrainedTokenizerBase:
    """Mistral Nemo's real tekken tokenizer (fast, byte-level BPE), a new object per call."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tekken_tokenizer_dir()))


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
