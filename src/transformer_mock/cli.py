"""The ``transformer-mock`` command: list, show, verify and prune recordings.

Exit status: 0 when all is well, 1 when problems were found (a broken recording, a failed
check, a recording the usage file does not name), 2 for a usage error (bad arguments, a missing
directory or usage file).

``ls``, ``show`` and ``prune`` import neither torch nor transformers (only ``verify``, which
rebuilds the replay model, does), and print recorded text with control characters escaped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from transformer_mock._display import pad, printable, width
from transformer_mock._paths import default_parent_dir
from transformer_mock._store import META_FILE, Recording
from transformer_mock.errors import RecordingFormatError

__all__ = ["main"]

PROG = "transformer-mock"


class _UsageError(Exception):
    """A problem with what the user asked for (exit status 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, or argparse's usage error (already printed)
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        status: int = args.run(args)
    except _UsageError as error:
        _say(f"{PROG} {args.command}: error: {error}", sys.stderr)
        return 2
    except (RecordingFormatError, OSError) as error:
        _say(f"{PROG} {args.command}: error: {error}", sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="List, show, verify and prune transformer_mock recordings.",
        epilog="Exit status: 0 ok, 1 problems found, 2 usage error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ls = commands.add_parser(
        "ls",
        help="list the recordings under a folder",
        description="List the recordings under FOLDER (recursively): episodes, generated "
        "tokens and tokenizer of each. Broken recordings are listed with their error (exit 1).",
    )
    ls.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="FOLDER",
        help=f"where to look (default: {default_parent_dir()})",
    )
    ls.set_defaults(run=_ls)

    show = commands.add_parser(
        "show",
        help="print a recording's episodes as text",
        description="Print each episode of the recording in DIR as readable text: its id, "
        "finish reason, prompt and answer, decoded with the recording's own tokenizer pieces.",
    )
    show.add_argument("directory", type=Path, metavar="DIR", help="the recording directory")
    show.add_argument(
        "--id",
        action="append",
        dest="ids",
        metavar="EPISODE_ID",
        help="show only this episode (repeatable)",
    )
    show.set_defaults(run=_show)

    verify = commands.add_parser(
        "verify",
        help="check recordings load and replay",
        description="Check each recording: every file's schema, the tokenizer card against the "
        "recorded pieces, every episode replayed token for token through the mock model, every "
        "recorded encode decoding back to its text. Lists problems and exits 1 if any.",
    )
    verify.add_argument(
        "directories", nargs="+", type=Path, metavar="DIR", help="recording directories"
    )
    verify.set_defaults(run=_verify)

    prune = commands.add_parser(
        "prune",
        help="drop the episodes a test run did not replay",
        description="Drop from each recording DIR every episode that the test run which wrote "
        "the usage file(s) did not replay (pytest --transformer-mock-usage=FILE). "
        "episodes.jsonl is rewritten atomically under the writers' lock; tokenizer.jsonl is "
        "kept as it is. A recording no usage file names is left alone (exit 1).",
    )
    prune.add_argument(
        "directories", nargs="+", type=Path, metavar="DIR", help="recording directories"
    )
    prune.add_argument(
        "--usage",
        action="append",
        required=True,
        type=Path,
        metavar="FILE",
        help="usage file written by the pytest plugin (repeatable: their union counts; relative "
        "paths in it are taken from its folder)",
    )
    prune.add_argument(
        "--dry-run", action="store_true", help="say what would be dropped, change nothing"
    )
    prune.set_defaults(run=_prune)
    return parser


def _say(line: str, file: TextIO | None = None) -> None:
    """Print one line, control characters escaped (recordings and paths are untrusted)."""
    print(printable(line), file=file if file is not None else sys.stdout)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _recording_dir(path: Path) -> Path:
    if not path.is_dir():
        raise _UsageError(f"{str(path)!r} is not a directory")
    return path


