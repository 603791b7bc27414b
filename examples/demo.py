"""``make demo``: the library's main jobs end to end, offline, on the CPU.

1. Record a multi-turn Llama 2 chat with a tiny local model and the real tokenizer, replay it
   with ``MockTransformer`` (no model), and show both transcripts and the speed-up.
2. Build the Llama 2 Titanic conversation with ``Llama2ChatPrompt`` and tokenize it.
3. Stream an answer token by token with ``ResponseStream`` in a ChatStream-style loop.
4. Stream a reasoning, tool-calling chat in three channels (thinking, answer, tool calls),
   recorded once and replayed by ``MockTransformer``.
"""

from __future__ import annotations

import channels_loop
import record_replay
import streaming_loop
import titanic


def main() -> None:
    """Run each example in turn."""
    record_replay.main()
    print()
    titanic.main()
    print()
    streaming_loop.main()
    print()
    channels_loop.main()


if __name__ == "__main__":
    main()
