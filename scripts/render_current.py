"""Write golden files for a current-generation format by rendering a published chat template.

Usage::

    python scripts/render_current.py TEMPLATE.jinja --module qwen3 \
        [--bos-token "<s>"] [--eos-token "</s>"] [--conversations FILE.json ...] [--check]

Renders ``TEMPLATE.jinja`` with transformers' own ``render_jinja_template`` (what
``tokenizer.apply_chat_template(..., tokenize=False)`` runs) over every conversation in
``tests/chatprompt/current/conversations.json`` and the extra files given, and writes
``tests/chatprompt/current/expected/<module>/<conversation>.txt`` (exact bytes), or
``<conversation>.error`` holding the template's own error message when the template refuses the
conversation. The clock that ``strftime_now`` reads is frozen on both sides, at
``DEFAULT_NOW`` or at a conversation's own ``"now"``. ``--check`` compares with our renderer
(``chatprompt.presets.<module>.render``) instead of writing, and prints every difference.

The template file is yours to point at (a model's published ``chat_template``); the tests and
the library never read it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_NOW = "2026-11-29T09:30:00"
"""The clock every render sees unless a conversation names its own ``"now"``: goldens of
formats that print today's date stay the same on every day."""

HERE = Path(__file__).resolve().parent.parent / "tests" / "chatprompt" / "current"


def load_conversations(extra: list[Path]) -> dict[str, dict[str, Any]]:
    conversations: dict[str, dict[str, Any]] = {}
    for path in [HERE / "conversations.json", *extra]:
        for name, conversation in json.loads(path.read_text(encoding="utf-8")).items():
            if name in conversations:
                raise SystemExit(f"conversation {name!r} is defined twice ({path})")
            conversations[name] = conversation
    return conversations


@contextlib.contextmanager
def frozen_now(module: Any, now: str | None) -> Iterator[None]:
    """``datetime.now()`` in ``module`` returns ``now`` (ISO text) while inside, when given."""
    if now is None:
        yield
        return
    real = module.datetime

    class Frozen(real):  # type: ignore[misc, valid-type]
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return real.fromisoformat(now)

    module.datetime = Frozen
    try:
        yield
    finally:
        module.datetime = real


def render_template(template: str, conversation: dict[str, Any], tokens: dict[str, str]) -> str:
    from transformers.utils import chat_template_utils
    from transformers.utils.chat_template_utils import (
        _normalize_chat_messages,
        render_jinja_template,
    )

    if conversation["continue_final_message"] and conversation["add_generation_prompt"]:
        raise ValueError("continue_final_message and add_generation_prompt are not compatible")
    with frozen_now(chat_template_utils, conversation.get("now", DEFAULT_NOW)):
        # What apply_chat_template does before rendering: drop None-valued message keys.
        rendered, _ = render_jinja_template(
            conversations=[_normalize_chat_messages(conversation["messages"])],
            tools=conversation["tools"],
            documents=conversation["documents"],
            chat_template=template,
            add_generation_prompt=conversation["add_generation_prompt"],
            continue_final_message=conversation["continue_final_message"],
            **tokens,
            **conversation["template_vars"],
        )
    return str(rendered[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("template", type=Path)
    parser.add_argument("--module", required=True, help="chatprompt.presets module name")
    parser.add_argument("--bos-token", default="")
    parser.add_argument("--eos-token", default="")
    parser.add_argument("--conversations", type=Path, action="append", default=[])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    template = args.template.read_text(encoding="utf-8")
    tokens = {"bos_token": args.bos_token, "eos_token": args.eos_token}
    out = HERE / "expected" / args.module
    differences = 0
    for name, conversation in load_conversations(args.conversations).items():
        try:
            expected, suffix = render_template(template, conversation, tokens), ".txt"
        except Exception as error:  # the template's own refusal, whatever its type
            expected, suffix = str(error), ".error"
        if args.check:
            from chatprompt._conversation import make_conversation, render_continuing
            from chatprompt.presets import _jinja_values

            module = importlib.import_module(f"chatprompt.presets.{args.module}")
            try:
                with frozen_now(_jinja_values, conversation.get("now", DEFAULT_NOW)):
                    actual = render_continuing(
                        module.render,
                        make_conversation(
                            conversation["messages"],
                            conversation["add_generation_prompt"],
                            tools=conversation["tools"],
                            documents=conversation["documents"],
                            **conversation["template_vars"],
                        ),
                        conversation["continue_final_message"],
                    )
                got = ".txt"
            except Exception as error:
                actual, got = str(error), ".error"
            if got != suffix or (suffix == ".txt" and actual != expected):
                differences += 1
                print(f"--- {name}: expected{suffix}\n{expected!r}\n+++ ours{got}\n{actual!r}")
            continue
        out.mkdir(parents=True, exist_ok=True)
        for stale in (out / f"{name}.txt", out / f"{name}.error"):
            stale.unlink(missing_ok=True)
        (out / f"{name}{suffix}").write_bytes(expected.encode("utf-8"))
        print(f"wrote {out / (name + suffix)}")
    if args.check:
        print(f"{differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
