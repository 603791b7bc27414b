"""The probed model: the real one, following forward calls and ``generate`` for the recorder."""

from __future__ import annotations

import functools
import time
from typing import Any

import torch
from transformers.generation.streamers import BaseStreamer

from token_trace import FinishReason
from transformer_mock._mixin import mixed_copy
from transformer_mock._recorder import Recorder
from transformer_mock.errors import UnreplayableGenerationError

__all__ = [
    "GENERATION_SETTINGS",
    "ProbeModel",
    "check_replayable",
    "generation_settings",
    "probe_model",
]

GENERATION_SETTINGS = ("do_sample", "temperature", "top_k", "top_p", "repetition_penalty")
"""The sampling settings a ``generate`` episode records in its metadata (with max_new_tokens)."""


def generation_settings(config: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The effective sampling settings of a ``generate`` call: keyword, else config (or None)."""
    given = kwargs.get("generation_config") or config
    settings = {
        name: kwargs.get(name, getattr(given, name, None))
        for name in (*GENERATION_SETTINGS, "max_new_tokens")
    }
    settings["do_sample"] = bool(settings["do_sample"])
    return settings


def check_replayable(config: Any, kwargs: dict[str, Any], verb: str) -> None:
    """Refuse a ``generate`` call replay cannot reproduce exactly (beam search).

    Raises:
        UnreplayableGenerationError: ``num_beams`` is above 1.
    """
    given = kwargs.get("generation_config") or config
    beams = kwargs.get("num_beams", getattr(given, "num_beams", 1)) or 1
    if int(beams) > 1:
        raise UnreplayableGenerationError(
            f"generate() with num_beams={beams} cannot be {verb}: beam search keeps several "
            "candidate sequences and returns the best, while a recording holds one token per "
            "step and replay forces it, so the beam output would come back for greedy calls "
            "too; record with num_beams=1 (greedy search or sampling)"
        )


class ProbeModel:
    """Mixed into a copy of the real model's class: runs as usual and records what it generates.

    ``isinstance(probe.get_model(), type(real_model))`` stays true; the copy shares the real
    model's parameters (``.to()``, ``.half()``, ``.eval()`` act on both and return the copy).
    """

    _probe_recorder: Recorder

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        output = super().forward(*args, **kwargs)  # type: ignore[misc]
        seconds = time.perf_counter() - started
        recorder = self._probe_recorder
        if recorder.in_generate:
            recorder.generate_latencies.append(seconds)
            return output
        input_ids = kwargs.get("input_ids", args[0] if args else None)
        logits = getattr(output, "logits", None)
        if not isinstance(input_ids, torch.Tensor) or not isinstance(logits, torch.Tensor):
            return output
        past = kwargs.get("cache", kwargs.get("past_key_values"))
        returned = output.get("cache") if hasattr(output, "get") else None
        rows = input_ids.view(1, -1) if input_ids.dim() == 1 else input_ids
        argmax: list[list[int]] = []

        def argmax_of(row: int) -> int:
            if not argmax:
                argmax.append(_argmax_rows(logits[:, -1]))
            return argmax[0][row]

        mask = kwargs.get("attention_mask")
        for row_index, row in enumerate(rows.tolist()):
            new_ids = row
            if past is None and isinstance(mask, torch.Tensor) and mask.shape == rows.shape:
                keep = mask[row_index].tolist()
                new_ids = [t for t, m in zip(row, keep, strict=True) if m]
            recorder.on_forward(
                new_ids, past, returned, functools.partial(argmax_of, row_index), seconds
            )
        return output

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        """``generate`` as usual; each returned sequence is written as an episode at once."""
        check_replayable(getattr(self, "generation_config", None), kwargs, "recorded")
        recorder = self._probe_recorder
        recorder.finish_thread()
        recorder.generate_latencies = []
        inputs = args[0] if args else kwargs.get("inputs", kwargs.get("input_ids"))
        stream = None
        streamer = kwargs.get("streamer")
        if streamer is not None and isinstance(inputs, torch.Tensor):
            prompts = _prompt_rows(inputs, kwargs.get("attention_mask"))
            if len(prompts) == 1:
                stream = recorder.open_stream(prompts[0])
                metadata = {
                    "via": "generate",
                    **generation_settings(getattr(self, "generation_config", None), kwargs),
                }
                kwargs["streamer"] = _RecordingStreamer(streamer, recorder, stream, metadata)
        recorder.in_generate = True
        try:
            output = super().generate(*args, **kwargs)  # type: ignore[misc]
        finally:
            recorder.in_generate = False
        sequences = output if isinstance(output, torch.Tensor) else output.get("sequences")
        if isinstance(inputs, torch.Tensor) and isinstance(sequences, torch.Tensor):
            self._probe_write_generate(inputs, sequences, kwargs, stream)
        return output

    def _probe_write_generate(
        self,
        inputs: torch.Tensor,
        sequences: torch.Tensor,
        kwargs: dict[str, Any],
        stream: Any = None,
    ) -> None:
        recorder = self._probe_recorder
        rows = inputs.view(1, -1) if inputs.dim() == 1 else inputs
        prompts = _prompt_rows(inputs, kwargs.get("attention_mask"))
        width = rows.shape[-1]
        eos = set(recorder.eos_token_ids)
        eos_kw = kwargs.get("eos_token_id")
        if eos_kw is not None:
            eos.update([eos_kw] if isinstance(eos_kw, int) else list(eos_kw))
        settings = generation_settings(getattr(self, "generation_config", None), kwargs)
        max_new = settings.get("max_new_tokens")
        given = kwargs.get("generation_config") or getattr(self, "generation_config", None)
        stop_strings = kwargs.get("stop_strings", getattr(given, "stop_strings", None))
        latencies = recorder.generate_latencies
        per_prompt = max(1, sequences.shape[0] // max(1, rows.shape[0]))
        for out_index, out_row in enumerate(sequences.tolist()):
            prompt = prompts[out_index // per_prompt]
            generated = out_row[width:]
            end = next((i for i, t in enumerate(generated) if t in eos), None)
            if end is not None:
                generated, reason = generated[: end + 1], FinishReason.EOS
            elif max_new is not None and len(generated) >= max_new:
                reason = FinishReason.LENGTH
            elif stop_strings:
                reason = FinishReason.STOP_STRING
            else:
                reason = FinishReason.UNKNOWN
            recorder.write(
                prompt,
                generated,
                reason,
                {"via": "generate", **settings},
                latencies[: len(generated)] if len(latencies) >= len(generated) else None,
                stream if sequences.shape[0] == 1 else None,
            )


class _RecordingStreamer(BaseStreamer):
    """Wraps ``generate``'s streamer: each token is on disk before the streamer receives it.

    ``generate`` hands the prompt to ``put`` first, then each new token; the wrapper writes
    each new token (a progress line of the episode's stream) and only then passes it on, so
    whatever the application shows from the streamer survives a kill.
    """

    def __init__(
        self, streamer: Any, recorder: Recorder, stream: Any, metadata: dict[str, Any]
    ) -> None:
        self.streamer = streamer
        self._recorder = recorder
        self._stream = stream
        self._metadata = metadata
        self._prompt_seen = False

    def put(self, value: Any) -> None:
        """Write the new token(s), then hand them to the wrapped streamer."""
        if self._prompt_seen:
            ids = value.reshape(-1).tolist() if isinstance(value, torch.Tensor) else [value]
            self._recorder.stream_tokens(self._stream, ids, self._metadata)
        self._prompt_seen = True
        self.streamer.put(value)

    def end(self) -> None:
        """End the wrapped streamer."""
        self.streamer.end()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.streamer, name)


def _prompt_rows(inputs: torch.Tensor, mask: Any) -> list[list[int]]:
    """Each prompt of a ``generate`` call, its padding (attention mask 0) left out."""
    rows = inputs.view(1, -1) if inputs.dim() == 1 else inputs
    prompts = rows.tolist()
    if isinstance(mask, torch.Tensor) and mask.shape == rows.shape:
        prompts = [
            [t for t, m in zip(row, keep, strict=True) if m]
            for row, keep in zip(prompts, mask.tolist(), strict=True)
        ]
    return [[int(t) for t in row] for row in prompts]


def probe_model(model: Any, recorder: Recorder) -> Any:
    """A shallow copy of ``model`` whose class also derives from :class:`ProbeModel`."""
    return mixed_copy(model, ProbeModel, ("forward", "generate"), _probe_recorder=recorder)


def _argmax_rows(scores: torch.Tensor) -> list[int]:
    """Each row's argmax (numpy on the CPU: several times cheaper than torch at vocab size)."""
    if scores.device.type == "cpu" and scores.dtype == torch.float32:
        return [int(i) for i in scores.detach().numpy().argmax(axis=-1)]
    return [int(i) for i in scores.argmax(dim=-1).tolist()]
