"""pytest plugin: a ``transformer_mock`` fixture per test, record modes, and a usage report.

Registered through the ``pytest11`` entry point, so installing the package enables it:

- ``--record-mode`` (also ``--transformer-mock-record-mode``; ini ``transformer_mock_record_mode``;
  default ``none``) chooses the :class:`~transformer_mock.RecordMode` of every test. With
  pytest-recording installed, its ``--record-mode`` is shared (same names, same meaning).
- ``@pytest.mark.transformer_mock(dirname=..., record_mode=...)`` names a test's recording and
  its mode (the command line still wins over the marker, the marker over the ini value).
- Fixtures: ``transformer_mock`` (a ready :class:`~transformer_mock.MockTransformer`, closed
  after the test), ``transformer_mock_model_factory`` (override it to return the real
  ``(model, tokenizer)``; default None), ``transformer_mock_dir`` (the recordings' parent:
  ``<test dir>/recordings/<module name>``), ``transformer_mock_dirname`` (the test's name, as
  pytest-recording names cassettes) and ``transformer_mock_record_mode``.
- The terminal summary lists recordings under ``<test dir>/recordings`` that no test used, and
  episodes no test replayed; ``--transformer-mock-usage=PATH`` writes them as JSON for
  ``transformer-mock prune --usage PATH``. Under pytest-xdist (``pytest -n``) each worker sends
  what its tests used to the controller (``workeroutput``), which merges them: the summary and
  the usage file are the same as in a serial run.
- One recording session per run: the controller makes a token, hands it to the pytest-xdist
  workers (``workerinput``) and sets ``$TRANSFORMER_MOCK_SESSION``; in ``once`` and ``all`` the
  first test of the run to finish with a recording replaces it, and later tests sharing it (same
  process or another worker) add to that new recording (see ``docs/recording-modes.md``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from transformer_mock._display import printable
from transformer_mock._episode_ids import episode_ids
from transformer_mock._record_mode import RecordMode
from transformer_mock._store import META_FILE, Recording
from transformer_mock._swap import SESSION_ENV
from transformer_mock.errors import InvalidRecordModeError, RecordingFormatError

if TYPE_CHECKING:  # imported by the fixture: a test run that does not use it never imports torch
    from transformer_mock._live import ModelFactory
    from transformer_mock._mock_transformer import MockTransformer

__all__ = [
    "USAGE_FORMAT_VERSION",
    "Usage",
    "transformer_mock",
    "transformer_mock_dir",
    "transformer_mock_dirname",
    "transformer_mock_model_factory",
    "transformer_mock_record_mode",
]

USAGE_FORMAT_VERSION = 1
"""``format_version`` of the usage file."""

MARKER = "transformer_mock"
INI_MODE = "transformer_mock_record_mode"
_UNSAFE = "<>?%*:|\"'/\\"
"""Characters a recording name may not hold (replaced by ``-``, as pytest-recording does)."""
WORKER_OUTPUT_KEY = "transformer_mock_usage"
"""Key of a pytest-xdist worker's ``workeroutput`` holding :meth:`Usage.to_dict`."""


