"""What a new tokenizer's first stream reads (pieces looked up as ids arrive, byte and special
ids read from the backend) equals what a walk over its whole vocabulary gives, for every id of
the real Llama-2-family (32,000 ids) and tekken (131,072 ids) tokenizers."""

from __future__ import annotations

import functools
import random
import re
from typing import Any

import pytest

from chatprompt import ResponseStream
from chatprompt._detok import TokenClasses, piece_table
from local_models import llama2_tokenizer, tekken_tokenizer

TOKENIZERS = {"llama2": llama2_tokenizer, "tekken": tekken_tokenizer}
_BYTE_PIECE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


@functools.cache
def tokenizer(name: str) -> Any:
    """Its own object, so that nothing another test read is cached on it."""
    return TOKENIZERS[name]()


@functools.cache
def vocabulary_walk(name: str) -> list[str]:
    """Every id's token, through transformers' conversion (not the backend call the table uses)."""
    tok = tokenizer(name)
    return list(tok.convert_ids_to_tokens(list(range(len(tok)))))


def eager_pieces(name: str, skip_special_tokens: bool) -> list[str | int | None]:
    """The sentencepiece decoder's piece of every id, as a table built up front: ``▁`` is a
    space, ``<0xNN>`` is its byte, a special token is dropped when special tokens are skipped."""
    added = tokenizer(name).added_tokens_decoder
    dropped = {i for i, token in added.items() if token.special} if skip_special_tokens else set()
    pieces: list[str | int | None] = []
    for token_id, token in enumerate(vocabulary_walk(name)):
        byte = _BYTE_PIECE.fullmatch(token)
        if token_id in dropped:
            pieces.append(None)
        elif byte:
            pieces.append(int(byte[1], 16))
        else:
            pieces.append(token.replace("\u2581", " "))
    return pieces


def dropped_by_decode(tokenizer: Any) -> frozenset[int]:
    """The ids whose decode skipping special tokens differs from the decode keeping them."""
    backend = tokenizer.backend_tokenizer
    single = [[token_id] for token_id in range(len(tokenizer))]
    kept = backend.decode_batch(single, skip_special_tokens=False)
    skipped = backend.decode_batch(single, skip_special_tokens=True)
    return frozenset(i for i, (a, b) in enumerate(zip(kept, skipped, strict=True)) if a != b)


@pytest.mark.parametrize("skip", [True, False], ids=["skip-special", "keep-special"])
@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_the_piece_table_looked_up_as_ids_arrive_equals_the_one_built_up_front(
    name: str, skip: bool
) -> None:
    tok = tokenizer(name)
    expected = eager_pieces(name, skip)
    table = piece_table(tok, tok.backend_tokenizer, skip)
    order = list(range(len(expected)))
    random.Random(name).shuffle(order)  # ids arrive in any order

    looked_up = {token_id: table[token_id] for token_id in order}
    read_again = [table[token_id] for token_id in range(len(expected))]

    assert expected == [looked_up[token_id] for token_id in range(len(expected))]
    assert expected == read_again


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_ids_outside_the_vocabulary_have_no_piece_and_are_not_kept(name: str) -> None:
    tok = tokenizer(name)
    table = piece_table(tok, tok.backend_tokenizer, True)
    outside = [len(tok), len(tok) + 1, 10**9]

    assert [None, None, None] == [table[token_id] for token_id in outside]
    assert not set(outside) & table.keys()


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_byte_fallback_ids_read_from_the_backend_equal_the_vocabulary_walk(name: str) -> None:
    tok = tokenizer(name)
    walk = vocabulary_walk(name)
    expected = frozenset(
        i for i, token in enumerate(walk) if re.fullmatch(r"<0x[0-9A-F]{2}>", token)
    )

    assert expected == TokenClasses.of(tok, True).byte_ids
    assert expected == TokenClasses.of(tok, False).byte_ids
    assert (256 if name == "llama2" else 0) == len(expected)


@pytest.mark.parametrize("name", sorted(TOKENIZERS))
def test_skipped_ids_are_exactly_the_ids_decode_drops(name: str) -> None:
    tok = tokenizer(name)

    assert dropped_by_decode(tok) == TokenClasses.of(tok, True).skipped_ids
    assert frozenset() == TokenClasses.of(tok, False).skipped_ids


@pytest.mark.parametrize("skip", [True, False], ids=["skip-special", "keep-special"])
def test_streaming_every_llama_id_once_equals_decoding_them(skip: bool) -> None:
    tok = llama2_tokenizer()  # a new object: every id is looked up for the first time here
    ids = list(range(len(tok)))
    random.Random(7).shuffle(ids)
    ids += tok.encode("浅草寺です🦜 𠮷野家 ꙮ", add_special_tokens=False)
    stream = ResponseStream(tok, skip_special_tokens=skip, eos_token_ids=())

    text = "".join(stream.push(token_id) for token_id in ids) + stream.finish()

    assert tok.decode(ids, skip_special_tokens=skip) == text
