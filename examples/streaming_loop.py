"""A ChatStream-style streaming loop: one token per step, exact text out.

The loop runs the model one token at a time (``await asyncio.sleep(0)`` between steps so other
requests get served), pushes each id into a :class:`chatprompt.ResponseStream` and yields
``(response_text, updated_text, pos)`` as ChatStream's generator does: the response so far, the
new piece, and ``"begin"`` / ``"mid"`` / ``"end"``. The model is a tiny random Llama, recorded
once and replayed by ``MockTransformer``, so the answer is gibberish, but it is real
sentencepiece output: byte-fallback pieces, Japanese, emoji.

Run: ``python examples/streaming_loop.py``.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from typing import Any

from chatprompt import Llama2ChatPrompt, ResponseStream, encode_prompt
from local_models import llama2_tokenizer, tiny_llama
from transformer_mock import MockTransformer, ProbeTransformer, TokenSampler


async def generate(
    model: Any,
    tokenizer: Any,
    prompt: Llama2ChatPrompt,
    *,
    max_new_tokens: int = 48,
    sampler: Any = None,
) -> AsyncIterator[tuple[str, str, str]]:
    """Yield ``(response_text, updated_text, pos)`` per generated token, then a last ``"end"``.

    The answer is put into ``prompt``'s pending responder slot when the generation ends.
    ``sampler`` is a ChatStream-style ``do_sample`` object (``TokenSampler`` by default).
    """
    import torch

    # One BOS per exchange, no control tokens forged from user text.
    prompt_ids = encode_prompt(tokenizer, prompt)
    stream = ResponseStream.for_prompt(tokenizer, prompt, prompt_ids=prompt_ids)
    sampler = sampler if sampler is not None else TokenSampler()
    generated: list[int] = []
    input_ids = torch.tensor([prompt_ids])
    cache = None  # the key/value cache
    for index in range(max_new_tokens):
        await asyncio.sleep(0)  # let the event loop serve other clients between tokens
        with torch.no_grad():
            output = model(input_ids=input_ids, cache=cache, use_cache=True)
        cache = output.cache
        token_id = sampler.do_sample(
            output.logits[0, -1], top_k=50, top_p=0.9, temperature=0.7, past_tokens=generated
        )
        generated.append(token_id)
        input_ids = torch.tensor([[token_id]])

        updated_text = stream.push(token_id)
        yield stream.text, updated_text, "begin" if index == 0 else "mid"
        if stream.finished:  # end of sequence or a stop string
            break
    updated_text = stream.finish()  # "length" unless EOS or a stop string said otherwise
    prompt.set_responder_last_msg(stream.text)
    yield stream.text, updated_text, "end"


async def chat(
    max_new_tokens: int = 48, model: Any = None, tokenizer: Any = None, sampler: Any = None
) -> tuple[str, list[tuple[str, str, str]]]:
    """One exchange (the tiny model unless another model is given); returns the answer and
    everything yielded."""
    tokenizer = tokenizer if tokenizer is not None else llama2_tokenizer()
    model = model if model is not None else tiny_llama(seed=0)
    prompt = Llama2ChatPrompt()
    prompt.add_requester_msg("浅草寺について教えてください 🙏")
    prompt.add_responder_msg(None)
    steps = [
        step
        async for step in generate(
            model, tokenizer, prompt, max_new_tokens=max_new_tokens, sampler=sampler
        )
    ]
    return prompt.get_responder_last_msg() or "", steps


def main() -> None:
    """Record one streamed answer from the tiny model, then stream it again from the recording
    with ``MockTransformer`` (no model), as an application's test would."""
    with tempfile.TemporaryDirectory() as folder:
        with ProbeTransformer(tiny_llama(seed=0), llama2_tokenizer(), "stream", folder) as probe:
            recorded, _ = asyncio.run(
                chat(
                    model=probe.get_model(),
                    tokenizer=probe.get_tokenizer(),
                    sampler=probe.get_token_sampler(),
                )
            )
        mock = MockTransformer("stream", folder)
        answer, steps = asyncio.run(
            chat(
                model=mock.get_model(),
                tokenizer=mock.get_tokenizer(),
                sampler=mock.get_token_sampler(),
            )
        )
    print("== streaming loop: Llama2ChatPrompt + ResponseStream, replayed by MockTransformer ==")
    print(" | ".join(f"{pos}:{updated_text!r}" for _text, updated_text, pos in steps[:12]), "...")
    print(f"answer ({len(steps) - 1} tokens): {answer!r}")
    print(f"replayed stream equals the recorded one: {answer == recorded}")


if __name__ == "__main__":
    main()
