"""Record a multi-turn Llama 2 chat once with the probe, then replay it with no model at all.

The chat runs the way a ChatStream-style server runs it: ``Llama2ChatPrompt`` builds the prompt,
a manual token loop calls the model with a KV cache and samples each token. The probe records it
into a temporary directory; ``MockTransformer`` replays it with another random seed and gets the
same transcript, much faster.

Run: ``python examples/record_replay.py`` (``make demo`` calls :func:`main`).
"""

from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import torch
import transformers

from chatprompt import Llama2ChatPrompt
from local_models import llama2_tokenizer, tiny_llama
from transformer_mock import MockTransformer, ProbeTransformer

QUESTIONS = (
    "浅草寺はどこですか？🙏",
    "How do I get there from Tokyo Station? 🚃",
    "ありがとう！お土産のおすすめは？🍡",
)


def run_chat(model: Any, tokenizer: Any, sampler: Any, new_tokens: int) -> list[str]:
    """The application: a multi-turn chat with a manual, sampled token loop."""
    prompt = Llama2ChatPrompt()
    answers = []
    for question in QUESTIONS:
        prompt.add_requester_msg(question)
        prompt.add_responder_msg(None)
        # The seed layout carries "<s>" in its text: no second BOS from the tokenizer.
        input_ids = tokenizer(
            prompt.create_prompt(), add_special_tokens=False, return_tensors="pt"
        ).input_ids
        generated: list[int] = []
        past, step_input = None, input_ids
        with torch.no_grad():
            for _ in range(new_tokens):
                out = model(input_ids=step_input, past_key_values=past, use_cache=True)
                past = out.past_key_values
                token = sampler.do_sample(
                    out.logits[0][-1], top_k=50, top_p=0.9, temperature=0.7, past_tokens=generated
                )
                generated.append(token)
                if token == tokenizer.eos_token_id:
                    break
                step_input = torch.tensor([[token]])
        answer = tokenizer.decode(generated, skip_special_tokens=True)
        prompt.set_responder_last_msg(answer)
        answers.append(answer)
    return answers


def main(new_tokens: int = 64) -> None:
    """Record the chat with the tiny model and the real tokenizer, replay it, compare."""
    # the loop passes past_key_values the ChatStream way; transformers 5 prefers cache=
    warnings.filterwarnings("ignore", message=".*past_key_values.*", category=FutureWarning)
    transformers.logging.set_verbosity_error()
    model, tokenizer = tiny_llama(), llama2_tokenizer()
    with tempfile.TemporaryDirectory() as folder:
        torch.manual_seed(1)
        started = time.perf_counter()
        with ProbeTransformer(model, tokenizer, "llama2-chat", folder) as probe:
            recorded = run_chat(
                probe.get_model(), probe.get_tokenizer(), probe.get_token_sampler(), new_tokens
            )
        real_seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in (Path(folder) / "llama2-chat").glob("*.*"))

        torch.manual_seed(2)  # another seed: replay does not depend on it
        started = time.perf_counter()
        mock = MockTransformer("llama2-chat", folder)
        replayed = run_chat(
            mock.get_model(), mock.get_tokenizer(), mock.get_token_sampler(), new_tokens
        )
        replay_seconds = time.perf_counter() - started

    print("== record / replay (transformer_mock)")
    for question, real, fake in zip(QUESTIONS, recorded, replayed, strict=True):
        print(f"Q: {question}\n  recorded: {real[:70]!r}\n  replayed: {fake[:70]!r}")
    print(f"transcripts identical: {recorded == replayed}")
    print(
        f"recording: {size:,} bytes for {len(QUESTIONS) * new_tokens} generated tokens; "
        f"real {real_seconds:.2f} s (incl. probe), replay {replay_seconds:.2f} s (incl. loading), "
        f"{real_seconds / replay_seconds:.0f}× faster"
    )


if __name__ == "__main__":
    main()
