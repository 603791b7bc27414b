"""How long the prompt is once the tokenizer has encoded and decoded it (the echo length).

A streaming server in ChatStream's style decodes the prompt ids and the generated ids together,
``tokenizer.decode(prompt_ids + generated_ids, skip_special_tokens=True)``, and slices the
response off by the prompt's length. The right length is the decoded prompt's, and only the
tokenizer knows it: special tokens vanish, and a Llama tokenizer loaded with ``legacy=True``
puts a space before the text that follows a special token (``A1 </s><s>[INST]`` decodes to
``A1  [INST]``), so every ``</s><s>[INST]`` adds one character there and none with the default
behaviour. A fixed correction is right for one of the two and wrong for the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["can_decode", "echo_len"]


def can_decode(tokenizer: Any) -> bool:
    """Whether ``tokenizer`` can encode and decode text (a real tokenizer, not a stub)."""
    return callable(getattr(tokenizer, "encode", None)) and callable(
        getattr(tokenizer, "decode", None)
    )


def echo_len(tokenizer: Any, prompt: str, prompt_ids: Sequence[int] | None = None) -> int:
    """The length of the prompt as ``tokenizer`` decodes it with ``skip_special_tokens=True``.

    The prompt is encoded as ChatStream encodes it (the text as a whole), unless the ids the
    model was given are passed as ``prompt_ids``: another encoding of the same text can
    decode differently (``encode_prompt`` encodes each Llama 2 exchange on its own, and a
    sentencepiece tokenizer then decodes a space before each ``[INST]``). A tokenizer that
    cannot encode and decode (a stub with only ``all_special_tokens``) gets ChatStream's
    estimate: the prompt's length with the special-token strings removed.
    """
    if prompt_ids is not None:
        return len(tokenizer.decode(list(prompt_ids), skip_special_tokens=True))
    if can_decode(tokenizer):
        ids = tokenizer.encode(prompt, add_special_tokens=False)
        return len(tokenizer.decode(ids, skip_special_tokens=True))
    for special in getattr(tokenizer, "all_special_tokens", ()):
        prompt = prompt.replace(special, "")
    return len(prompt)