def _ls(args: argparse.Namespace) -> int:
    folder = args.folder if args.folder is not None else default_parent_dir()
    if args.folder is None and not folder.exists():
        _say(f"no recordings under {folder}")
        return 0
    _recording_dir(folder)
    found = sorted(meta.parent for meta in folder.rglob(META_FILE) if meta.is_file())
    if not found:
        _say(f"no recordings under {folder}")
        return 0
    rows = [("RECORDING", "EPISODES", "GENERATED", "TOKENIZER")]
    broken = []
    for directory in found:
        name = printable(str(directory.relative_to(folder)) if directory != folder else ".")
        try:
            recording = Recording.load(directory)
        except RecordingFormatError as error:
            broken.append(f"{name}: {error}")
            rows.append((name, "-", "-", "BROKEN (see below)"))
            continue
        tokens = sum(len(trace.generated_ids) for trace in recording.episodes)
        card = recording.meta.tokenizer_card
        tokenizer = printable(card.name_or_path or card.class_name)
        rows.append((name, str(len(recording.episodes)), str(tokens), tokenizer))
    widths = [max(width(row[i]) for row in rows) for i in range(3)]
    for name, episodes, generated, tokenizer in rows:
        _say(
            f"{pad(name, widths[0])}  {pad(episodes, widths[1], right=True)}  "
            f"{pad(generated, widths[2], right=True)}  {tokenizer}"
        )
    for line in broken:
        _say(line, sys.stderr)
    return 1 if broken else 0


def _show(args: argparse.Namespace) -> int:
    from transformer_mock._episode_ids import episode_ids
    from transformer_mock._text_decoder import text_decoder

    recording = Recording.load(_recording_dir(args.directory))
    decode = text_decoder(recording)
    identities = episode_ids(recording)
    wanted = set(args.ids or ())
    count = len(recording.episodes)
    shown = 0
    episodes = zip(identities, recording.episodes, strict=True)
    for number, (identity, trace) in enumerate(episodes, start=1):
        if wanted and identity not in wanted:
            continue
        shown += 1
        _say(
            f"=== episode {number}/{count}  id {identity}  finish {trace.finish_reason.value}  "
            f"{len(trace.prompt_ids)} prompt + {len(trace.generated_ids)} generated tokens ==="
        )
        print("--- prompt ---")
        print(printable(decode(trace.prompt_ids), multiline=True))
        print("--- answer ---")
        print(printable(decode(trace.generated_ids), multiline=True))
        print()
    missing = wanted - set(identities)
    if missing:
        names = ", ".join(sorted(missing))
        _say(f"no episode with id {names} in {args.directory}", sys.stderr)
        return 1
    if not shown:
        _say(f"{args.directory}: no episodes")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from transformer_mock._verify import verify_recording

    failed = 0
    for directory in args.directories:
        if not directory.is_dir():
            _say(f"{directory}: FAILED")
            _say("  not a directory")
            failed += 1
            continue
        problems = verify_recording(directory)
        if problems:
            failed += 1
            _say(f"{directory}: FAILED ({_count(len(problems), 'problem')})")
            for problem in problems:
                _say(f"  {problem}")
        else:
            episodes = len(Recording.load(directory).episodes)
            _say(f"{directory}: ok ({_count(episodes, 'episode')})")
    return 1 if failed else 0


def _prune(args: argparse.Namespace) -> int:
    from transformer_mock._prune import prune_recording, read_usage

    directories = [_recording_dir(directory) for directory in args.directories]
    for file in args.usage:
        if not file.is_file():
            raise _UsageError(f"no such usage file {str(file)!r}")
    usages = [read_usage(file) for file in args.usage]
    status = 0
    for directory in directories:
        named = [usage[directory.resolve()] for usage in usages if directory.resolve() in usage]
        if not named:
            names = ", ".join(map(str, args.usage))
            _say(
                f"{PROG} prune: {directory} is not named in {names}: no test replayed from it in "
                "that run, so nothing is pruned (delete the directory if no test uses it)",
                sys.stderr,
            )
            status = 1
            continue
        result = prune_recording(directory, set().union(*named), dry_run=args.dry_run)
        verb = "would drop" if args.dry_run else "dropped"
        total = len(result.kept) + len(result.dropped)
        _say(f"{directory}: {verb} {len(result.dropped)} of {_count(total, 'episode')}")
        for identity, trace in zip(result.dropped_ids, result.dropped, strict=True):
            prompt = trace.prompt_text or f"<{len(trace.prompt_ids)} prompt ids>"
            _say(f"  {identity}  {prompt!r:.70}")
    return status
