"""A reasoning, tool-calling chat streamed in three channels: thinking, answer, tool calls.

A chat UI for a reasoning model shows the thinking in a collapsible box and the answer in the
main area, and turns tool calls into function calls, while the tokens arrive. Here
``ResponseStream.push_delta`` does the split for Qwen3's format (``<think>…</think>``,
``<tool_call>{…}</tool_call>``): the first turn thinks and calls ``get_weather``, the
application runs the function and sends the result back, the second turn thinks and answers.

The model is the tiny random Llama with the real Llama-2-family tokenizer; a scripted sampler
makes it "say" a realistic Qwen3 output whatever its logits are. That run is recorded once with
``ProbeTransformer`` and streamed again from the recording by ``MockTransformer``, with no
model at all, as an application's test would.

Run: ``python examples/channels_loop.py``.
"""

from __future__ import annotations

import json
import tempfile
from typing import Any

import torch

from chatprompt import ResponseStream, get_chat_prompt
from local_models import llama2_tokenizer, tiny_llama
from transformer_mock import MockTransformer, ProbeTransformer

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "今の天気を調べる",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}

# What the "model" writes on each turn (a scripted sampler picks these tokens).
SCRIPT = (
    "<think>\nユーザーは東京の天気を知りたい。get_weather を呼ぼう🤔\n</think>\n\n"
    '<tool_call>\n{"name": "get_weather", "arguments": {"city": "東京"}}\n</tool_call>',
    "<think>\n晴れで21度。短く答える。\n</think>\n\n東京は晴れ、21度です☀️ お出かけ日和ですね！",
)


def get_weather(city: str) -> dict[str, Any]:
    """The application's tool."""
    return {"city": city, "sky": "晴れ", "celsius": 21}


class ScriptedSampler:
    """A ChatStream-style sampler that answers with fixed token ids, then end of sequence."""

    def __init__(self, tokenizer: Any, texts: tuple[str, ...]) -> None:
        self._ids = [
            token_id
            for text in texts
            for token_id in (
                *tokenizer.encode(text, add_special_tokens=False),
                tokenizer.eos_token_id,
            )
        ]

    def do_sample(self, logits: Any, *args: Any, **kwargs: Any) -> int:
        """The next scripted id, whatever the logits."""
        return int(self._ids.pop(0))


def stream_turn(
    model: Any, tokenizer: Any, sampler: Any, prompt: Any, messages: list[dict[str, Any]]
) -> ResponseStream:
    """One assistant turn: render, run the token loop, print each channel as it streams."""
    text = prompt.render(messages, add_generation_prompt=True, tools=[WEATHER_TOOL])
    prompt_ids = tokenizer.encode(text, add_special_tokens=False)
    stream = ResponseStream.for_prompt(tokenizer, prompt, prompt_ids=prompt_ids)
    input_ids, past = torch.tensor([prompt_ids]), None
    shown = None
    with torch.no_grad():
        while not stream.finished:
            output = model(input_ids=input_ids, past_key_values=past, use_cache=True)
            past = output.past_key_values
            token_id = sampler.do_sample(output.logits[0, -1])
            delta = stream.push_delta(token_id)
            for channel, piece in (("thinking", delta.reasoning), ("answer", delta.content)):
                if piece:
                    print(piece if shown == channel else f"\n  [{channel}] {piece}", end="")
                    shown = channel
            for call in delta.tool_calls:
                if call.name and call.arguments is None:
                    print(f"\n  [tool call] {call.name}(…)", end="")
                    shown = "tool"
            input_ids = torch.tensor([[token_id]])
    print()
    return stream


def chat(model: Any, tokenizer: Any, sampler: Any) -> list[dict[str, Any]]:
    """The application: ask, dispatch the tool call, send the result back, get the answer."""
    prompt = get_chat_prompt("Qwen/Qwen3-8B")
    messages: list[dict[str, Any]] = [{"role": "user", "content": "東京の天気は？☔"}]
    first = stream_turn(model, tokenizer, sampler, prompt, messages)
    tool_calls = [
        {"type": "function", "function": {"name": call.name, "arguments": call.arguments}}
        for call in first.tool_calls
    ]
    messages.append(
        {
            "role": "assistant",
            "content": first.text,
            "tool_calls": tool_calls,
            "reasoning_content": first.reasoning,
        }
    )
    for call in first.tool_calls:
        result = get_weather(**(call.arguments or {}))
        print(f"  [dispatch] {call.name}({call.arguments}) -> {result}")
        messages.append(
            {"role": "tool", "name": call.name, "content": json.dumps(result, ensure_ascii=False)}
        )
    second = stream_turn(model, tokenizer, sampler, prompt, messages)
    messages.append(
        {"role": "assistant", "content": second.text, "reasoning_content": second.reasoning}
    )
    return messages


def main() -> None:
    """Record the chat once (tiny model, scripted sampler), then stream it from the recording."""
    tokenizer = llama2_tokenizer()
    with tempfile.TemporaryDirectory() as folder:
        print("== three channels: recording with ProbeTransformer")
        with ProbeTransformer(tiny_llama(seed=0), tokenizer, "channels", folder) as probe:
            sampler = probe.get_token_sampler(ScriptedSampler(tokenizer, SCRIPT))
            recorded = chat(probe.get_model(), probe.get_tokenizer(), sampler)
        print("== the same chat replayed by MockTransformer (no model)")
        mock = MockTransformer("channels", folder)
        replayed = chat(mock.get_model(), mock.get_tokenizer(), mock.get_token_sampler())
    print(f"replayed conversation equals the recorded one: {replayed == recorded}")


if __name__ == "__main__":
    main()
