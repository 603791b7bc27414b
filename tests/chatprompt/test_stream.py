"""ResponseStream: the exact response text, token by token, with the real Llama 2 tokenizer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatprompt import ResponseStream
from chatprompt.errors import InvalidTokenIdError, StreamFinishedError
from token_trace import FinishReason, TokenTrace

# Fragments where streaming breaks: byte-fallback characters (𠮷, ꙮ, emoji), Japanese,
# spaces and newlines, and text that spells special tokens or chat markup.
FRAGMENTS = [
    "Hello",
    " world",
    " ",
    "  ",
    "\n",
    "\n\n",
    "浅草寺",
    "です。",
    "東京",
    "🦜",
    "😀",
    "𠮷",
    "ꙮ",
    "é",
    "<NL>",
    "<",
    "NL>",
    "</s>",
    "<s>",
    "[INST]",
    "<<SYS>>",
    "<unk>",
    ".",
    "A1",
]
STOPS = ["\n<human>:", "ユーザー:", "</s>", "<", "\n\n", "です", "🦜 "]
REPLACEMENT_SOURCES = ["<NL>", "\n", "ꙮ", "寺で", " w", "<<"]


@pytest.fixture(scope="module", params=["llama_tokenizer", "llama_tokenizer_legacy"])
def tokenizer(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


def expected_text(
    tokenizer: Any,
    ids: Sequence[int],
    stop_strs: Iterable[str] = (),
    replacements: Iterable[tuple[str, str]] = (),
    skip_special_tokens: bool = True,
) -> str:
    """The one-shot answer: decode, cut before the first stop string, then replace."""
    text = tokenizer.decode(list(ids), skip_special_tokens=skip_special_tokens)
    cut = min((text.find(s) for s in stop_strs if s and s in text), default=len(text))
    text = text[:cut]
    for old, new in replacements:
        if old:
            text = text.replace(old, new)
    return text


def stream_pieces(stream: ResponseStream, ids: Iterable[int]) -> list[str]:
    """What each push returned, then what finish() returned."""
    return [stream.push(token_id) for token_id in ids] + [stream.finish()]


def stream_never_taking_back(stream: ResponseStream, ids: Iterable[int], expected: str) -> str:
    """Push every id and finish; after each push, what was shown must begin ``expected``.

    So no U+FFFD, no part of a stop string and no replacement source ever leaks out early.
    """
    shown = ""
    for token_id in ids:
        shown += stream.push(token_id)
        assert expected.startswith(shown)
    return shown + stream.finish()


def encode_segments(tokenizer: Any, segments: Iterable[str]) -> list[int]:
    """Ids of the text encoded segment by segment: valid text, unusual token boundaries."""
    ids: list[int] = []
    for segment in segments:
        ids += tokenizer.encode(segment, add_special_tokens=False)
    return ids


texts = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(alphabet="ab \n<>浅🦜𠮷", max_size=3), max_size=12
)
fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@fuzz
@given(
    segments=texts,
    stop_strs=st.lists(st.sampled_from(STOPS), max_size=2),
    sources=st.lists(st.sampled_from(REPLACEMENT_SOURCES), max_size=2),
    skip=st.booleans(),
)
def test_streamed_text_equals_one_shot_decode_cut_and_replaced(
    tokenizer: Any, segments: list[str], stop_strs: list[str], sources: list[str], skip: bool
) -> None:
    ids = encode_segments(tokenizer, segments)
    replacements = [(old, f"[{i}]") for i, old in enumerate(sources)]
    expected = expected_text(tokenizer, ids, stop_strs, replacements, skip)
    stream = ResponseStream(
        tokenizer,
        stop_strs=stop_strs,
        replacements=replacements,
        skip_special_tokens=skip,
        eos_token_ids=(),
    )

    shown = stream_never_taking_back(stream, ids, expected)

    assert expected == shown
    assert expected == stream.text


@fuzz
@given(ids=st.lists(st.integers(0, 31999) | st.integers(3, 258) | st.sampled_from([0, 1, 2])))
def test_streamed_text_equals_one_shot_decode_for_any_ids(tokenizer: Any, ids: list[int]) -> None:
    expected = expected_text(tokenizer, ids)
    stream = ResponseStream(tokenizer, eos_token_ids=())

    shown = stream_never_taking_back(stream, ids, expected)

    assert expected == shown


def test_a_character_split_over_byte_tokens_is_shown_whole(tokenizer: Any) -> None:
    ids = tokenizer.encode("A🦜B", add_special_tokens=False)  # A, 4 byte pieces, B
    stream = ResponseStream(tokenizer)

    pieces = stream_pieces(stream, ids)

    assert pieces == ["A", "", "", "", "", "🦜B", ""]


def test_stop_string_split_over_tokens_is_never_shown(tokenizer: Any) -> None:
    ids = tokenizer.encode("Sure\n<human>: next", add_special_tokens=False)
    stream = ResponseStream(tokenizer, stop_strs=["\n<human>:"])

    pieces = stream_pieces(stream, ids)

    assert pieces == ["Sure", "", "", "", "", "", ""]
    assert stream.stopped
    assert stream.stop_str == "\n<human>:"


def test_text_that_only_starts_like_a_stop_string_is_released_when_it_diverges(
    tokenizer: Any,
) -> None:
    ids = tokenizer.encode("Sure\n<b>", add_special_tokens=False)  # Sure, \n, <, b, >
    stream = ResponseStream(tokenizer, stop_strs=["\n<human>:"])

    pieces = stream_pieces(stream, ids)

    assert pieces == ["Sure", "", "", "\n<b", ">", ""]
    assert not stream.stopped


def test_text_that_cannot_begin_a_stop_string_is_not_delayed(tokenizer: Any) -> None:
    ids = tokenizer.encode("Hello there, general", add_special_tokens=False)
    stream = ResponseStream(tokenizer, stop_strs=["\n<human>:", "ユーザー:"])

    pieces = [stream.push(token_id) for token_id in ids]

    assert all(pieces)


def test_rinna_newline_marker_split_over_tokens_is_replaced(tokenizer: Any) -> None:
    ids = tokenizer.encode("一行目<NL>二行目<NL>", add_special_tokens=False)  # <, NL, >
    stream = ResponseStream(tokenizer, replacements=[("<NL>", "\n")])

    pieces = stream_pieces(stream, ids)

    assert "".join(pieces) == "一行目\n二行目\n"
    assert all("<" not in piece for piece in pieces)


def test_pushes_after_a_stop_string_show_nothing_and_are_recorded(tokenizer: Any) -> None:
    ids = tokenizer.encode("Done.### more text", add_special_tokens=False)
    stream = ResponseStream(tokenizer, stop_strs=["###"], prompt_ids=[1, 22557])

    pieces = stream_pieces(stream, ids)

    assert "".join(pieces) == "Done."
    assert TokenTrace([1, 22557], ids, FinishReason.STOP_STRING) == stream.trace


def test_end_of_sequence_flushes_held_text_and_ends_the_stream(tokenizer: Any) -> None:
    ids = [*tokenizer.encode("Bye 🦜", add_special_tokens=False), tokenizer.eos_token_id]
    stream = ResponseStream(tokenizer, prompt_ids=[1])

    pieces = [stream.push(token_id) for token_id in ids]

    assert "".join(pieces) == "Bye 🦜"
    assert pieces[-1] == "🦜"
    assert stream.finished
    assert stream.finish() == ""
    assert TokenTrace([1], ids, FinishReason.EOS) == stream.trace
    with pytest.raises(StreamFinishedError, match=r"push\(22557\) after the stream ended \(eos\)"):
        stream.push(22557)


def test_finish_records_why_the_generation_ended(tokenizer: Any) -> None:
    ids = tokenizer.encode("Partial answer", add_special_tokens=False)
    budget = ResponseStream(tokenizer)
    aborted = ResponseStream(tokenizer)

    stream_pieces(budget, ids)
    [aborted.push(token_id) for token_id in ids]
    aborted.finish("aborted")

    assert budget.trace.finish_reason == FinishReason.LENGTH
    assert aborted.trace.finish_reason == FinishReason.ABORTED


def test_trace_is_unknown_while_streaming(tokenizer: Any) -> None:
    stream = ResponseStream(tokenizer, prompt_ids=[1, 2, 3])
    stream.push(22557)

    assert TokenTrace([1, 2, 3], [22557], FinishReason.UNKNOWN) == stream.trace
    assert stream.generated_ids == (22557,)


def test_special_tokens_are_shown_when_not_skipped(tokenizer: Any) -> None:
    ids = [22557, 2, 330]
    stream = ResponseStream(tokenizer, skip_special_tokens=False, eos_token_ids=())

    pieces = stream_pieces(stream, ids)

    assert tokenizer.decode(ids) == "".join(pieces)
    assert "".join(pieces) == "Hello</s> A"


class _Preset:
    def get_stop_strs(self) -> list[str]:
        return ["ユーザー:"]

    def get_replacement_when_output(self) -> list[tuple[str, str]]:
        return [("<NL>", "\n")]


class _PresetWithNothing:
    def get_stop_strs(self) -> None:
        return None


def test_for_prompt_uses_the_presets_stop_strings_and_output_replacements(
    tokenizer: Any,
) -> None:
    ids = tokenizer.encode("はい<NL>どうぞ<NL>ユーザー:次", add_special_tokens=False)
    stream = ResponseStream.for_prompt(tokenizer, _Preset(), prompt_ids=[1])

    text = "".join(stream_pieces(stream, ids))

    assert text == "はい\nどうぞ\n"
    assert stream.stop_str == "ユーザー:"
    assert stream.trace.prompt_ids == (1,)


def test_for_prompt_accepts_a_preset_without_stop_strings_or_replacements(
    tokenizer: Any,
) -> None:
    ids = tokenizer.encode("plain", add_special_tokens=False)
    stream = ResponseStream.for_prompt(tokenizer, _PresetWithNothing())

    assert "".join(stream_pieces(stream, ids)) == "plain"


def test_leading_space_matches_decoding_the_generated_ids(tokenizer: Any) -> None:
    # A continuation's first piece carries sentencepiece's "▁": decode() strips it, so must we.
    ids = tokenizer.encode("Answer", add_special_tokens=False)
    assert tokenizer.convert_ids_to_tokens(ids)[0].startswith("\u2581")
    stream = ResponseStream(tokenizer)

    assert tokenizer.decode(ids) == "".join(stream_pieces(stream, ids))
    assert stream.text == "Answer"


def test_a_negative_token_id_is_refused_and_not_recorded(tokenizer: Any) -> None:
    stream = ResponseStream(tokenizer)

    with pytest.raises(InvalidTokenIdError, match="token ids are never negative, got -1"):
        stream.push(-1)
    assert () == stream.generated_ids


def test_for_prompt_with_the_rinna_and_redpajama_presets(tokenizer: Any) -> None:
    from chatprompt import RedPajamaChatPrompt, RinnaChatPrompt

    rinna = ResponseStream.for_prompt(tokenizer, RinnaChatPrompt())
    redpajama = ResponseStream.for_prompt(tokenizer, RedPajamaChatPrompt())
    rinna_ids = tokenizer.encode("はい<NL>どうぞ", add_special_tokens=False)
    redpajama_ids = tokenizer.encode("Sure.\n<human>: and you?", add_special_tokens=False)

    assert "はい\nどうぞ" == "".join(stream_pieces(rinna, rinna_ids))
    assert "Sure.\n" == "".join(stream_pieces(redpajama, redpajama_ids))
    assert "<human>:" == redpajama.stop_str


def test_ids_pushed_as_tensors_give_the_same_text(tokenizer: Any) -> None:
    import torch

    ids = tokenizer.encode("浅草寺🦜 ok", add_special_tokens=False)
    plain = ResponseStream(tokenizer, prompt_ids=[1])
    tensors = ResponseStream(tokenizer, prompt_ids=torch.tensor([1]))

    expected = "".join(stream_pieces(plain, ids))
    actual = "".join(stream_pieces(tensors, [torch.tensor(i) for i in ids]))

    assert expected == actual
    assert plain.trace == tensors.trace
