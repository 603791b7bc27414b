"""The replay tokenizer serves recorded encodes and decodes recorded ids as the real one does."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from transformers import PreTrainedTokenizerFast

from transformer_mock import MockTransformer, UnrecordedInputError

from .chat_app import QUESTIONS, llama2_prompt

FIRST_PROMPT = llama2_prompt([(QUESTIONS[0], None)])


def test_every_contiguous_slice_of_a_recorded_episode_decodes_as_the_real_tokenizer(
    mock: MockTransformer, llama_tokenizer: Any
) -> None:
    episode = mock.recording.episodes[0]
    ids = list(episode.all_ids)
    slices = [(i, j) for i in range(len(ids)) for j in range(i + 1, len(ids) + 1)]

    for skip in (False, True):
        expected = [llama_tokenizer.decode(ids[i:j], skip_special_tokens=skip) for i, j in slices]
        actual = [
            mock.get_tokenizer().decode(ids[i:j], skip_special_tokens=skip) for i, j in slices
        ]
        assert expected == actual


def test_encode_of_a_recorded_prompt_returns_the_real_ids(
    mock: MockTransformer, llama_tokenizer: Any
) -> None:
    expected = llama_tokenizer.encode(FIRST_PROMPT, add_special_tokens=False)

    actual = mock.get_tokenizer().encode(FIRST_PROMPT, add_special_tokens=False)

    assert expected == actual


def test_call_with_tensors_returns_ids_and_attention_mask(
    mock: MockTransformer, llama_tokenizer: Any
) -> None:
    prompt = llama2_prompt([("stream it 🌊", None)])
    expected = llama_tokenizer(prompt, return_tensors="pt")

    actual = mock.get_tokenizer()(prompt, return_tensors="pt")

    assert torch.equal(expected["input_ids"], actual["input_ids"])
    assert torch.equal(expected["attention_mask"], actual["attention_mask"])


def test_batch_decode_and_convert_ids_to_tokens_match_the_real_tokenizer(
    mock: MockTransformer, llama_tokenizer: Any
) -> None:
    batch = [list(episode.all_ids) for episode in mock.recording.episodes[:3]]
    tokenizer = mock.get_tokenizer()

    assert llama_tokenizer.batch_decode(batch, skip_special_tokens=True) == tokenizer.batch_decode(
        batch, skip_special_tokens=True
    )
    assert llama_tokenizer.convert_ids_to_tokens(batch[0]) == tokenizer.convert_ids_to_tokens(
        batch[0]
    )


def test_special_tokens_and_their_ids_match_the_real_tokenizer(
    mock: MockTransformer, llama_tokenizer: Any
) -> None:
    tokenizer = mock.get_tokenizer()
    names = ["bos_token", "eos_token", "unk_token", "bos_token_id", "eos_token_id", "unk_token_id"]

    expected = {name: getattr(llama_tokenizer, name) for name in names}
    actual = {name: getattr(tokenizer, name) for name in names}

    assert expected == actual
    assert len(llama_tokenizer) == len(tokenizer)
    assert isinstance(tokenizer, PreTrainedTokenizerFast)


def test_encoding_a_text_never_recorded_raises_unrecorded_input_error(
    mock: MockTransformer,
) -> None:
    with pytest.raises(UnrecordedInputError, match="text never encoded"):
        mock.get_tokenizer()("東京タワーはどこですか？🗼")


def test_encoding_a_recorded_text_with_other_options_raises(mock: MockTransformer) -> None:
    with pytest.raises(UnrecordedInputError, match="recorded with other options"):
        mock.get_tokenizer().encode(FIRST_PROMPT, add_special_tokens=True)


def test_decoding_an_id_never_recorded_raises(mock: MockTransformer) -> None:
    unknown = next(i for i in range(31999, 0, -1) if i not in mock.recording.pieces)

    with pytest.raises(UnrecordedInputError, match=rf"ids never recorded .*\[{unknown}\]"):
        mock.get_tokenizer().decode([1, unknown])
