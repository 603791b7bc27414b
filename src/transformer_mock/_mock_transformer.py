"""Replay a recording: a model, tokenizer and sampler that stand in for the real ones."""

from __future__ import annotations

import os
import threading
from types import TracebackType
from typing import Any

from token_trace import TokenTrace
from transformer_mock._format import META_FILE, episode_id
from transformer_mock._live import LiveRecording, ModelFactory, check_tokenizer
from transformer_mock._loader import Recording
from transformer_mock._matcher import EpisodeIndex
from transformer_mock._paths import recording_dir
from transformer_mock._probe import ProbeTransformer
from transformer_mock._record_mode import RecordMode
from transformer_mock._replay_objects import replay_model, replay_tokenizer
from transformer_mock._replay_source import ReplaySource
from transformer_mock._sampler import TokenSampler
from transformer_mock._swap import SESSION_ENV, new_session, recover, session_of

__all__ = ["MockTransformer"]


class MockTransformer:
    """Loads a recording made by :class:`ProbeTransformer` and replays it, with no weights.

    The record mode says when the real model may run instead (see ``docs/recording-modes.md``):

    - ``none`` (default): replay only; anything not recorded raises UnrecordedInputError.
    - ``once``: record everything when the recording does not exist yet, else replay only.
    - ``new_episodes``: replay what is recorded; hand anything else to the real model and add
      what it generates to the recording.
    - ``all``: run the real model on everything; the new recording replaces the old one at
      :meth:`close`.

    While recording everything, :meth:`get_model`, :meth:`get_tokenizer` and
    :meth:`get_token_sampler` return the probed real objects (loaded at the first of them).
    Use the object as a context manager, or call :meth:`close`, so open generations are
    written and a new recording swapped in.

    Args:
        dirname: The recording's directory name (or path).
        parent_dir_path: Its parent directory; defaults to ``~/.cache/chatstream/probe_data``
            (``$XDG_CACHE_HOME/chatstream/probe_data`` when set).
        wait_sec: Seconds to sleep per generated token, to imitate a real model's pace, or
            ``"recorded"`` to sleep each token's recorded latency.
        record_mode: A :class:`RecordMode` or its value.
        model_factory: Returns the real ``(model, tokenizer)``; called only when something
            must be recorded, so replay-only runs never load a model.
        tokenizer: If given, the tokenizer the application uses: a recording made with another
            vocabulary raises TokenizerMismatchError at once.
        session: The recording session this mock belongs to. In ``once`` and ``all`` the first
            mock of a session to finish replaces the recording; later mocks of the same session
            (other tests, other processes) add to that new recording instead of replacing it.
            Defaults to ``$TRANSFORMER_MOCK_SESSION`` (the pytest plugin sets it once per run,
            workers included), else a session of this mock alone.

    Raises:
        RecordingFormatError: the recording is missing (where the mode needs it), malformed
            or of an unknown version.
        InvalidRecordModeError: ``record_mode`` names no mode.
        TokenizerMismatchError: ``tokenizer`` is not the recorded one.
    """

    def __init__(
        self,
        dirname: str | os.PathLike[str],
        parent_dir_path: str | os.PathLike[str] | None = None,
        wait_sec: float | str | None = None,
        *,
        record_mode: RecordMode | str = RecordMode.NONE,
        model_factory: ModelFactory | None = None,
        tokenizer: Any = None,
        session: str | None = None,
    ) -> None:
        self.path = recording_dir(dirname, parent_dir_path)
        self.record_mode = mode = RecordMode.parse(record_mode)
        self.session = session or os.environ.get(SESSION_ENV) or new_session()
        recover(self.path)
        exists = (self.path / META_FILE).is_file()
        if mode is RecordMode.ONCE and exists and session_of(self.path) == self.session:
            mode = RecordMode.NEW_EPISODES  # this session made it: still recording once
        self.recording: Recording | None = None
        self._live: LiveRecording | None = None
        self._recorded: set[str] = set()
        self._recorded_lock = threading.Lock()
        if mode is RecordMode.ALL or (mode is not RecordMode.NONE and not exists):
            staged = mode is not RecordMode.NEW_EPISODES
            self._live = LiveRecording(
                self.path,
                model_factory,
                mode.value,
                staged=staged,
                on_episode=self._note,
                session=self.session,
            )
            self._replayer: _Replayer | None = None
            return
        self.recording = Recording.load(self.path)
        if tokenizer is not None:
            check_tokenizer(str(self.path), self.recording.meta.tokenizer_card, tokenizer)
        self._replayer = _Replayer(self.recording, wait_sec)
        if mode is RecordMode.NEW_EPISODES:
            self._live = LiveRecording(
                self.path,
                model_factory,
                mode.value,
                staged=False,
                existing=self.recording,
                on_episode=self._note,
                session=self.session,
            )
            self._replayer.hand_over_to(self._live)

    def _note(self, trace: TokenTrace) -> None:
        """An episode was recorded: count it as used, and replay it from now on."""
        with self._recorded_lock:
            self._recorded.add(episode_id(trace))
        if self._replayer is not None:
            self._replayer.source.index.add(trace)

    @property
    def recording_everything(self) -> bool:
        """Whether this mock runs the real model on everything (no replay at all)."""
        return self._replayer is None

    def _probe(self) -> ProbeTransformer:
        assert self._live is not None
        return self._live.probe(f"record mode {self.record_mode.value!r} records everything")

    def get_model(self) -> Any:
        """The replay model (a ``PreTrainedModel`` with ``generate``), or the probed real one."""
        if self._replayer is None:
            return self._probe().get_model()
        return self._replayer.model

    def get_tokenizer(self) -> Any:
        """The replay tokenizer (a ``PreTrainedTokenizerFast``), or the probed real one."""
        if self._replayer is None:
            return self._probe().get_tokenizer()
        return self._replayer.tokenizer

    def get_token_sampler(self) -> Any:
        """A ChatStream-style sampler; on the mock's logits it always picks the recorded token.

        Where the real model runs, sampling through it tells the probe each sampled token.
        """
        if self._replayer is None:
            return self._probe().get_token_sampler()
        return _LiveSampler(self._live) if self._live is not None else TokenSampler()

    def used_episode_ids(self) -> set[str]:
        """The ids (``transformer_mock._store.episode_id``) of the episodes replayed or recorded.

        Safe to call from any thread; usage reports and ``prune`` name episodes by these ids.
        """
        with self._recorded_lock:
            used = set(self._recorded)
        if self._replayer is not None:
            used.update(episode_id(trace) for trace in self._replayer.source.used_episodes())
        return used

    def close(self) -> None:
        """Write the generations still open; in ``once``/``all``, swap the new recording in."""
        if self._live is not None:
            self._live.close()

    def __enter__(self) -> MockTransformer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _Replayer:
    """The replay model, tokenizer and token source of one loaded recording."""

    def __init__(self, recording: Recording, wait_sec: float | str | None) -> None:
        self.tokenizer = replay_tokenizer(recording)
        self.source = ReplaySource(
            str(recording.path),
            EpisodeIndex(recording.episodes),
            self.tokenizer.describe_ids,
            lambda token_id: recording.pieces.get(token_id, f"<id {token_id}?>"),
        )
        self.model = replay_model(recording, self.source, wait_sec)

    def hand_over_to(self, live: LiveRecording) -> None:
        """Hand what the recording lacks to the real model and tokenizer of ``live``."""
        self.model.hand_over_to(_HandOver(live, self.source))
        self.tokenizer.real_tokenizer = lambda why: live.probe(why).get_tokenizer()


class _HandOver:
    """What a mock model in ``new_episodes`` hands over to: the real model and coverage check."""

    def __init__(self, live: LiveRecording, source: ReplaySource) -> None:
        self._live = live
        self.covers = source.covers

    @property
    def handed_over(self) -> bool:
        return self._live.handed_over

    @handed_over.setter
    def handed_over(self, value: bool) -> None:
        self._live.handed_over = value

    def real_model(self, why: str) -> Any:
        return self._live.probe(why).get_model()


class _LiveSampler(TokenSampler):
    """A TokenSampler that tells the probe the tokens it samples for the real model."""

    def __init__(self, live: LiveRecording) -> None:
        self._live = live

    def do_sample(self, logits: Any, *args: Any, **kwargs: Any) -> int:
        """Sample; after a forward call on the real model, record the chosen token."""
        token_id = super().do_sample(logits, *args, **kwargs)
        if self._live.started and self._live.handed_over:
            self._live.probe("sampling").recorder.on_sample(token_id)
        return token_id
