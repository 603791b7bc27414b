"""Each incremental detokenizer equals the one-shot decode, at a cost that does not grow."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt._detok import (
    ByteFallbackDetokenizer,
    DecodeStreamDetokenizer,
    Detokenizer,
    OffsetDetokenizer,
    TokenClasses,
    make_detokenizer,
)
from local_models import llama2_tokenizer, llama2_tokenizer_dir

# Ids where detokenizers go wrong: byte pieces (3..258) that form valid and invalid runs,
# special tokens (0, 1, 2) inside runs, and "▁" (28705) whose space the decoder strips.
llama_ids = st.lists(
    st.integers(0, 31999) | st.integers(3, 258) | st.sampled_from([0, 1, 2, 28705]),
    max_size=16,
)
real_text = st.text(alphabet="ab \n浅草寺です🦜𠮷ꙮ<>é", max_size=20)


class OnlyDecode:
    """A tokenizer reduced to what the offset method needs (like a slow tokenizer)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.calls: list[int] = []

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = False) -> str:
        self.calls.append(len(ids))
        return str(self._inner.decode(ids, skip_special_tokens=skip_special_tokens))

    def __getattr__(self, name: str) -> Any:
        if name in {"backend_tokenizer", "_decode"}:
            raise AttributeError(name)
        return getattr(self._inner, name)


@functools.cache
def llama(legacy: bool | None = None) -> Any:
    return llama2_tokenizer(legacy=legacy)


@functools.cache
def sentencepiece_slow() -> Any:
    """A slow (pure sentencepiece) tokenizer over the same vocabulary."""
    from transformers import BertGenerationTokenizer

    return BertGenerationTokenizer(vocab_file=str(llama2_tokenizer_dir() / "tokenizer.model"))


