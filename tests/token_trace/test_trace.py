from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from token_trace import (
    FORMAT_VERSION,
    FinishReason,
    TokenTrace,
    TopLogprobs,
    TraceFormatError,
    UnsupportedFormatVersionError,
)

ids = st.lists(st.integers(min_value=0, max_value=200_000), max_size=30)
finite = st.floats(allow_nan=False, allow_infinity=False, width=32)


@st.composite
def traces(draw: st.DrawFn) -> TokenTrace:
    generated = draw(ids)
    n = len(generated)
    top = draw(
        st.none()
        | st.lists(
            st.lists(st.tuples(st.integers(0, 50_000), finite), max_size=3), min_size=n, max_size=n
        )
    )
    latencies = draw(st.none() | st.lists(st.floats(0, 10), min_size=n, max_size=n))
    return TokenTrace(
        prompt_ids=draw(ids),
        generated_ids=generated,
        finish_reason=draw(st.sampled_from(FinishReason)),
        prompt_text=draw(st.none() | st.text()),
        top_logprobs=top,
        latencies=latencies,
        metadata=draw(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5))),
    )


@given(traces())
def test_trace_round_trips_through_json(trace: TokenTrace) -> None:
    assert trace == TokenTrace.from_json(trace.to_json())


def test_json_keeps_japanese_and_emoji_readable_and_keys_stable() -> None:
    trace = TokenTrace([1, 2], [3], FinishReason.EOS, prompt_text="浅草寺🙏")

    text = trace.to_json()

    assert "浅草寺🙏" in text
    assert "\\u" not in text
    assert list(json.loads(text)) == [
        "format_version",
        "prompt_ids",
        "generated_ids",
        "finish_reason",
        "prompt_text",
    ]
    assert text == TokenTrace.from_json(text).to_json()


def test_all_ids_is_prompt_then_generated() -> None:
    assert (1, 2, 3, 4) == TokenTrace([1, 2], [3, 4]).all_ids


def test_finish_reason_defaults_to_unknown_and_accepts_its_value() -> None:
    assert FinishReason.UNKNOWN == TokenTrace([], []).finish_reason
    assert FinishReason.LENGTH == TokenTrace([], [], "length").finish_reason


def test_per_step_fields_must_match_generated_ids() -> None:
    with pytest.raises(ValueError, match="latencies has 1 entries for 2 generated ids"):
        TokenTrace([1], [2, 3], latencies=[0.1])
    with pytest.raises(ValueError, match="top_logprobs has 0 entries for 1 generated ids"):
        TokenTrace([1], [2], top_logprobs=[])


def test_top_logprobs_keep_order_best_first() -> None:
    trace = TokenTrace([1], [5], top_logprobs=[[(5, -0.1), (7, -2.5)]])

    assert (TopLogprobs([(5, -0.1), (7, -2.5)]),) == trace.top_logprobs
    assert [[[5, -0.1], [7, -2.5]]] == trace.to_dict()["top_logprobs"]


def test_unknown_future_version_raises_naming_the_version() -> None:
    data = TokenTrace([1], [2]).to_dict()
    data["format_version"] = FORMAT_VERSION + 1

    with pytest.raises(UnsupportedFormatVersionError) as info:
        TokenTrace.from_dict(data)

    assert str(info.value) == (
        f"unsupported format_version {FORMAT_VERSION + 1}: this release of token_trace reads "
        f"format_version {FORMAT_VERSION} (upgrade chatprompt to read newer recordings)"
    )
    assert isinstance(info.value, TraceFormatError)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("generated_ids"), "trace: missing key 'generated_ids'"),
        (
            lambda d: d.update(prompt_ids=[1, "x"]),
            "trace.prompt_ids[1]: expected an integer, got 'x'",
        ),
        (
            lambda d: d.update(prompt_ids=[-4]),
            "trace.prompt_ids[0]: expected an integer >= 0, got -4",
        ),
        (lambda d: d.update(finish_reason="bored"), "unknown finish_reason 'bored'"),
        (lambda d: d.update(latencies=[0.1, 0.2]), "latencies has 2 entries for 1 generated ids"),
        (lambda d: d.update(top_logprobs=[[[1]]]), "expected [token_id, logprob], got [1]"),
        (lambda d: d.pop("format_version"), "trace: missing key 'format_version'"),
        (lambda d: d.update(format_version="1"), "expected an integer, got '1'"),
    ],
)
def test_malformed_data_raises_trace_format_error_naming_the_problem(edit, message) -> None:  # type: ignore[no-untyped-def]
    data = TokenTrace([1], [2]).to_dict()
    edit(data)

    with pytest.raises(TraceFormatError) as info:
        TokenTrace.from_dict(data)

    assert message in str(info.value)


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '{"format_version": 1}', b"\xff\xfe"])
def test_garbage_json_raises_trace_format_error(text: str | bytes) -> None:
    with pytest.raises(TraceFormatError):
        TokenTrace.from_json(text)


def test_importing_token_trace_imports_neither_torch_nor_transformers() -> None:
    code = "import sys, token_trace; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "False False" == out.stdout.strip()
