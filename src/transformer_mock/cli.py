"""The ``transformer-mock`` command: list, show, verify and prune recordings.

Exit status: 0 when all is well, 1 when problems were found (a broken recording, a failed
check, a recording the usage file does not name), 2 for a usage error (bad arguments, a missing
directory or usage file).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from transformer_mock._paths import default_parent_dir
from transformer_mock._store import META_FILE, Recording, episode_id
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
        print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
        return 2
    except (RecordingFormatError, OSError) as error:
        print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
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
        description="Drop from the recording in DIR every episode that the test run which wrote "
        "the usage file(s) did not replay (pytest --transformer-mock-usage=FILE). "
        "episodes.jsonl is rewritten atomically under the writers' lock; tokenizer.jsonl is "
        "kept as it is.",
    )
    prune.add_argument("directory", type=Path, metavar="DIR", help="the recording directory")
    prune.add_argument(
        "--usage",
        action="append",
        required=True,
        type=Path,
        metavar="FILE",
        help="usage file written by the pytest plugin (repeatable: their union counts)",
    )
    prune.add_argument(
        "--dry-run", action="store_true", help="say what would be dropped, change nothing"
    )
    prune.set_defaults(run=_prune)
    return parser


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _recording_dir(path: Path) -> Path:
    if not path.is_dir():
        raise _UsageError(f"{str(path)!r} is not a directory")
    return path


def _ls(args: argparse.Namespace) -> int:
    folder = args.folder if args.folder is not None else default_parent_dir()
    if args.folder is None and not folder.exists():
        print(f"no recordings under {folder}")
        return 0
    _recording_dir(folder)
    found = sorted(meta.parent for meta in folder.rglob(META_FILE) if meta.is_file())
    if not found:
        print(f"no recordings under {folder}")
        return 0
    rows = [("RECORDING", "EPISODES", "GENERATED", "TOKENIZER")]
    broken = []
    for directory in found:
        name = str(directory.relative_to(folder)) if directory != folder else "."
        try:
            recording = Recording.load(directory)
        except RecordingFormatError as error:
            broken.append(f"{name}: {error}")
            rows.append((name, "-", "-", "BROKEN (see below)"))
            continue
        tokens = sum(len(trace.generated_ids) for trace in recording.episodes)
        card = recording.meta.tokenizer_card
        rows.append(
            (name, str(len(recording.episodes)), str(tokens), card.name_or_path or card.class_name)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for name, episodes, generated, tokenizer in rows:
        print(
            f"{name:<{widths[0]}}  {episodes:>{widths[1]}}  {generated:>{widths[2]}}  {tokenizer}"
        )
    for line in broken:
        print(line, file=sys.stderr)
    return 1 if broken else 0


def _show(args: argparse.Namespace) -> int:
    from transformer_mock._verify import replay_tokenizer

    recording = Recording.load(_recording_dir(args.directory))
    tokenizer = replay_tokenizer(recording)
    wanted = set(args.ids or ())
    count = len(recording.episodes)
    shown = 0
    for number, trace in enumerate(recording.episodes, start=1):
        identity = episode_id(trace)
        if wanted and identity not in wanted:
            continue
        shown += 1
        print(
            f"=== episode {number}/{count}  id {identity}  finish {trace.finish_reason.value}  "
            f"{len(trace.prompt_ids)} prompt + {len(trace.generated_ids)} generated tokens ==="
        )
        print("--- prompt ---")
        print(tokenizer.decode(list(trace.prompt_ids)))
        print("--- answer ---")
        print(tokenizer.decode(list(trace.generated_ids)))
        print()
    missing = wanted - set(recording.episode_ids)
    if missing:
        names = ", ".join(sorted(missing))
        print(f"no episode with id {names} in {args.directory}", file=sys.stderr)
        return 1
    if not shown:
        print(f"{args.directory}: no episodes")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from transformer_mock._verify import verify_recording

    failed = 0
    for directory in args.directories:
        if not directory.is_dir():
            print(f"{directory}: FAILED\n  not a directory")
            failed += 1
            continue
        problems = verify_recording(directory)
        if problems:
            failed += 1
            print(f"{directory}: FAILED ({_count(len(problems), 'problem')})")
            for problem in problems:
                print(f"  {problem}")
        else:
            episodes = len(Recording.load(directory).episodes)
            print(f"{directory}: ok ({_count(episodes, 'episode')})")
    return 1 if failed else 0


def _prune(args: argparse.Namespace) -> int:
    from transformer_mock._prune import prune_recording, read_usage

    directory = _recording_dir(args.directory)
    used: set[str] | None = None
    for file in args.usage:
        if not file.is_file():
            raise _UsageError(f"no such usage file {str(file)!r}")
        recordings = read_usage(file)
        ids = recordings.get(directory.resolve())
        if ids is not None:
            used = (used or set()) | ids
    if used is None:
        names = ", ".join(map(str, args.usage))
        print(
            f"{PROG} prune: {directory} is not named in {names}: no test replayed from it in "
            "that run, so nothing is pruned (delete the directory if no test uses it)",
            file=sys.stderr,
        )
        return 1
    result = prune_recording(directory, used, dry_run=args.dry_run)
    verb = "would drop" if args.dry_run else "dropped"
    total = len(result.kept) + len(result.dropped)
    print(f"{directory}: {verb} {len(result.dropped)} of {_count(total, 'episode')}")
    for trace in result.dropped:
        prompt = trace.prompt_text or f"<{len(trace.prompt_ids)} prompt ids>"
        print(f"  {episode_id(trace)}  {prompt!r:.70}")
    return 0
