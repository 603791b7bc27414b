"""Record a real model and tokenizer while the application runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from types import TracebackType
from typing import Any

import torch

from token_trace import TokenizerCard, TokenTrace
from transformer_mock._format import RecordingMeta
from transformer_mock._loader import Recording
from transformer_mock._paths import recording_dir
from transformer_mock._probe_model import probe_model
from transformer_mock._probe_tokenizer import probe_tokenizer
from transformer_mock._recorder import Recorder
from transformer_mock._sampler import SamplerLike, TokenSampler
from transformer_mock._tokenizer_spec import backend_spec
from transformer_mock._writer import RecordingWriter

__all__ = ["ProbeSampler", "ProbeTransformer"]


def _ids(value: Any) -> list[int]:
    if value is None:
        return []
    if isinstance(value, int):
        return [value]
    return [int(v) for v in value]


class ProbeSampler:
    """Wraps a ChatStream-style sampler so the probe knows every chosen token, the last included."""

    def __init__(self, sampler: SamplerLike, recorder: Recorder) -> None:
        self.sampler = sampler
        self._recorder = recorder

    def do_sample(self, logits: torch.Tensor, *args: Any, **kwargs: Any) -> int:
        """Sample with the wrapped sampler and record the chosen token."""
        token_id = int(self.sampler.do_sample(logits, *args, **kwargs))
        self._recorder.on_sample(token_id)
        return token_id


class ProbeTransformer:
    """Wraps a real model and tokenizer; every generation through them is written to disk.

    Use it as a context manager (or call :meth:`close`): the application runs with
    :meth:`get_model` and :meth:`get_tokenizer` instead of the real objects, and each finished
    generation lands in ``<parent_dir_path>/<dirname>/episodes.jsonl`` at once.

    Args:
        model: The real causal LM.
        tokenizer: The real (fast) tokenizer.
        dirname: The recording's directory name; a timestamp when None.
        parent_dir_path: Its parent; defaults to ``~/.cache/chatstream/probe_data``
            (``$XDG_CACHE_HOME/chatstream/probe_data`` when set).
        on_episode: Called with each episode once it is on disk.
        existing: The recording already in the directory, when the caller has loaded it (it is
            appended to without being read again).
    """

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        dirname: str | os.PathLike[str] | None = None,
        parent_dir_path: str | os.PathLike[str] | None = None,
        *,
        on_episode: Callable[[TokenTrace], object] | None = None,
        existing: Recording | None = None,
    ) -> None:
        self.path = recording_dir(dirname, parent_dir_path)
        generation_config = getattr(model, "generation_config", None)
        meta = RecordingMeta(
            tokenizer_card=TokenizerCard.from_tokenizer(tokenizer),
            tokenizer_backend=backend_spec(tokenizer),
            model_class=type(model).__name__,
            model_config=model.config.to_dict(),
            generation_config=generation_config.to_dict() if generation_config else {},
        )
        eos = set(_ids(getattr(generation_config, "eos_token_id", None)))
        eos.update(_ids(getattr(model.config, "eos_token_id", None)))
        eos.update(_ids(getattr(tokenizer, "eos_token_id", None)))
        writer = RecordingWriter(self.path, meta, existing=existing)
        self._recorder = Recorder(writer, tokenizer, eos, on_episode)
        self._model = probe_model(model, self._recorder)
        self._tokenizer = probe_tokenizer(tokenizer, self._recorder)

    @property
    def recorder(self) -> Recorder:
        """The bookkeeping behind the probed objects."""
        return self._recorder

    def get_model(self) -> Any:
        """The probed model: the real model's class with recording mixed in."""
        return self._model

    def get_tokenizer(self) -> Any:
        """The probed tokenizer: the real tokenizer's class with recording mixed in."""
        return self._tokenizer

    def get_token_sampler(self, sampler: SamplerLike | Callable[..., int] | None = None) -> Any:
        """Wrap ``sampler`` (a ``do_sample`` object or a function; default :class:`TokenSampler`).

        Sampling through the wrapper tells the probe every chosen token at once, so an episode
        ends on disk as soon as an EOS id is chosen, and sampled loops record their last token.
        """
        if sampler is None:
            sampler = TokenSampler()
        if hasattr(sampler, "do_sample"):
            return ProbeSampler(sampler, self._recorder)
        if callable(sampler):
            function = sampler
            recorder = self._recorder

            def sample(*args: Any, **kwargs: Any) -> int:
                token_id = int(function(*args, **kwargs))
                recorder.on_sample(token_id)
                return token_id

            return sample
        raise TypeError(f"expected a sampler with do_sample or a function, got {sampler!r}")

    def close(self) -> None:
        """Write the generations still open (a manual loop's last one)."""
        self._recorder.close()

    def __enter__(self) -> ProbeTransformer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
