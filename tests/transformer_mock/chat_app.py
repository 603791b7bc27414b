"""A small ChatStream-style chat "application" the tests record and replay.

It drives a model the way chat servers do: a manual token loop (with or without a KV cache,
argmax or a sampler) or ``model.generate`` (optionally streaming), over a Llama 2 prompt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import torch
from transformers import TextIteratorStreamer

QUESTIONS = (
    "浅草寺はどこですか？🙏",
    "How do I get there from Tokyo Station? 🚃",
    "ありがとう！お土産のおすすめは？🍡",
)

SAMPLED_GENERATE = {"do_sample": True, "temperature": 0.9, "top_k": 50, "top_p": 0.95}
"""The sampling settings of the recorded ``generate`` call."""


def llama2_prompt(turns: Sequence[tuple[str, str | None]]) -> str:
    """``<s>[INST] q1 [/INST] a1 </s><s>[INST] q2 [/INST]`` (the answer of the last turn None)."""
    prompt = ""
    for question, answer in turns:
        prompt += f"<s>[INST] {question} [/INST]"
        if answer is not None:
            prompt += f" {answer} </s>"
    return prompt


def manual_loop(
    model: Any,
    tokenizer: Any,
    prompt: str,
    max_new_tokens: int,
    *,
    pick: Callable[[torch.Tensor, list[int]], int] | None = None,
    use_cache: bool = True,
) -> list[int]:
    """Generate token by token as ChatStream does; returns the generated ids (EOS included)."""
    input_ids = torch.tensor([tokenizer.encode(prompt, add_special_tokens=False)]).to("cpu")
    generated: list[int] = []
    past = None
    step_input = input_ids
    for _ in range(max_new_tokens):
        with torch.no_grad():
            if use_cache:
                out = model(input_ids=step_input, past_key_values=past, use_cache=True)
                past = out.past_key_values
            else:
                full = torch.cat([input_ids, torch.tensor([generated], dtype=torch.long)], dim=1)
                out = model(input_ids=full if generated else input_ids, use_cache=False)
        logits = out.logits[0][-1]
        token = int(torch.argmax(logits)) if pick is None else int(pick(logits, generated))
        generated.append(token)
        if token == tokenizer.eos_token_id:
            break
        step_input = torch.tensor([[token]])
    return generated


def chat(
    model: Any,
    tokenizer: Any,
    questions: Sequence[str],
    max_new_tokens: int,
    **loop_options: Any,
) -> list[str]:
    """A multi-turn chat: each answer is decoded and goes into the next turn's prompt."""
    turns: list[tuple[str, str | None]] = []
    answers = []
    for question in questions:
        prompt = llama2_prompt([*turns, (question, None)])
        ids = manual_loop(model, tokenizer, prompt, max_new_tokens, **loop_options)
        answer = tokenizer.decode(ids, skip_special_tokens=True)
        answers.append(answer)
        turns.append((question, answer))
    return answers


def generate_text(
    model: Any, tokenizer: Any, prompt: str, *, stream: bool = False, **generate_options: Any
) -> tuple[list[int], str]:
    """``model.generate`` on the prompt; returns the new ids and their text (streamed or not)."""
    inputs = tokenizer(prompt, return_tensors="pt")
    if not stream:
        output = model.generate(**inputs, **generate_options)
        new_ids = output[0, inputs["input_ids"].shape[1] :].tolist()
        return new_ids, tokenizer.decode(new_ids, skip_special_tokens=True)
    streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
    result: dict[str, Any] = {}

    def run() -> None:
        result["output"] = model.generate(**inputs, streamer=streamer, **generate_options)

    thread = threading.Thread(target=run)
    thread.start()
    text = "".join(streamer)
    thread.join()
    new_ids = result["output"][0, inputs["input_ids"].shape[1] :].tolist()
    return new_ids, text


def custom_sampler(logits: torch.Tensor, generated: list[int]) -> int:
    """An application's own sampler: temperature 0.8, top-40, a random draw."""
    top = torch.topk(logits.float() / 0.8, 40)
    choice = torch.multinomial(torch.softmax(top.values, dim=-1), num_samples=1)
    return int(top.indices[choice])