class Usage:
    """Which recordings and episodes the session's tests used (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.used: dict[str, set[str]] = {}
        self.search_dirs: set[Path] = set()
        """Folders searched for recordings at any depth (the collected modules' ``recordings``)."""
        self.parent_dirs: set[Path] = set()
        """Folders whose direct children are recordings (the fixtures' ``transformer_mock_dir``)."""

    def watch(self, folder: Path, *, any_depth: bool) -> None:
        """Look for recordings in ``folder`` (at any depth, or only its direct children)."""
        with self._lock:
            (self.search_dirs if any_depth else self.parent_dirs).add(folder)

    def add(self, path: Path, episode_ids: set[str]) -> None:
        """Note that a test used the recording in ``path`` and these episodes of it."""
        with self._lock:
            self.used.setdefault(str(path.resolve()), set()).update(episode_ids)

    def to_dict(self) -> dict[str, Any]:
        """Everything noted, as plain JSON-able data (what a pytest-xdist worker sends)."""
        with self._lock:
            return {
                "used": {path: sorted(ids) for path, ids in sorted(self.used.items())},
                "search_dirs": sorted(map(str, self.search_dirs)),
                "parent_dirs": sorted(map(str, self.parent_dirs)),
            }

    def merge(self, data: Mapping[str, Any]) -> None:
        """Add what :meth:`to_dict` of another process's record (a pytest-xdist worker) holds."""
        with self._lock:
            for path, ids in data["used"].items():
                self.used.setdefault(path, set()).update(ids)
            self.search_dirs.update(map(Path, data["search_dirs"]))
            self.parent_dirs.update(map(Path, data["parent_dirs"]))

    def to_json(self) -> str:
        """The usage file's text."""
        with self._lock:
            recordings = {path: sorted(ids) for path, ids in sorted(self.used.items())}
        data = {"format_version": USAGE_FORMAT_VERSION, "recordings": recordings}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def report(self) -> list[str]:
        """Lines naming recordings no test used and episodes no test replayed."""
        with self._lock:
            used = {path: set(ids) for path, ids in self.used.items()}
            metas = [meta for root in self.search_dirs for meta in root.rglob(META_FILE)]
            metas += [meta for root in self.parent_dirs for meta in root.glob(f"*/{META_FILE}")]
        found = sorted({meta.parent.resolve() for meta in metas})
        lines = []
        unused = [path for path in found if str(path) not in used]
        if unused:
            lines.append(f"{len(unused)} recordings no test used:")
            lines += [f"  {path}" for path in unused]
        for path_text, ids in sorted(used.items()):
            path = Path(path_text)
            if not (path / META_FILE).is_file():
                continue
            try:
                recorded = episode_ids(Recording.load(path))
            except RecordingFormatError:
                continue
            missed = [i for i in dict.fromkeys(recorded) if i not in ids]
            if missed:
                lines.append(
                    f"{path}: {len(missed)} of {len(set(recorded))} episodes never replayed: "
                    + ", ".join(missed)
                )
        return lines


_USAGE = pytest.StashKey[Usage]()
_SESSION = pytest.StashKey[str]()
_SAVED_ENV = pytest.StashKey["str | None"]()
SESSION_KEY = "transformer_mock_session"
"""Key of a pytest-xdist worker's ``workerinput`` holding the run's session token."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--record-mode`` and ``--transformer-mock-usage`` in their own group, and the ini value."""
    group = parser.getgroup("transformer-mock", "transformer_mock recordings")
    names = ["--transformer-mock-record-mode"]
    if importlib.util.find_spec("pytest_recording") is None:
        names.insert(0, "--record-mode")  # else pytest-recording's --record-mode is shared
    group.addoption(
        *names,
        dest="transformer_mock_record_mode",
        default=None,
        choices=[mode.value for mode in RecordMode],
        help="when MockTransformer may run the real model and record (default: none, replay only)",
    )
    group.addoption(
        "--transformer-mock-usage",
        dest="transformer_mock_usage",
        default=None,
        metavar="PATH",
        help="write the recordings and episodes the tests used to PATH (JSON), for "
        "'transformer-mock prune --usage PATH'",
    )
    parser.addini(INI_MODE, "default record mode of the transformer_mock fixture", default="none")


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker and the session's usage record."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(dirname=None, record_mode=None): the recording this test's transformer_mock "
        "fixture replays (a name under transformer_mock_dir, or a path) and its record mode",
    )
    config.stash[_USAGE] = Usage()
    worker_input = getattr(config, "workerinput", None)
    session = worker_input.get(SESSION_KEY) if isinstance(worker_input, dict) else None
    config.stash[_SESSION] = session if isinstance(session, str) else uuid.uuid4().hex
    config.stash[_SAVED_ENV] = os.environ.get(SESSION_ENV)
    os.environ[SESSION_ENV] = config.stash[_SESSION]


