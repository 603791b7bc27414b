"""Check a recording end to end: it loads, its tokenizer rebuilds, every episode replays."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import torch

from token_trace import TokenTrace
from transformer_mock._format import META_FILE, TOKENIZER_FILE, episode_id
from transformer_mock._loader import Recording
from transformer_mock._matcher import Cursor, EpisodeIndex
from transformer_mock._mock_model import MockModel
from transformer_mock._mock_tokenizer import MockTokenizer
from transformer_mock._replay_objects import replay_model, replay_tokenizer
from transformer_mock._replay_source import ReplaySource
from transformer_mock.errors import RecordingFormatError, UnrecordedInputError

__all__ = ["verify_recording"]


class _OneEpisode:
    """A token source holding one episode at a time, so each replays on its own."""

    def __init__(
        self, label: str, describe: Callable[[list[int]], str], piece: Callable[[int], str]
    ) -> None:
        self.label = label
        self._describe = describe
        self._piece = piece
        self._source = ReplaySource(label, EpisodeIndex(), describe, piece)

    def use(self, trace: TokenTrace) -> None:
        self._source = ReplaySource(self.label, EpisodeIndex([trace]), self._describe, self._piece)

    def cursor_for(
        self, tokens: Sequence[int], prefer: Callable[[TokenTrace], bool] | None = None
    ) -> Cursor:
        return self._source.cursor_for(tokens, prefer)

    def describe_token(self, token_id: int) -> str:
        return self._source.describe_token(token_id)


def verify_recording(path: str | os.PathLike[str]) -> list[str]:
    """Every problem found in the recording at ``path``; an empty list when it is sound.

    Checks the schema of every file (:meth:`Recording.load`), that the special tokens of the
    tokenizer card have their recorded pieces, that the replay tokenizer and model config
    rebuild, that every episode comes back token for token from the mock model's forced logits,
    and that every recorded encode decodes back to its text (compared without whitespace,
    special tokens and Unicode compatibility differences).
    """
    directory = Path(path)
    try:
        recording = Recording.load(directory)
        tokenizer = replay_tokenizer(recording)
    except RecordingFormatError as error:
        return [str(error)]
    source = _OneEpisode(
        str(directory),
        tokenizer.describe_ids,
        lambda token_id: recording.pieces.get(token_id, f"<id {token_id}?>"),
    )
    try:
        model = replay_model(recording, source)
    except RecordingFormatError as error:
        return [str(error)]
    problems = _card_problems(recording)
    problems.extend(_piece_problems(recording))
    for number, trace in enumerate(recording.episodes, start=1):
        source.use(trace)
        problem = _beam_problem(trace) or _replay_problem(model, trace)
        if problem:
            problems.append(f"episode {number} (id {episode_id(trace)}): {problem}")
    problems.extend(_encode_problems(recording, tokenizer))
    problems.extend(_prompt_text_problems(recording, tokenizer))
    return problems


def _card_problems(recording: Recording) -> list[str]:
    card = recording.meta.tokenizer_card
    return [
        f"{recording.path / META_FILE}: special token {text!r} has id {token_id} in the "
        f"tokenizer card, but the recorded piece of id {token_id} is "
        f"{recording.pieces[token_id]!r}"
        for text, token_id in card.special_tokens.items()
        if token_id in recording.pieces and recording.pieces[token_id] != text
    ]


def _byte_level_alphabet() -> frozenset[str]:
    """The characters a byte-level BPE's pieces are spelled with (one per byte, GPT-2's map)."""
    kept = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    kept += range(ord("®"), ord("ÿ") + 1)
    moved = [256 + index for index in range(256 - len(kept))]
    return frozenset(map(chr, kept + moved))


def _decoder_types(decoder: object) -> set[str]:
    if not isinstance(decoder, dict):
        return set()
    types = {str(decoder.get("type"))}
    for inner in decoder.get("decoders") or ():
        types |= _decoder_types(inner)
    return types


def _piece_problems(recording: Recording) -> list[str]:
    """Each recorded piece must convert back to its own id and decode with the recorded decoder.

    An added token's piece must be its content; with a byte-level decoder, a piece must be
    spelled in the byte-level alphabet. A tampered piece (one that now reads as another id's
    piece, or as characters the decoder never sees) is named with its id.
    """
    backend = recording.backend
    if backend is None:
        return []
    spec = recording.meta.tokenizer_backend
    added = {int(token["id"]): str(token["content"]) for token in spec.get("added_tokens", [])}
    alphabet = (
        _byte_level_alphabet() if "ByteLevel" in _decoder_types(spec.get("decoder")) else None
    )
    where = recording.path / TOKENIZER_FILE
    problems = []
    for token_id, piece in sorted(recording.pieces.items()):
        problem = None
        if token_id in added:
            if added[token_id] != piece:
                problem = f"is the added token {added[token_id]!r} in {META_FILE}"
        elif backend.token_to_id(piece) != token_id:
            problem = f"is also the piece of id {backend.token_to_id(piece)}"
        elif alphabet is not None and not alphabet.issuperset(piece):
            odd = next(char for char in piece if char not in alphabet)
            problem = f"has {odd!r}, which a byte-level tokenizer's pieces never hold"
        else:
            try:
                backend.decode([token_id], skip_special_tokens=False)
            except Exception as error:  # tokenizers raises plain Exception
                problem = f"does not decode with the recorded decoder ({error})"
        if problem:
            problems.append(f"{where}: id {token_id}: recorded piece {piece!r} {problem}")
    return problems


def _prompt_text_problems(recording: Recording, tokenizer: MockTokenizer) -> list[str]:
    """An episode's prompt ids must decode back to its recorded prompt text."""
    specials = sorted(recording.meta.tokenizer_card.special_tokens, key=len, reverse=True)
    unknown = recording.meta.tokenizer_card.roles.get("unk_token")
    problems = []
    for number, trace in enumerate(recording.episodes, start=1):
        if trace.prompt_text is None:
            continue
        decoded = str(tokenizer.decode(list(trace.prompt_ids)))
        if unknown and unknown in decoded:
            continue
        if _normal(decoded, specials) != _normal(trace.prompt_text, specials):
            problems.append(
                f"episode {number} (id {episode_id(trace)}): prompt ids decode to "
                f"{decoded!r:.60}, not the recorded prompt text {trace.prompt_text!r:.60}"
            )
    return problems


