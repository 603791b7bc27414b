"""Write the table of presets in ``docs/presets.md`` from the preset classes themselves.

    PYTHONPATH=src python scripts/preset_table.py           # print the table
    PYTHONPATH=src python scripts/preset_table.py --write   # replace it in docs/presets.md

The table sits between the ``preset-table`` markers; a test checks that it equals this
script's output, so the docs follow the classes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from chatprompt import AbstractChatPrompt, _output_formats, get_chat_prompt, list_chat_prompts

DOC = Path(__file__).resolve().parents[1] / "docs" / "presets.md"
START = "<!-- preset-table:start (scripts/preset_table.py writes this table) -->"
END = "<!-- preset-table:end -->"
HEADER = (
    "| class | short names | model ids | stop strings | features | output format | reference |\n"
    "| --- | --- | --- | --- | --- | --- | --- |\n"
)


def _code(values: Iterable[str]) -> str:
    """Each value as inline code (``|`` and newlines escaped), joined; ``—`` for none."""
    escaped = [value.replace("|", "\\|").replace("\n", "\\n") for value in values]
    return ", ".join(f"`{value}`" for value in escaped) or "—"


def _output_format_name(cls: type[AbstractChatPrompt]) -> str:
    found = cls.output_format
    if found is None:
        return "—"
    names = [name for name, value in vars(_output_formats).items() if value is found]
    return f"`{names[0]}`" if names else "yes"


def row(cls: type[AbstractChatPrompt]) -> str:
    """One preset's row."""
    ids = "<br>".join(f"`{model_id}`" for model_id in cls.model_ids) or "—"
    features = sorted(getattr(cls, "features", ()))
    cells = [
        f"`{cls.__name__}`",
        _code(cls.names),
        ids,
        _code(cls.stop_strs),
        ", ".join(features) or "—",
        _output_format_name(cls),
        cls.reference.replace("|", "\\|") or "—",
    ]
    return "| " + " | ".join(cells) + " |\n"


def table() -> str:
    """The table of every registered preset, in the order of their modules' names."""
    classes = {type(get_chat_prompt(name)) for name in list_chat_prompts()}
    ordered = sorted(classes, key=lambda cls: (cls.__module__, cls.__name__))
    return HEADER + "".join(row(cls) for cls in ordered)


def replaced(doc: str) -> str:
    """``doc`` with the text between the markers replaced by :func:`table`."""
    head, start, rest = doc.partition(START)
    _, end, tail = rest.partition(END)
    if not (start and end):
        raise SystemExit(f"{DOC} has no {START!r} ... {END!r} markers")
    return head + START + "\n" + table() + END + tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"replace the table in {DOC}")
    args = parser.parse_args(argv)
    if args.write:
        DOC.write_text(replaced(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