def pytest_unconfigure(config: pytest.Config) -> None:
    """Give ``$TRANSFORMER_MOCK_SESSION`` back its value from before the run."""
    if _SAVED_ENV not in config.stash:
        return
    saved = config.stash[_SAVED_ENV]
    if saved is None:
        os.environ.pop(SESSION_ENV, None)
    else:
        os.environ[SESSION_ENV] = saved


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist controller: give each worker the run's recording session."""
    node.workerinput[SESSION_KEY] = node.config.stash[_SESSION]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Remember where the collected modules keep their recordings, for the unused report."""
    usage = session.config.stash[_USAGE]
    for item in session.items:
        folder = Path(item.path).parent / "recordings"
        if folder.is_dir():
            usage.watch(folder, any_depth=True)


def _marker_kwargs(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker(MARKER)
    return dict(marker.kwargs) if marker is not None else {}


@pytest.fixture
def transformer_mock_record_mode(request: pytest.FixtureRequest) -> RecordMode:
    """The test's record mode: the command line, else the marker, else the ini value."""
    config = request.config
    value = config.getoption("transformer_mock_record_mode", None)
    if value is None and importlib.util.find_spec("pytest_recording") is not None:
        shared = config.getoption("record_mode", None)
        value = shared if shared not in (None, "none") else None
    if value is None:
        value = _marker_kwargs(request).get("record_mode")
    if value is None:
        value = config.getini(INI_MODE) or RecordMode.NONE.value
    try:
        return RecordMode.parse(value)
    except InvalidRecordModeError as error:
        raise pytest.UsageError(str(error)) from None


@pytest.fixture
def transformer_mock_dir(request: pytest.FixtureRequest) -> Path:
    """Where the test module's recordings live: ``<test dir>/recordings/<module name>``."""
    module = Path(request.node.path)
    return module.parent / "recordings" / module.stem


@pytest.fixture
def transformer_mock_dirname(request: pytest.FixtureRequest) -> str:
    """The test's recording name: the marker's ``dirname``, else ``[Class.]test_name[params]``."""
    given = _marker_kwargs(request).get("dirname")
    if given is not None:
        return str(os.fspath(given))
    name = str(request.node.name)
    if request.cls is not None:
        name = f"{request.cls.__name__}.{name}"
    for character in _UNSAFE:
        name = name.replace(character, "-")
    return name


@pytest.fixture
def transformer_mock_model_factory() -> ModelFactory | None:
    """Override to return a function giving the real ``(model, tokenizer)``; None by default.

    It is called only when the record mode has to record, never when replaying.
    """
    return None


@pytest.fixture
def transformer_mock(
    request: pytest.FixtureRequest,
    transformer_mock_dir: Path,
    transformer_mock_dirname: str,
    transformer_mock_record_mode: RecordMode,
    transformer_mock_model_factory: ModelFactory | None,
) -> Iterator[MockTransformer]:
    """A :class:`MockTransformer` for this test's recording, closed (and swapped in) after it."""
    from transformer_mock._mock_transformer import MockTransformer

    mock = MockTransformer(
        transformer_mock_dirname,
        transformer_mock_dir,
        record_mode=transformer_mock_record_mode,
        model_factory=transformer_mock_model_factory,
        session=request.config.stash[_SESSION],
    )
    usage = request.config.stash[_USAGE]
    usage.watch(mock.path.parent, any_depth=False)
    try:
        yield mock
    finally:
        mock.close()
        usage.add(mock.path, mock.used_episode_ids())


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """pytest-xdist controller: merge what a finished worker's tests used."""
    data = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
    if data is not None:
        node.config.stash[_USAGE].merge(data)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Name the recordings no test used and the episodes no test replayed (controls escaped)."""
    if _is_xdist_worker(config):
        return
    lines = config.stash[_USAGE].report()
    if lines:
        terminalreporter.section("transformer_mock")
        for line in lines:
            terminalreporter.write_line(printable(line))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the usage file when ``--transformer-mock-usage`` asks for one.

    A pytest-xdist worker sends its record to the controller instead, which writes the file.
    """
    config = session.config
    usage = config.stash[_USAGE]
    if _is_xdist_worker(config):
        config.workeroutput[WORKER_OUTPUT_KEY] = usage.to_dict()  # type: ignore[attr-defined]
        return
    target = config.getoption("transformer_mock_usage", None)
    if target:
        Path(target).write_text(usage.to_json(), encoding="utf-8")
