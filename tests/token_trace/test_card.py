from __future__ import annotations

from typing import Any

import pytest

from token_trace import TokenizerCard, TraceFormatError, vocab_fingerprint


def test_fingerprint_ignores_listing_order_but_not_content() -> None:
    a = {"<s>": 1, "hello": 2, "世界": 3}
    b = dict(reversed(list(a.items())))

    assert vocab_fingerprint(a) == vocab_fingerprint(b)
    assert vocab_fingerprint(a) != vocab_fingerprint({**a, "世界": 4})
    assert vocab_fingerprint(a).startswith("sha256:")


def test_card_from_real_tokenizer_names_special_tokens_and_ids(llama_tokenizer: Any) -> None:
    card = TokenizerCard.from_tokenizer(llama_tokenizer)

    assert 32000 == card.vocab_size
    assert {"<s>": 1, "</s>": 2, "<unk>": 0} == dict(card.special_tokens)
    assert {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>"} == dict(card.roles)
    assert vocab_fingerprint(llama_tokenizer.get_vocab()) == card.fingerprint
    assert "LlamaTokenizer" == card.class_name


def test_card_round_trips_and_legacy_flag_does_not_change_the_vocabulary(
    llama_tokenizer: Any, llama_tokenizer_legacy: Any
) -> None:
    card = TokenizerCard.from_tokenizer(llama_tokenizer)

    assert card == TokenizerCard.from_json(card.to_json())
    assert card.fingerprint == TokenizerCard.from_tokenizer(llama_tokenizer_legacy).fingerprint


def test_card_with_a_bad_fingerprint_is_refused() -> None:
    data = TokenizerCard("t", "T", 1, {"<s>": 0}, {"bos_token": "<s>"}, "sha256:" + "0" * 64)
    raw = data.to_dict()
    raw["fingerprint"] = "md5:abc"

    with pytest.raises(TraceFormatError, match=r"tokenizer_card\.fingerprint: expected 'sha256:'"):
        TokenizerCard.from_dict(raw)
