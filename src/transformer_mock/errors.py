"""Errors raised by :mod:`transformer_mock`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "InvalidRecordModeError",
    "LastTokenUnknownWarning",
    "ModelFactoryMissingError",
    "RecordedTokenBannedError",
    "RecordingFormatError",
    "RecordingPathError",
    "ReplaySettingsWarning",
    "TokenizerMismatchError",
    "UnrecordedInputError",
    "UnreplayableGenerationError",
    "UnsavableTokenizerError",
    "VocabularyNotRecordedError",
]


class UnrecordedInputError(AssertionError):
    """Replay met an input the recording does not hold.

    An :class:`AssertionError`, so a test that hits it fails as a failure, not as an error.
    Like vcrpy's ``CannotOverwriteExistingCassetteException(cassette=..., failed_request=...)``,
    it is built from fields only, which callers can read, and composes its message from them:
    the recording directory, the closest recorded episode, the first differing token position
    and the decoded text on both sides of it (or, for a tokenizer miss, the text, piece or ids
    never recorded).

    Attributes:
        recording: The recording directory (None where the raiser has none).
        position: The token position where the input leaves the recording: the first differing
            token, or the end of the episode it ran past (for a text never encoded, the
            character where it leaves the closest recorded text; None otherwise).
        closest: The id of the closest recorded episode (for a text never encoded, the closest
            recorded text; None when there is none).
        tokens: How many tokens the unanswered sequence holds.
        episodes: How many episodes the recording holds.
        episode: The index of the closest episode in the recording.
        prompt_length: The closest episode's prompt length.
        generated: How many tokens the closest episode generated.
        finish_reason: How the episode the input ran past ended.
        asked: Which generated token (from 1) the application asked for past that episode.
        last_text: The decoded end of the sequence that ran past the episode.
        recorded: The recorded side of the first difference, as shown in the message.
        got: The application's side of the first difference, as shown in the message.
        text: The text never encoded.
        options: The encode options it came with.
        other_options: The same text recorded with other options (an encode key), if any.
        piece: The token piece never recorded.
        ids: The ids never recorded.
        known: How many pieces (ids) the recording holds.
        batch: The rows of a batch that went past the recording mid-way.
    """

    def __init__(
        self,
        *,
        recording: str | None = None,
        position: int | None = None,
        closest: str | None = None,
        tokens: int | None = None,
        episodes: int | None = None,
        episode: int | None = None,
        prompt_length: int | None = None,
        generated: int | None = None,
        finish_reason: str | None = None,
        asked: int | None = None,
        last_text: str | None = None,
        recorded: str | None = None,
        got: str | None = None,
        text: str | None = None,
        options: Mapping[str, Any] | None = None,
        other_options: str | None = None,
        piece: str | None = None,
        ids: Sequence[int] | None = None,
        known: int | None = None,
        batch: int | None = None,
    ) -> None:
        self.recording = recording
        self.position = position
        self.closest = closest
        self.tokens = tokens
        self.episodes = episodes
        self.episode = episode
        self.prompt_length = prompt_length
        self.generated = generated
        self.finish_reason = finish_reason
        self.asked = asked
        self.last_text = last_text
        self.recorded = recorded
        self.got = got
        self.text = text
        self.options = None if options is None else dict(sorted(options.items()))
        self.other_options = other_options
        self.piece = piece
        self.ids = None if ids is None else list(ids)
        self.known = known
        self.batch = batch
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"recording {self.recording!r}"
        if self.piece is not None:
            return (
                f"token piece {self.piece!r} never recorded in {where}: the mock converts only "
                f"the {self.known} pieces that appear in the recording (pieces the application "
                "converted while recording are recorded)"
            )
        if self.ids is not None:
            return (
                f"ids never recorded in {where}: {self.ids[:10]!r}; the mock decodes only the "
                f"{self.known} ids that appear in the recording"
            )
        if self.text is not None:
            return self._text_message(where)
        if self.batch is not None:
            return (
                f"{where}: a batch of {self.batch} sequences went past what was recorded "
                "mid-way; new_episodes hands only single sequences over to the real model mid-way"
            )
        if not self.episodes and self.asked is None:
            return f"{where} holds no episodes; cannot continue these {self.tokens} tokens"
        if self.asked is not None:
            return (
                f"{where} has no token after these {self.tokens} tokens: episode "
                f"{self.episode} (id {self.closest}) ends there (finish_reason "
                f"{self.finish_reason!r}, {self.generated} generated tokens) and the application "
                f"asked for generated token {self.asked}; last text: {self.last_text!r}"
            )
        return "\n".join(
            [
                f"no recorded episode continues these {self.tokens} tokens in {where} "
                f"({self.episodes} episodes)",
                f"closest: episode {self.episode} (id {self.closest}), same first "
                f"{self.position} tokens (its prompt has {self.prompt_length}, it generated "
                f"{self.generated})",
                f"first difference at token position {self.position}:",
                f"  recorded: {self.recorded}",
                f"  got     : {self.got}",
            ]
        )

    def _text_message(self, where: str) -> str:
        shown = self.text or ""
        lines = [f"text never encoded in {where}: {shown!r} with options {self.options!r}"]
        if self.closest is None:
            lines.append("the recording holds no encode calls")
            return "\n".join(lines)
        common = self.position or 0
        lines.append(
            f"closest recorded text (same first {common} characters): {self.closest!r:.200}"
        )
        lines.append(
            f"first difference at character {common}: recorded "
            f"{self.closest[common : common + 20]!r}, got {shown[common : common + 20]!r}"
        )
        if self.other_options is not None:
            lines.append(f"that text was recorded with other options: {self.other_options}")
        return "\n".join(lines)


class RecordedTokenBannedError(UnrecordedInputError):
    """A logits processor banned the token the recording says comes next.

    Replay forces the recorded token; when generation settings forbid it (``bad_words_ids``,
    ``min_new_tokens`` banning EOS, ``no_repeat_ngram_size``, ...) replay cannot reproduce the
    recording and says so instead of emitting another token.

    Attributes:
        processor: The class name of the logits processor that banned it.
        token_id: The recorded token.
        token_piece: Its piece.
        score: Its score after the processor.
        best: The best score after the processor.
    """

    def __init__(
        self,
        *,
        recording: str | None,
        processor: str,
        token_id: int,
        token_piece: str,
        score: float,
        best: float,
    ) -> None:
        self.processor = processor
        self.token_id = token_id
        self.token_piece = token_piece
        self.score = score
        self.best = best
        super().__init__(recording=recording)

    def _message(self) -> str:
        return (
            f"{self.processor} banned the recorded token {self.token_id} "
            f"({self.token_piece!r}) in recording {self.recording!r}: its score became "
            f"{self.score!r}, below the best {self.best!r}. Replay forces recorded tokens and "
            "cannot reproduce the recording with these generation settings (e.g. bad_words_ids, "
            "min_new_tokens banning EOS, no_repeat_ngram_size, suppress_tokens); use the "
            "settings of the recording run"
        )


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


class VocabularyNotRecordedError(NotImplementedError):
    """``get_vocab()`` (or ``.vocab``) on the replay tokenizer, which holds only recorded pieces.

    The real tokenizer answers with its whole vocabulary; the replay tokenizer knows only the
    pieces the recording holds, so a partial mapping would be a silent wrong answer (code that
    searches it, e.g. for stop strings, would miss pieces). The message names the recording and
    both sizes.

    Attributes:
        recording: The recording directory.
        known: How many pieces the recording holds.
        vocab_size: The real tokenizer's vocabulary size.
    """

    def __init__(self, *, recording: str, known: int, vocab_size: int) -> None:
        self.recording = recording
        self.known = known
        self.vocab_size = vocab_size
        super().__init__(
            f"the replay tokenizer of recording {recording!r} cannot give its vocabulary: it "
            f"holds only the {known} recorded pieces of the real tokenizer's {vocab_size}; "
            "convert_ids_to_tokens / convert_tokens_to_ids answer the recorded ones (and raise "
            "UnrecordedInputError for others); use the real tokenizer for the whole vocabulary"
        )


class LastTokenUnknownWarning(UserWarning):
    """A manual loop picked its tokens itself, not by argmax, so its last token is unknown.

    The probe sees every token the loop feeds back, but not the last one (never fed back);
    when the loop neither samples through ``probe.get_token_sampler(...)`` nor picks argmax, the
    episode is recorded without it, and replay raises at that step. The message names the
    recording and says how to record the last token.
    """