@functools.cache
def byte_level_bpe() -> Any:
    """A small byte-level BPE (GPT-2 style) fast tokenizer trained here, offline."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=["<|end|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(["Hello world 浅草寺です。🦜 𠮷 ꙮ the fox"] * 20, trainer)
    return PreTrainedTokenizerFast(tokenizer_object=backend, eos_token="<|end|>")


def detokenize(detokenizer: Detokenizer, ids: Sequence[int], expected: str) -> str:
    shown = ""
    for token_id in ids:
        shown += detokenizer.push(token_id)
        assert expected.startswith(shown)
    return shown + detokenizer.flush()


def offset_over(tokenizer: Any, skip: bool) -> OffsetDetokenizer:
    def decode(ids: Sequence[int]) -> str:
        return str(tokenizer.decode(list(ids), skip_special_tokens=skip))

    return OffsetDetokenizer(decode, TokenClasses.of(tokenizer, skip))


METHODS = {
    "table": lambda tok, skip: make_detokenizer(tok, skip_special_tokens=skip),
    "decode-stream": lambda tok, skip: DecodeStreamDetokenizer(
        tok.backend_tokenizer, skip, TokenClasses.of(tok, skip)
    ),
    "offset": offset_over,
}


@pytest.mark.parametrize("legacy", [None, True], ids=["default", "legacy"])
@pytest.mark.parametrize("method", sorted(METHODS))
@settings(max_examples=120, deadline=None)
@given(ids=llama_ids, skip=st.booleans())
def test_every_method_equals_one_shot_decode_for_any_llama_ids(
    method: str, legacy: bool | None, ids: list[int], skip: bool
) -> None:
    tokenizer = llama(legacy)
    expected = tokenizer.decode(ids, skip_special_tokens=skip)

    assert expected == detokenize(METHODS[method](tokenizer, skip), ids, expected)


def test_the_llama_tokenizer_gets_the_table_method() -> None:
    assert isinstance(make_detokenizer(llama()), ByteFallbackDetokenizer)


def test_a_byte_level_bpe_tokenizer_gets_decode_stream() -> None:
    assert isinstance(make_detokenizer(byte_level_bpe()), DecodeStreamDetokenizer)


def test_a_slow_tokenizer_gets_the_offset_method() -> None:
    assert isinstance(make_detokenizer(sentencepiece_slow()), OffsetDetokenizer)


@settings(max_examples=120, deadline=None)
@given(text=real_text, extra=st.lists(st.integers(0, 399), max_size=6), skip=st.booleans())
def test_decode_stream_equals_one_shot_decode_for_byte_level_bpe(
    text: str, extra: list[int], skip: bool
) -> None:
    tokenizer = byte_level_bpe()
    ids = tokenizer.encode(text) + extra
    expected = tokenizer.decode(ids, skip_special_tokens=skip)

    actual = detokenize(make_detokenizer(tokenizer, skip_special_tokens=skip), ids, expected)

    assert expected == actual


@settings(max_examples=60, deadline=None)
@given(text=real_text, skip=st.booleans())
def test_offset_method_equals_one_shot_decode_for_a_slow_tokenizer(text: str, skip: bool) -> None:
    tokenizer = sentencepiece_slow()
    ids = [1, *tokenizer.encode(text, add_special_tokens=False), 2]
    expected = tokenizer.decode(ids, skip_special_tokens=skip)

    actual = detokenize(make_detokenizer(tokenizer, skip_special_tokens=skip), ids, expected)

    assert expected == actual


def test_offset_method_decodes_short_windows_however_long_the_response() -> None:
    tokenizer = OnlyDecode(llama())
    ids = llama().encode("浅草寺です。🦜 Hello 𠮷 world. " * 60, add_special_tokens=False)
    detokenizer = make_detokenizer(tokenizer)
    assert isinstance(detokenizer, OffsetDetokenizer)

    text = "".join(detokenizer.push(token_id) for token_id in ids) + detokenizer.flush()

    assert llama().decode(ids) == text
    assert len(ids) > 1000
    assert max(tokenizer.calls) <= 8
    assert len(tokenizer.calls) <= 2 * len(ids)


def test_decode_stream_hands_over_when_a_byte_run_turns_out_invalid() -> None:
    tokenizer = llama()
    # 浅 as three byte pieces, then a lone lead byte: the whole run decodes to U+FFFD x4.
    ids = [330, 233, 184, 136, 243, 28760]
    expected = tokenizer.decode(ids)
    detokenizer = METHODS["decode-stream"](tokenizer, True)

    assert detokenize(detokenizer, ids, expected) == "A\ufffd\ufffd\ufffd\ufffdB"


@functools.cache
def cleaning_up(kind: str) -> Any:
    """Tokenizers whose decode cleans up tokenization spaces (" ." to ".", " n't" to "n't")."""
    if kind == "slow":
        from transformers import BertGenerationTokenizer

        return BertGenerationTokenizer(
            vocab_file=str(llama2_tokenizer_dir() / "tokenizer.model"),
            clean_up_tokenization_spaces=True,
        )
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    backend.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(
        vocab_size=300, special_tokens=["[UNK]", "[SEP]"], show_progress=False
    )
    corpus = ["Hello , world . It 's ok ? Don't ! I 'm we 've they 're"]
    backend.train_from_iterator(corpus, trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=backend, sep_token="[SEP]", clean_up_tokenization_spaces=True
    )


@pytest.mark.parametrize("kind", ["slow", "fast"])
@settings(max_examples=80, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["Hello", ",", ".", "?", "!", "'", "n't", "'s", "'m", "'ve", "'re", "ok"]),
        max_size=10,
    )
)
def test_clean_up_of_tokenization_spaces_is_replayed_exactly(kind: str, words: list[str]) -> None:
    tokenizer = cleaning_up(kind)
    ids = tokenizer.encode(" ".join(words), add_special_tokens=False)
    expected = tokenizer.decode(ids, skip_special_tokens=True)

    actual = detokenize(make_detokenizer(tokenizer), ids, expected)

    assert expected == actual


def test_tokens_added_after_a_first_stream_are_decoded() -> None:
    tokenizer = llama2_tokenizer()  # its own object: add_tokens changes it
    make_detokenizer(tokenizer)
    tokenizer.add_tokens(["<NL>"])
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|eot|>"]})
    ids = tokenizer.encode("一行目<NL>二行目<|eot|>", add_special_tokens=False)
    expected = tokenizer.decode(ids, skip_special_tokens=True)

    assert expected == detokenize(make_detokenizer(tokenizer), ids, expected)
    assert "一行目<NL>二行目" == expected


@pytest.mark.parametrize("skip", [True, False])
def test_offset_method_skips_decoding_for_dropped_special_tokens(skip: bool) -> None:
    tokenizer = OnlyDecode(llama())
    detokenizer = make_detokenizer(tokenizer, skip_special_tokens=skip)
    detokenizer.push(22557)
    calls = len(tokenizer.calls)

    pieces = [detokenizer.push(0) for _ in range(50)]

    assert (0 if skip else 100) == len(tokenizer.calls) - calls
    assert ("" if skip else "<unk>") == pieces[-1]
