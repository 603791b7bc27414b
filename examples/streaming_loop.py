"""A ChatStream-style streaming loop: one token per step, exact text out.

The loop runs the model one token at a time (``await asyncio.sleep(0)`` between steps so other
requests get served), pushes each id into a :class:`chatprompt.ResponseStream` and yields
``(response_text, updated_text, pos)`` as ChatStream's generator does: the response so far, the
new piece, and ``"begin"`` / ``"mid"`` / ``"end"``. The model is a tiny random Llama, so the
answer is gibberish, but it is real sentencepiece output: byte-fallback pieces, Japanese,
emoji.

Run: ``python examples/streaming_loop.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from chatprompt import Llama2ChatPrompt, ResponseStream, encode_prompt
from local_models import llama2_tokenizer, tiny_llama


async def generate(
    model: Any,
    tokenizer: Any,
    prompt: Llama2ChatPrompt,
    *,
    max_new_tokens: int = 48,
    seed: int = 0,
) -> AsyncIterator[tuple[str, str, str]]:
    """Yield ``(response_text, updated_text, pos)`` per generated token, then a last ``"end"``.

    The answer is put into ``prompt``'s pending responder slot when the generation ends.
    """
    import torch

    # One BOS per exchange, no control tokens forged from user text.
    prompt_ids = encode_prompt(tokenizer, prompt)
    stream = ResponseStream.for_prompt(tokenizer, prompt, prompt_ids=prompt_ids)
    generator = torch.Generator().manual_seed(seed)
    input_ids = torch.tensor([prompt_ids])
    cache = None  # the key/value cache ("past_key_values" before transformers 5)
    for index in range(max_new_tokens):
        await asyncio.sleep(0)  # let the event loop serve other clients between tokens
        with torch.no_grad():
            output = model(input_ids=input_ids, cache=cache, use_cache=True)
        cache = output.cache
        probabilities = torch.softmax(output.logits[0, -1].float(), dim=-1)
        token_id = int(torch.multinomial(probabilities, 1, generator=generator))
        input_ids = torch.tensor([[token_id]])

        updated_text = stream.push(token_id)
        yield stream.text, updated_text, "begin" if index == 0 else "mid"
        if stream.finished:  # end of sequence or a stop string
            break
    updated_text = stream.finish()  # "length" unless EOS or a stop string said otherwise
    prompt.set_responder_last_msg(stream.text)
    yield stream.text, updated_text, "end"


async def chat(max_new_tokens: int = 48) -> tuple[str, list[tuple[str, str, str]]]:
    """One exchange with the tiny model; returns the answer and everything yielded."""
    tokenizer = llama2_tokenizer()
    model = tiny_llama(seed=0)
    prompt = Llama2ChatPrompt()
    prompt.add_requester_msg("浅草寺について教えてください 🙏")
    prompt.add_responder_msg(None)
    steps = [
        step async for step in generate(model, tokenizer, prompt, max_new_tokens=max_new_tokens)
    ]
    return prompt.get_responder_last_msg() or "", steps


def main() -> None:
    """Stream one answer to the terminal, then show it equals the one-shot decode."""
    answer, steps = asyncio.run(chat())
    print("== streaming loop: Llama2ChatPrompt + ResponseStream + tiny random Llama ==")
    for _response_text, updated_text, pos in steps:
        print(f"{pos:>5} {updated_text!r}")
    print(f"\nanswer ({len(steps) - 1} tokens): {answer!r}")


if __name__ == "__main__":
    main()
