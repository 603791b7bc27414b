"""Errors raised by :mod:`transformer_mock`."""

from __future__ import annotations

__all__ = [
    "InvalidRecordModeError",
    "ModelFactoryMissingError",
    "RecordedTokenBannedError",
    "RecordingFormatError",
    "RecordingPathError",
    "ReplaySettingsWarning",
    "TokenizerMismatchError",
    "UnrecordedInputError",
    "UnreplayableGenerationError",
    "UnsavableTokenizerError",
]


class UnrecordedInputError(AssertionError):
    """Replay met an input the recording does not hold.

    An :class:`AssertionError`, so a test that hits it fails as a failure, not as an error.
    The message names the recording directory, the closest recorded episode, the first
    differing token position and the decoded text on both sides of it.

    Attributes:
        recording: The recording directory (None where the raiser has none).
        position: The token position where the input leaves the recording: the first differing
            token, or the end of the episode it ran past (None where not a token sequence).
        closest: The id of the closest recorded episode (None when there is none).
    """

    def __init__(
        self,
        message: str = "",
        *,
        recording: str | None = None,
        position: int | None = None,
        closest: str | None = None,
    ) -> None:
        super().__init__(message)
        self.recording = recording
        self.position = position
        self.closest = closest


class RecordedTokenBannedError(UnrecordedInputError):
    """A logits processor banned the token the recording says comes next.

    Replay forces the recorded token; when generation settings forbid it (``bad_words_ids``,
    ``min_new_tokens`` banning EOS, ``no_repeat_ngram_size``, ...) replay cannot reproduce the
    recording and says so instead of emitting another token.
    """


class RecordingFormatError(ValueError):
    """A recording directory is missing, truncated, hand-edited or of an unknown format version.

    The message names the file and, for JSONL files, the line.
    """


class InvalidRecordModeError(ValueError):
    """A record mode that does not exist; the message lists the valid ones."""


class ModelFactoryMissingError(RuntimeError):
    """The record mode needs the real model, but no ``model_factory`` was given.

    The message names the recording, the mode and why recording was needed.
    """


class TokenizerMismatchError(ValueError):
    """The tokenizer at hand is not the one the recording was made with.

    The message names both tokenizers and their vocabulary fingerprints.
    """


class ReplaySettingsWarning(UserWarning):
    """``generate`` replays an episode recorded with other sampling settings.

    Forced-token replay still reproduces the recorded text; the warning names each setting,
    recorded and now, because the test may believe it exercises settings it does not.
    """


class RecordingPathError(ValueError):
    """A recording's ``dirname`` would leave its parent directory (``..``, an absolute path).

    The message names the ``dirname`` and the parent; pass an absolute location as
    ``parent_dir_path`` and a plain name as ``dirname`` instead.
    """


class UnreplayableGenerationError(ValueError):
    """A ``generate`` call replay cannot reproduce exactly (beam search, ``num_beams > 1``).

    Raised by the probe before it runs, so nothing is recorded that would replay wrongly, and by
    the replay model. The message names the setting and what to use instead.
    """


class UnsavableTokenizerError(NotImplementedError):
    """``save_pretrained`` on the replay tokenizer, which cannot encode like the real one.

    The replay tokenizer knows only the recorded pieces and encode calls; a folder saved from
    it would load as a small tokenizer that encodes other text wrongly. The message says so and
    names the recording.
    """
