"""A probe process for crash and concurrency tests, forked from a warm parent to start fast.

Run as a script, it loads the tiny model and the tokenizer once, then reads commands (JSON, one
per line) on stdin and forks a child for each, so each probe process starts in milliseconds:

- ``{"cmd": "loop", "dir": D, "tag": T}``: the child probes into ``D`` and generates forever;
- ``{"cmd": "run", "dir": D, "tag": T, "count": N}``: the child generates N times and exits;
- ``{"cmd": "serve", "dir": D, "tag": T, "end": E}``: the child answers three chat requests in
  a ChatStream-style manual loop (the first greedy, the others sampled through the probe's
  sampler), never closes the probe, and then either idles (``E`` is ``"idle"``: it prints
  ``idle T`` and sleeps until killed) or calls ``sys.exit(0)`` (``E`` is ``"exit"``);
- ``{"cmd": "stream", "dir": D, "tag": T, "count": N}``: the child streams a greedy
  ``generate`` through a ``TextIteratorStreamer`` in a thread, printing ``shown T {json}`` for
  each text chunk it receives; after N generated tokens ``generate`` blocks (it prints
  ``blocked T K``, K the tokens the streamer was handed so far) until the child is killed;
- ``{"cmd": "wait", "pid": P}``: wait for child P to end.

It prints ``pid T P`` for each fork and ``reaped P`` after a wait; a child prints ``ready T``
once its probe is open, ``finished {json}`` (prompt and generated ids) after each generation it
finished, and ``done T`` at the end of a run. Children write with one ``os.write`` per line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import torch

from transformer_mock import ProbeTransformer


def say(line: str) -> None:
    """Write one line to stdout with a single write (whole, even from several processes)."""
    os.write(1, (line + "\n").encode("utf-8"))


def prompt_for(tag: str, number: int) -> str:
    """The chat prompt of generation ``number`` of probe ``tag``."""
    return f"<s>[INST] {tag}-{number} 浅草寺🍣はどこ？ [/INST]"


def generate(model: Any, tokenizer: Any, prompt: str, max_new_tokens: int) -> list[int]:
    """Greedy ``generate``; returns the generated ids."""
    encoded = tokenizer(prompt, add_special_tokens=False, return_tensors="pt")
    with torch.no_grad():
        out = model.generate(**encoded, max_new_tokens=max_new_tokens, do_sample=False)
    return [int(i) for i in out[0, encoded["input_ids"].shape[1] :]]


def child(model: Any, tokenizer: Any, command: dict[str, Any]) -> None:
    """Probe into the command's directory and generate until killed or ``count`` is reached."""
    folder = Path(command["dir"])
    tag = command["tag"]
    with ProbeTransformer(model, tokenizer, folder.name, folder.parent) as probe:
        probed, probed_tokenizer = probe.get_model(), probe.get_tokenizer()
        say(f"ready {tag}")
        number = 0
        while command.get("count") is None or number < command["count"]:
            prompt = prompt_for(tag, number)
            ids = generate(probed, probed_tokenizer, prompt, 1 + number % 3)
            say("finished " + json.dumps({"prompt": prompt, "generated": ids}))
            number += 1
    say(f"done {tag}")


def serve(model: Any, tokenizer: Any, command: dict[str, Any]) -> None:
    """Answer three requests through a probe that is never closed, then idle or exit."""
    from chat_app import manual_loop

    folder = Path(command["dir"])
    tag = command["tag"]
    probe = ProbeTransformer(model, tokenizer, folder.name, folder.parent)
    probed, probed_tokenizer = probe.get_model(), probe.get_tokenizer()
    sampler = probe.get_token_sampler()
    torch.manual_seed(7)

    def sample(logits: torch.Tensor, generated: list[int]) -> int:
        return int(sampler.do_sample(logits, temperature=0.9, top_k=40))

    for number in range(3):
        prompt = prompt_for(tag, number)
        pick = None if number == 0 else sample
        ids = manual_loop(probed, probed_tokenizer, prompt, 3 + number, pick=pick)
        say("finished " + json.dumps({"prompt": prompt, "generated": ids}))
    if command["end"] == "exit":
        sys.exit(0)  # no probe.close(); main's finally ends the forked child with os._exit
    say(f"idle {tag}")
    while True:
        time.sleep(1)


def stream(model: Any, tokenizer: Any, command: dict[str, Any]) -> None:
    """Stream a generation to the "screen" (stdout) and block in it after ``count`` tokens."""
    import threading

    from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

    folder = Path(command["dir"])
    tag, count = command["tag"], command["count"]
    probe = ProbeTransformer(model, tokenizer, folder.name, folder.parent)
    probed, probed_tokenizer = probe.get_model(), probe.get_tokenizer()
    encoded = probed_tokenizer(prompt_for(tag, 0), add_special_tokens=False, return_tensors="pt")
    width = encoded["input_ids"].shape[1]

    class CountingStreamer(TextIteratorStreamer):
        handed = -1  # the first put is the prompt

        def put(self, value: torch.Tensor) -> None:
            self.handed += 1 if self.handed < 0 else value.numel()
            super().put(value)

    streamer = CountingStreamer(probed_tokenizer, skip_prompt=True)

    class BlockAfterCount(StoppingCriteria):
        def __call__(self, input_ids: torch.Tensor, scores: Any, **kwargs: Any) -> torch.Tensor:
            if input_ids.shape[1] - width >= count:
                say(f"blocked {tag} {streamer.handed}")
                while True:
                    time.sleep(1)
            return torch.zeros(input_ids.shape[0], dtype=torch.bool)

    options = {
        "max_new_tokens": count + 10,
        "min_new_tokens": count + 1,
        "do_sample": False,
        "streamer": streamer,
        "stopping_criteria": StoppingCriteriaList([BlockAfterCount()]),
    }
    threading.Thread(target=probed.generate, kwargs={**encoded, **options}, daemon=True).start()
    for text in streamer:
        say(f"shown {tag} " + json.dumps(text, ensure_ascii=False))


def main() -> None:
    """Load once, then fork a probe child per command."""
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    torch.set_num_threads(1)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
    from local_models import llama2_tokenizer, tiny_llama

    model, tokenizer = tiny_llama(), llama2_tokenizer()
    generate(model, tokenizer, prompt_for("warm", 0), 2)
    say("zygote ready")
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] == "wait":
            os.waitpid(command["pid"], 0)
            say(f"reaped {command['pid']}")
            continue
        pid = os.fork()
        if pid == 0:
            try:
                if command["cmd"] == "serve":
                    serve(model, tokenizer, command)
                if command["cmd"] == "stream":
                    stream(model, tokenizer, command)
                child(model, tokenizer, command)
            finally:
                os._exit(0)
        say(f"pid {command['tag']} {pid}")


if __name__ == "__main__":
    main()
