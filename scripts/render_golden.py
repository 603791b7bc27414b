"""Write (or check) a preset's golden files: the expected render of every test conversation.

From a published chat template (rendered as transformers' ``apply_chat_template`` renders it)::

    python scripts/render_golden.py path/to/template.jinja --preset llama-3.1 \\
        --bos-token '<|begin_of_text|>' --eos-token '<|eot_id|>'

From our own preset, for formats with no published template (ChatStream's presets)::

    python scripts/render_golden.py --from-preset rinna

``--check`` reports differences from the files on disk instead of writing, and exits 1 if there
are any. Conversations come from ``tests/chatprompt/presets/conversations.json``; files go to
``tests/chatprompt/presets/expected/<preset>/``: ``<conversation>.txt`` holds the exact text,
``<conversation>.error`` the name of the error class our preset raises where the template
raises. See docs/presets.md, "Golden files".
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.chatprompt.presets._conversations import (  # noqa: E402
    CONVERSATIONS_FILE,
    ERROR_SUFFIX,
    EXPECTED_DIR,
    STOP_STRS_FILE,
    TEMPLATE_VARS_FILE,
    TEXT_SUFFIX,
    Conversation,
    folder_template_vars,
    golden_outcome,
    load_conversations,
    read_golden,
)

from chatprompt import get_chat_prompt  # noqa: E402


def render_template(
    template: str, conversation: Conversation, template_vars: dict[str, Any], tokens: dict[str, str]
) -> str:
    """Render ``conversation`` as ``tokenizer.apply_chat_template(..., tokenize=False)`` does."""
    from transformers.utils.chat_template_utils import (
        _normalize_chat_messages,
        render_jinja_template,
    )

    # Annotated "-> str", it returns (renders, generation indices), one render per conversation.
    # apply_chat_template drops None-valued message keys before rendering: so do we.
    result: Any = render_jinja_template(
        conversations=[_normalize_chat_messages(conversation.messages)],
        chat_template=template,
        add_generation_prompt=conversation.add_generation_prompt,
        **conversation.arguments,
        **{**tokens, **template_vars},
    )
    return str(result[0][0])


def template_outcome(
    args: argparse.Namespace,
    template: str,
    conversation: Conversation,
    ours: tuple[str, str],
) -> tuple[str, str] | str:
    """The golden (suffix, content) from the template, or why there is none."""
    tokens = {
        key: value
        for key, value in (("bos_token", args.bos_token), ("eos_token", args.eos_token))
        if value is not None
    }
    template_vars = {**args.template_vars, **conversation.template_vars}
    try:
        return TEXT_SUFFIX, render_template(template, conversation, template_vars, tokens)
    except Exception as error:  # any template failure is a rejection
        if ours[0] == ERROR_SUFFIX:
            return ours
        return (
            f"the template rejects it ({type(error).__name__}: {error}) but the preset renders it"
        )


def parse_template_vars(pairs: list[str]) -> dict[str, Any]:
    """``NAME=VALUE`` pairs; a VALUE that parses as JSON is used as such."""
    template_vars: dict[str, Any] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        try:
            template_vars[name] = json.loads(value)
        except json.JSONDecodeError:
            template_vars[name] = value
    return template_vars


def main(argv: list[str] | None = None) -> int:
    """Write or check one preset's golden files; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template", nargs="?", type=Path, help="a Jinja chat template file")
    parser.add_argument("--preset", help="the preset's registered short name (folder name)")
    parser.add_argument("--from-preset", metavar="NAME", help="render with our preset NAME")
    parser.add_argument("--bos-token", help="bos_token for the template (undefined if omitted)")
    parser.add_argument("--eos-token", help="eos_token for the template (undefined if omitted)")
    parser.add_argument(
        "--var",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a template variable for every conversation (saved in template_vars.json)",
    )
    parser.add_argument("--conversations", type=Path, default=CONVERSATIONS_FILE)
    parser.add_argument("--out", type=Path, default=EXPECTED_DIR)
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args(argv)
    if (args.template is None) == (args.from_preset is None):
        parser.error("give either a TEMPLATE file (with --preset) or --from-preset NAME")
    if args.from_preset is not None:
        args.preset = args.from_preset
    if args.preset is None:
        parser.error("a TEMPLATE needs --preset NAME")
    get_chat_prompt(args.preset)  # fails early on an unknown name

    folder = args.out / args.preset
    args.template_vars = {**folder_template_vars(folder), **parse_template_vars(args.var)}
    template = None if args.template is None else args.template.read_text(encoding="utf-8")
    wanted, skipped, otherwise = golden_contents(args, template)
    present = {path.name for path in folder.glob("*")} if folder.exists() else set()
    keep = {name for name in present if name.rpartition(".")[0] in skipped}
    if template is not None and STOP_STRS_FILE in present:
        keep.add(STOP_STRS_FILE)  # a template says nothing about stop strings
    else:
        stops = get_chat_prompt(args.preset, **args.template_vars).get_stop_strs()
        wanted[STOP_STRS_FILE] = json.dumps(stops, ensure_ascii=False) + "\n"
    for name in keep:
        wanted[name] = read_golden(folder / name)
    changes = sync(folder, present, wanted, write=not args.check)
    problems = len(skipped) + otherwise + (changes if args.check else 0)
    print(f"{args.preset}: {len(wanted)} files, {changes} changes, {problems} problems")
    return 1 if problems else 0


def golden_contents(
    args: argparse.Namespace, template: str | None
) -> tuple[dict[str, str], set[str], int]:
    """The golden files by name, the conversations that get none, and how many of the
    template's renders our preset renders otherwise (both reported)."""
    wanted: dict[str, str] = {}
    skipped: set[str] = set()
    otherwise = 0
    for name, conversation in load_conversations(args.conversations).items():
        ours = golden_outcome(args.preset, conversation, args.template_vars)
        outcome = ours if template is None else template_outcome(args, template, conversation, ours)
        if isinstance(outcome, str):
            print(f"{args.preset}/{name}: NOT WRITTEN: {outcome}")
            skipped.add(name)
            continue
        wanted[name + outcome[0]] = outcome[1]
        if outcome != ours:
            otherwise += 1
            print(f"{args.preset}/{name}: our preset renders otherwise:")
            diff = difflib.unified_diff(
                outcome[1].splitlines(keepends=True),
                ours[1].splitlines(keepends=True),
                "template",
                "preset",
            )
            sys.stdout.writelines(f"  {line!r}\n" for line in diff)
    if args.template_vars:
        text = json.dumps(args.template_vars, ensure_ascii=False, indent=2)
        wanted[TEMPLATE_VARS_FILE] = text + "\n"
    return wanted, skipped, otherwise


def sync(folder: Path, present: set[str], wanted: dict[str, str], write: bool) -> int:
    """Report (and if ``write``, make) the changes from the files present to those wanted."""
    changes = 0
    for name in sorted(present | set(wanted)):
        old = read_golden(folder / name) if name in present else None
        new = wanted.get(name)
        if old == new:
            continue
        changes += 1
        state = "extra" if new is None else "new" if old is None else "differs"
        print(f"{folder.name}/{name}: {state}")
        if write and new is None:
            (folder / name).unlink()
        elif write and new is not None:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(new.encode("utf-8"))
    return changes


if __name__ == "__main__":
    sys.exit(main())
