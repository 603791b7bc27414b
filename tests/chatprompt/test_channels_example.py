"""examples/channels_loop.py: thinking, answer and a dispatched tool call, recorded and replayed."""

from __future__ import annotations

import tempfile

import channels_loop
from local_models import llama2_tokenizer, tiny_llama
from transformer_mock import MockTransformer, ProbeTransformer


def test_the_channels_example_streams_and_replays_the_same_conversation() -> None:
    tokenizer = llama2_tokenizer()
    with tempfile.TemporaryDirectory() as folder:
        with ProbeTransformer(tiny_llama(seed=0), tokenizer, "channels", folder) as probe:
            sampler = probe.get_token_sampler(
                channels_loop.ScriptedSampler(tokenizer, channels_loop.SCRIPT)
            )
            recorded = channels_loop.chat(probe.get_model(), probe.get_tokenizer(), sampler)
        mock = MockTransformer("channels", folder)
        replayed = channels_loop.chat(
            mock.get_model(), mock.get_tokenizer(), mock.get_token_sampler()
        )
    call = {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "東京"}}}
    assert [
        {"role": "user", "content": "東京の天気は？☔"},
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [call],
            "reasoning_content": "ユーザーは東京の天気を知りたい。get_weather を呼ぼう🤔",
        },
        {
            "role": "tool",
            "name": "get_weather",
            "content": '{"city": "東京", "sky": "晴れ", "celsius": 21}',
        },
        {
            "role": "assistant",
            "content": "東京は晴れ、21度です☀️ お出かけ日和ですね！",
            "reasoning_content": "晴れで21度。短く答える。",
        },
    ] == recorded
    assert recorded == replayed