def _beam_problem(trace: TokenTrace) -> str | None:
    beams = trace.metadata.get("num_beams")
    if type(beams) is int and beams > 1:
        return (
            f"recorded by beam search (num_beams={beams}), which replay cannot reproduce: "
            "greedy replay would return the beam output; record it again with num_beams=1"
        )
    return None


def _replay_problem(model: MockModel, trace: TokenTrace) -> str | None:
    expected = list(trace.generated_ids)
    if not expected:
        return None
    got: list[int] = []
    step = torch.tensor([list(trace.prompt_ids)], dtype=torch.long)
    past = None
    try:
        with torch.no_grad():
            for token_id in expected:
                out = model(input_ids=step, cache=past, use_cache=True)
                past = out.cache
                logits = out.logits
                assert logits is not None
                got.append(int(torch.argmax(logits[0, -1])))
                step = torch.tensor([[token_id]], dtype=torch.long)
    except (UnrecordedInputError, IndexError, RuntimeError) as error:
        done = f"{len(got)} token" if len(got) == 1 else f"{len(got)} tokens"
        return f"replay failed after {done}: {str(error).splitlines()[0]}"
    if got != expected:
        at = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
        return f"replay gave token {got[at]} at generated position {at}, recorded {expected[at]}"
    return None


def _normal(text: str, specials: Sequence[str]) -> str:
    for special in specials:
        text = text.replace(special, "")
    text = unicodedata.normalize("NFKC", text).replace("▁", "")
    return "".join(text.split())


def _plain_text(key: str) -> str | None:
    """The text of an encode key whose ids should decode back to it (no pair, no truncation)."""
    call = json.loads(key)
    text, options = call["text"], call["options"]
    if not isinstance(text, str) or call["text_pair"] is not None:
        return None
    if "truncation" in options or options.get("is_split_into_words"):
        return None
    return text


def _encode_problems(recording: Recording, tokenizer: MockTokenizer) -> list[str]:
    card = recording.meta.tokenizer_card
    specials = sorted(card.special_tokens, key=len, reverse=True)
    unknown = card.roles.get("unk_token")
    problems = []
    for key, ids in recording.encodes.items():
        text = _plain_text(key)
        if text is None:
            continue
        try:
            decoded = str(tokenizer.decode(list(ids)))
        except UnrecordedInputError as error:
            problems.append(f"encode of {text!r:.60}: {error}")
            continue
        if unknown and unknown in decoded:
            continue  # the text held characters the vocabulary lacks: no text to compare
        if _normal(decoded, specials) != _normal(text, specials):
            problems.append(
                f"encode of {text!r:.60} decodes to {decoded!r:.60}, another text "
                f"(ids {list(ids)[:8]!r})"
            )
    return problems
