"""The real model behind a record mode: loaded on first need, probed into the recording.

In ``once`` (no recording yet) and ``all`` the probe writes into a staging directory beside the
recording, and :meth:`LiveRecording.close` installs it (:func:`transformer_mock._swap.install`):
appended to the recording if the same session made it, else swapped in atomically. A run that
dies before ``close`` leaves the old recording as it was (its staging directory is deleted by a
later open). In ``new_episodes`` the probe appends to the recording itself, one whole line per
generation.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from token_trace import TokenizerCard, TokenTrace
from transformer_mock._loader import Recording
from transformer_mock._probe import ProbeTransformer
from transformer_mock._swap import install, staging_dir
from transformer_mock.errors import (
    ModelFactoryMissingError,
    RecordingPathError,
    TokenizerMismatchError,
)

__all__ = ["LiveRecording", "ModelFactory", "check_tokenizer"]

ModelFactory = Callable[[], tuple[Any, Any]]
"""Returns the real ``(model, tokenizer)``; called only when something must be recorded."""


def check_tokenizer(label: str, recorded: TokenizerCard, tokenizer: Any) -> None:
    """Raise TokenizerMismatchError unless ``tokenizer`` has the recorded vocabulary."""
    given = TokenizerCard.from_tokenizer(tokenizer)
    if given.fingerprint != recorded.fingerprint:
        raise TokenizerMismatchError(
            f"recording {label!r} was made with tokenizer {recorded.name_or_path!r} "
            f"({recorded.class_name}, fingerprint {recorded.fingerprint}), but the tokenizer "
            f"given is {given.name_or_path!r} ({given.class_name}, fingerprint "
            f"{given.fingerprint}); replay with the recorded tokenizer, or record again "
            "(record_mode='all')"
        )


class LiveRecording:
    """The probed real model and tokenizer of one recording, created at the first need.

    Args:
        path: The recording directory.
        factory: Returns the real ``(model, tokenizer)``; None when none was given.
        mode: The record mode's value, for messages.
        staged: Write into a staging directory and swap it in at :meth:`close`.
        existing: The recording already loaded from ``path`` (appended to, not read again); a
            factory giving another tokenizer than its own is refused.
        on_episode: Called with each episode the probe writes.
        session: The recording session's token (see :mod:`transformer_mock._swap`).
    """

    def __init__(
        self,
        path: Path,
        factory: ModelFactory | None,
        mode: str,
        *,
        staged: bool,
        existing: Recording | None = None,
        on_episode: Callable[[TokenTrace], object] | None = None,
        session: str = "",
    ) -> None:
        self.path = path
        self._session = session
        self._factory = factory
        self._mode = mode
        self._staged = staged
        self._existing = existing
        self._on_episode = on_episode
        self._lock = threading.Lock()
        self._probe: ProbeTransformer | None = None
        self._staging: Path | None = None
        self._local = threading.local()

    @property
    def started(self) -> bool:
        """Whether the real model was loaded."""
        return self._probe is not None

    def probe(self, why: str) -> ProbeTransformer:
        """The probe around the real model and tokenizer, loading them on the first call.

        Raises:
            ModelFactoryMissingError: no factory was given.
            TokenizerMismatchError: the factory's tokenizer is not the recorded one.
        """
        with self._lock:
            if self._probe is not None:
                return self._probe
            if self._factory is None:
                raise ModelFactoryMissingError(
                    f"record mode {self._mode!r} must run the real model for recording "
                    f"{str(self.path)!r} ({why}), but no model_factory was given; pass "
                    "model_factory=lambda: (model, tokenizer) (pytest: override the "
                    "transformer_mock_model_factory fixture), or use record mode 'none'"
                )
            model, tokenizer = self._factory()
            if self._existing is not None:
                check_tokenizer(str(self.path), self._existing.meta.tokenizer_card, tokenizer)
            with self._naming_mode(why):
                target = self.path
                if self._staged:
                    target = staging_dir(self.path, self._session)
                    self._staging = target
                self._probe = ProbeTransformer(
                    model,
                    tokenizer,
                    target.name,
                    target.parent,
                    on_episode=self._on_episode,
                    existing=None if self._staged else self._existing,
                )
            return self._probe

    @contextlib.contextmanager
    def _naming_mode(self, why: str) -> Iterator[None]:
        """Say the record mode and the recording in a RecordingPathError of the block."""
        try:
            yield
        except RecordingPathError as error:
            raise RecordingPathError(
                f"record mode {self._mode!r} must write recording {str(self.path)!r} ({why}), "
                f"but {error}"
            ) from None

    @property
    def handed_over(self) -> bool:
        """Whether this thread's latest forward call was handed over to the real model."""
        return bool(getattr(self._local, "handed_over", False))

    @handed_over.setter
    def handed_over(self, value: bool) -> None:
        self._local.handed_over = value

    def close(self) -> None:
        """Write the generations still open; in a staged mode, swap the new recording in."""
        with self._lock:
            probe, staging = self._probe, self._staging
            self._probe, self._staging = None, None
        if probe is None:
            return
        probe.close()
        if staging is None:
            return
        with self._naming_mode("to put the new recording in place"):
            install(staging, self.path, self._session)
