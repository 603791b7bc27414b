"""The replay model: a real ``PreTrainedModel`` + ``GenerationMixin`` that emits recorded tokens.

Each forward call finds where the token sequence stands in a recorded episode (through a
:class:`TokenSource`) and returns logits that force the recorded next token: that token at 0,
every other one at the dtype's minimum. Greedy search, sampling at any temperature / top-k /
top-p / repetition penalty, and any seed therefore all reproduce the recording.
"""

from __future__ import annotations

import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol, cast

import attrs
import numpy as np
import torch
from transformers import GenerationMixin, PretrainedConfig, PreTrainedModel
from transformers.cache_utils import Cache
from transformers.generation.logits_process import LogitsProcessor, LogitsProcessorList
from transformers.generation.stopping_criteria import StoppingCriteria, StoppingCriteriaList
from transformers.modeling_outputs import CausalLMOutputWithPast

from token_trace import FinishReason, TokenTrace
from transformer_mock._format import episode_id
from transformer_mock._matcher import Cursor
from transformer_mock._probe_model import check_replayable, generation_settings
from transformer_mock.errors import (
    RecordedTokenBannedError,
    ReplaySettingsWarning,
    UnrecordedInputError,
)

__all__ = ["RECORDED", "GenerateContext", "HandOver", "MockCache", "MockModel", "TokenSource"]

RECORDED = "recorded"
"""``wait_sec=RECORDED`` replays each token's recorded latency."""

_NUMPY_DTYPES = {torch.float32: np.float32, torch.float16: np.float16, torch.float64: np.float64}


class TokenSource(Protocol):
    """Where a mock model's tokens come from (a recording, or a generator of dummy text)."""

    label: str

    def cursor_for(
        self, tokens: Sequence[int], prefer: Callable[[TokenTrace], bool] | None = None
    ) -> Cursor:
        """The episode position that continues ``tokens``; raises UnrecordedInputError if none.

        ``prefer`` picks among several fitting episodes (e.g. those recorded by ``generate``
        with the same ``do_sample``).
        """
        ...

    def describe_token(self, token_id: int) -> str:
        """The token's piece (``convert_ids_to_tokens``), for messages."""
        ...


@attrs.define(eq=False)
class GenerateContext:
    """What one ``generate`` call passes between the mock's methods (a fresh one per forward
    call outside ``generate``).

    Attributes:
        prefer: Picks among several fitting episodes (those ``generate`` recorded with the same
            ``do_sample``); None outside ``generate``.
        settings: The call's effective sampling settings; None outside ``generate``.
        expected: The recorded next token of each batch row, as the last forward call forced.
        finished: Batch rows whose episode ended inside a batched ``generate``.
        stop_after: Per batch row, whether the token just forced ends an episode that a stop
            string ended when it was recorded.
    """

    prefer: Callable[[TokenTrace], bool] | None = None
    settings: dict[str, Any] | None = None
    expected: list[int] = attrs.field(factory=list)
    finished: dict[int, int] = attrs.field(factory=dict)
    stop_after: list[bool] = attrs.field(factory=list)


class HandOver(Protocol):
    """The real (probed) model a mock hands what it lacks over to (record mode ``new_episodes``)."""

    handed_over: bool
    """Set per thread: whether the latest forward call was handed over to the real model."""

    def real_model(self, why: str) -> Any:
        """The probed real model (loaded on the first call)."""
        ...

    def covers(self, tokens: Sequence[int]) -> bool:
        """Whether the recording can continue ``tokens``."""
        ...


class MockCache(Cache):
    """The mock's "KV cache": the token history of each batch row and where it stands.

    It is a ``transformers`` :class:`~transformers.cache_utils.Cache`, so ``generate`` and
    manual loops pass it around like a real one; ``get_seq_length`` is the history's length.
    """

    def __init__(self) -> None:
        super().__init__(layers=[])
        self.rows: list[list[int]] = []
        self.cursors: list[Cursor | None] = []
        self.finished: dict[int, int] = {}
        """Batch rows whose episode ended inside a batched ``generate``: row -> token to repeat."""

    def get_seq_length(self, layer_idx: int = 0) -> int:
        """Number of tokens the model has seen in this sequence."""
        return len(self.rows[0]) if self.rows else 0

    def get_max_length(self, layer_idx: int | None = None) -> int:
        """No maximum."""
        return -1

    @property
    def is_linear(self) -> list[bool]:
        return [False]

    @property
    def is_sliding(self) -> list[bool]:
        return [False]

    @property
    def is_compileable(self) -> bool:
        return False

    @property
    def is_croppable(self) -> bool:
        return True

    @property
    def is_initialized(self) -> bool:
        return bool(self.rows)

    @property
    def batch_size(self) -> int:
        return len(self.rows) if self.rows else -1

    def crop(self, tokens_to_remove: int) -> None:
        """Drop the last ``-tokens_to_remove`` tokens (``transformers``' convention)."""
        if tokens_to_remove < 0:
            self.rows = [row[:tokens_to_remove] for row in self.rows]
            self.cursors = [None for _ in self.rows]
            self.finished = {}

    def reset(self) -> None:
        """Forget the history."""
        self.rows, self.cursors, self.finished = [], [], {}

    def reorder_cache(self, beam_idx: torch.Tensor) -> None:
        """Reorder rows (beam search bookkeeping)."""
        order = [int(i) for i in beam_idx.tolist()]
        self._select(order)

    def _select(self, order: list[int]) -> None:
        self.rows = [list(self.rows[i]) for i in order]
        self.cursors = [self.cursors[i] for i in order]
        self.finished = {
            new: self.finished[old] for new, old in enumerate(order) if old in self.finished
        }

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        """Keep only the rows at ``indices``."""
        self.reorder_cache(indices)

    def batch_repeat_interleave(self, repeats: int) -> None:
        """Repeat each row ``repeats`` times."""
        self._select([index for index in range(len(self.rows)) for _ in range(repeats)])


class MockModel(PreTrainedModel, GenerationMixin):  # type: ignore[no-untyped-call]
    """Stands in for a causal LM: forward calls and ``generate`` emit the source's tokens.

    Args:
        config: The model config (restored from the recording).
        source: Where the tokens come from.
        wait_sec: Seconds to sleep per forward call, to imitate a real model's pace, or
            ``"recorded"`` to sleep each token's recorded latency (none where not recorded).
    """

    config_class = PretrainedConfig
    base_model_prefix = "mock"
    main_input_name = "input_ids"

    def __init__(
        self,
        config: PretrainedConfig,
        source: TokenSource,
        wait_sec: float | str | None = None,
        hand_over: HandOver | None = None,
    ) -> None:
        super().__init__(config)
        self.mock_anchor = torch.nn.Parameter(torch.empty(0), requires_grad=False)
        self._mock_source = source
        self._mock_recorded_wait = wait_sec == RECORDED
        if isinstance(wait_sec, str) and not self._mock_recorded_wait:
            raise ValueError(f"wait_sec must be a number, None or {RECORDED!r}, got {wait_sec!r}")
        self._mock_wait = 0.0 if isinstance(wait_sec, str) else float(wait_sec or 0.0)
        self._mock_hand_over = hand_over
        self._mock_vocab = int(config.get_text_config().vocab_size)
        self._mock_local = threading.local()
        self._mock_use_cache = bool(getattr(config, "use_cache", True))
        self.post_init()  # type: ignore[no-untyped-call]
        self._mock_refresh()

    def _apply(self, fn: Any, recurse: bool = True) -> Any:
        result = super()._apply(fn, recurse)  # type: ignore[no-untyped-call]
        self._mock_refresh()  # .to(), .half(), .float() changed the anchor's dtype or device
        return result

    def _mock_refresh(self) -> None:
        anchor = self.__dict__["_parameters"]["mock_anchor"]
        self._mock_dtype = anchor.dtype
        self._mock_device = anchor.device
        self._mock_minimum = torch.finfo(anchor.dtype).min
        self._mock_numpy_dtype = _NUMPY_DTYPES.get(anchor.dtype)

    def _init_weights(self, module: Any) -> None:
        """Nothing to initialise: the only parameter is empty."""

    def hand_over_to(self, hand_over: HandOver | None) -> None:
        """Hand what the source lacks over to a real model (``new_episodes``), or not (None)."""
        self._mock_hand_over = hand_over

    def _current_generate(self) -> GenerateContext:
        """The context of this thread's ``generate`` call, or a fresh one outside ``generate``."""
        context: GenerateContext | None = getattr(self._mock_local, "context", None)
        return context if context is not None else GenerateContext()

    @property
    def mock_source(self) -> TokenSource:
        """Where this model's tokens come from."""
        return self._mock_source

    def _prepare_cache_for_generation(
        self,
        generation_config: Any,
        model_kwargs: dict[Any, Any],
        generation_mode: Any,
        batch_size: int,
        max_cache_length: int,
    ) -> bool:
        cache = model_kwargs.get("cache")
        if cache is None and generation_config.use_cache is not False:
            model_kwargs["cache"] = MockCache()
        elif cache is not None and not isinstance(cache, MockCache):
            model_kwargs["cache"] = _own_cache(cache)
        return False

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        """``GenerationMixin.generate``, preferring what ``generate`` recorded (same ``do_sample``).

        When one prompt was recorded several ways (a manual loop, ``generate`` greedily, with
        sampling), a greedy ``generate`` replays the greedy ``generate`` episode, and so on.
        """
        check_replayable(self.generation_config, kwargs, "replayed")
        settings = generation_settings(self.generation_config, kwargs)
        do_sample = settings["do_sample"]

        def prefer(trace: TokenTrace) -> bool:
            metadata = trace.metadata
            return metadata.get("via") == "generate" and metadata.get("do_sample") == do_sample

        live = self._mock_hand_over
        if live is not None and not all(map(live.covers, _prompt_rows(args, kwargs))):
            return live.real_model("generate() on an unrecorded prompt").generate(*args, **kwargs)
        outer = getattr(self._mock_local, "context", None)
        self._mock_local.context = GenerateContext(prefer=prefer, settings=settings)
        try:
            return super().generate(*args, **kwargs)
        except UnrecordedInputError as error:
            if live is None or isinstance(error, RecordedTokenBannedError) or "streamer" in kwargs:
                raise
            why = "generate() went past the recorded episode"
            return live.real_model(why).generate(*args, **kwargs)
        finally:
            self._mock_local.context = outer

    def _get_logits_processor(self, *args: Any, **kwargs: Any) -> LogitsProcessorList:
        processors = super()._get_logits_processor(*args, **kwargs)  # type: ignore[misc]
        guard = _RecordedTokenGuard(self, list(processors), self._current_generate())
        return LogitsProcessorList([guard])

    def _get_stopping_criteria(
        self, generation_config: Any, *args: Any, **kwargs: Any
    ) -> StoppingCriteriaList:
        """``generate``'s criteria, with stop strings matched where the recording says.

        Replay forces the recorded tokens, so an episode a stop string ended is replayed up to
        its end and stops there; the tokenizer-vocabulary scan ``StopStringCriteria`` makes
        (which the replay tokenizer, knowing only recorded pieces, cannot serve) is skipped.
        """
        stop_strings = generation_config.stop_strings
        generation_config.stop_strings = None
        try:
            criteria: StoppingCriteriaList = super()._get_stopping_criteria(  # type: ignore[misc]
                generation_config, *args, **kwargs
            )
        finally:
            generation_config.stop_strings = stop_strings
        if stop_strings:
            criteria.append(_RecordedStop(self._current_generate()))
        return criteria

    def forward(
        self,
        input_ids: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        cache: Cache | None = None,
        past_key_values: Cache | None = None,
        inputs_embeds: torch.Tensor | None = None,
        use_cache: bool | None = None,
        logits_to_keep: int = 0,
        return_dict: bool | None = None,
        **kwargs: Any,
    ) -> CausalLMOutputWithPast:
        """Return logits that force the next recorded token, and the (mock) cache."""
        if input_ids is None:
            raise NotImplementedError("MockModel replays token ids; inputs_embeds is not supported")
        past = cache if cache is not None else past_key_values
        if use_cache is None:
            use_cache = self._mock_use_cache
        context = self._current_generate()
        live = self._mock_hand_over
        if live is None:
            return self._replay(input_ids, attention_mask, past, use_cache, logits_to_keep, context)
        if isinstance(past, Cache) and not isinstance(past, MockCache) and past.get_seq_length():
            live.handed_over = True  # a sequence the real model started: it goes on there
            real = live.real_model("a sequence it started")
            return cast(
                CausalLMOutputWithPast,
                real(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    position_ids=position_ids,
                    cache=past,
                    use_cache=use_cache,
                    **kwargs,
                ),
            )
        seen = past.get_seq_length() if isinstance(past, MockCache) else 0
        try:
            output = self._replay(
                input_ids, attention_mask, past, use_cache, logits_to_keep, context
            )
        except UnrecordedInputError as error:
            if isinstance(error, RecordedTokenBannedError):
                raise
            live.handed_over = True
            if position_ids is not None and not seen:
                kwargs["position_ids"] = position_ids
            handed = self._hand_over(live, past, seen, input_ids, attention_mask, use_cache, kwargs)
            return cast(CausalLMOutputWithPast, handed)
        live.handed_over = False
        return output

    def _hand_over(
        self,
        live: HandOver,
        past: Cache | None,
        seen: int,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None,
        use_cache: bool,
        kwargs: dict[str, Any],
    ) -> Any:
        """Run a missed forward call on the real model; the sequence stays there from now on."""
        model = live.real_model("a forward call on an unrecorded sequence")
        if not seen:
            return model(
                input_ids=input_ids, attention_mask=attention_mask, use_cache=use_cache, **kwargs
            )
        assert isinstance(past, MockCache)
        if len(past.rows) != 1:
            raise UnrecordedInputError(recording=self._mock_source.label, batch=len(past.rows))
        history = torch.tensor([past.rows[0]], dtype=torch.long, device=input_ids.device)
        output = model(input_ids=history, use_cache=use_cache, **kwargs)
        output["logits"] = output.logits[:, -input_ids.shape[-1] :]
        return output

    def _replay(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None,
        past: Cache | None,
        use_cache: bool,
        logits_to_keep: int,
        context: GenerateContext,
    ) -> CausalLMOutputWithPast:
        if past is None:
            state = MockCache() if use_cache else None
        else:
            state = past if isinstance(past, MockCache) else _own_cache(past)
        batch = input_ids.view(1, -1).tolist() if input_ids.dim() == 1 else input_ids.tolist()
        fresh = state is None or not state.rows
        if fresh and attention_mask is not None and attention_mask.dim() == 2:
            width = len(batch[0])
            masks = attention_mask[:, -width:].tolist()
            batch = [
                [t for t, keep in zip(row, mask, strict=True) if keep]
                for row, mask in zip(batch, masks, strict=True)
            ]
        lenient = len(batch) > 1 and context.prefer is not None
        expected = []
        stop_after = []
        wait = 0.0
        for row_index, new_ids in enumerate(batch):
            token_id, latency, stops = self._advance(state, row_index, new_ids, lenient, context)
            expected.append(token_id)
            stop_after.append(stops)
            wait = max(wait, latency)
        context.expected = expected
        context.stop_after = stop_after
        context.finished = state.finished if state is not None else {}
        wait = wait if self._mock_recorded_wait else self._mock_wait
        if wait:
            time.sleep(wait)
        logits = self._forced_logits(expected)
        width = input_ids.shape[-1]
        if logits_to_keep == 0 and width > 1:
            logits = logits.expand(len(batch), width, self._mock_vocab)
        return _output(logits, state if use_cache else None)

    def __call__(self, *args: Any, **kwargs: Any) -> CausalLMOutputWithPast:
        """Call :meth:`forward` directly (a mock has no hooks worth their per-call cost)."""
        return self.forward(*args, **kwargs)

    def _forced_logits(self, expected: list[int]) -> torch.Tensor:
        shape = (len(expected), 1, self._mock_vocab)
        minimum = self._mock_minimum
        numpy_dtype = self._mock_numpy_dtype
        if numpy_dtype is not None:  # numpy fills and scatters faster than torch at this size
            values = np.full(shape, minimum, dtype=numpy_dtype)
            for row_index, token_id in enumerate(expected):
                values[row_index, 0, token_id] = 0
            logits = torch.from_numpy(values)
            return logits if self._mock_device.type == "cpu" else logits.to(self._mock_device)
        logits = torch.full(shape, minimum, dtype=self._mock_dtype, device=self._mock_device)
        for row_index, token_id in enumerate(expected):
            logits[row_index, 0, token_id] = 0
        return logits

    def _advance(
        self,
        state: MockCache | None,
        row_index: int,
        new_ids: list[int],
        lenient: bool,
        context: GenerateContext,
    ) -> tuple[int, float, bool]:
        """The next recorded token of one row, its recorded latency (0 if none), and whether a
        stop string ended the episode with it."""
        cursor: Cursor | None = None
        if state is None:
            sequence = new_ids
        else:
            while len(state.rows) <= row_index:
                state.rows.append([])
                state.cursors.append(None)
            previous = state.cursors[row_index]
            sequence = state.rows[row_index]
            sequence.extend(new_ids)
            if row_index in state.finished:
                return state.finished[row_index], 0.0, False
            if previous is not None and len(new_ids) == 1:
                cursor = previous.advance(new_ids[0])
                if lenient and cursor is not None and cursor.next_token is None:
                    # generate() pads a batch row that already ended; its logits are unused
                    state.finished[row_index] = new_ids[0]
                    return new_ids[0], 0.0, False
        if cursor is None or cursor.next_token is None:
            cursor = self._mock_source.cursor_for(sequence, context.prefer)
            self._check_settings(cursor.trace, context)
        if state is not None:
            state.cursors[row_index] = cursor
        token_id = cursor.next_token
        assert token_id is not None  # cursor_for returns a cursor with a next token
        trace = cursor.trace
        stops = trace.finish_reason is FinishReason.STOP_STRING and cursor.position + 1 == len(
            trace.generated_ids
        )
        latencies = trace.latencies
        return token_id, latencies[cursor.position] if latencies else 0.0, stops

    def _check_settings(self, trace: TokenTrace, context: GenerateContext) -> None:
        """Warn when ``generate`` replays an episode recorded with other sampling settings."""
        settings = context.settings
        if not settings or trace.metadata.get("via") != "generate":
            return
        recorded = trace.metadata
        names = ["do_sample", "repetition_penalty"]  # max_new_tokens: a shorter replay is fine
        if settings["do_sample"] and recorded.get("do_sample"):
            names += ["temperature", "top_k", "top_p"]
        differing = [
            f"{name} recorded {recorded[name]!r}, now {settings.get(name)!r}"
            for name in names
            if name in recorded and recorded[name] != settings.get(name)
        ]
        if differing:
            warnings.warn(
                ReplaySettingsWarning(
                    f"generate() replays episode {episode_id(trace)} of recording "
                    f"{self._mock_source.label!r} with other settings than it was recorded "
                    f"with: {'; '.join(differing)}. Replay forces the recorded tokens, so the "
                    "text is the recorded one, not what these settings would produce"
                ),
                stacklevel=2,
            )

    def check_recorded_token(
        self, scores: torch.Tensor, processor: object, context: GenerateContext
    ) -> None:
        """Raise RecordedTokenBannedError if ``scores`` no longer favour the recorded token."""
        for row_index, token_id in enumerate(context.expected):
            if row_index in context.finished:
                continue
            row = scores[row_index]
            value = row[token_id]
            if bool(torch.isfinite(value)) and bool(value >= row.max()):
                continue
            raise RecordedTokenBannedError(
                recording=self._mock_source.label,
                processor=type(processor).__name__,
                token_id=token_id,
                token_piece=self._mock_source.describe_token(token_id),
                score=float(value),
                best=float(row.max()),
            )


class _RecordedTokenGuard(LogitsProcessor):
    """Applies ``generate``'s logits processors one by one, checking the recorded token survives."""

    def __init__(self, model: MockModel, processors: list[Any], context: GenerateContext) -> None:
        self.model = model
        self.processors = processors
        self.context = context

    def __call__(self, input_ids: torch.LongTensor, scores: torch.Tensor) -> torch.Tensor:
        for processor in self.processors:
            scores = processor(input_ids, scores)
            self.model.check_recorded_token(scores, processor, self.context)
        return scores


class _RecordedStop(StoppingCriteria):
    """Stops each batch row where a stop string ended its episode when it was recorded."""

    def __init__(self, context: GenerateContext) -> None:
        self.context = context

    def __call__(
        self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any
    ) -> torch.BoolTensor:
        stops = list(self.context.stop_after)[: input_ids.shape[0]]
        stops += [False] * (input_ids.shape[0] - len(stops))
        flags = torch.tensor(stops, dtype=torch.bool, device=input_ids.device)
        return cast(torch.BoolTensor, flags)


def _output(logits: torch.Tensor, cache: MockCache | None) -> CausalLMOutputWithPast:
    """``CausalLMOutputWithPast(logits=logits, cache=cache)``, built without its dataclass checks.

    The checks cost more than everything else a mock forward call does; the result is the same:
    the non-None fields as keys in field order, the others None.
    """
    output = CausalLMOutputWithPast.__new__(CausalLMOutputWithPast)
    for name, value in (("logits", logits), ("cache", cache)):
        if value is not None:
            OrderedDict.__setitem__(output, name, value)
            object.__setattr__(output, name, value)
    return output


def _prompt_rows(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[list[int]]:
    """The prompt of each row of a ``generate`` call, left padding stripped."""
    inputs = args[0] if args else kwargs.get("input_ids", kwargs.get("inputs"))
    if not isinstance(inputs, torch.Tensor):
        return []
    rows: list[list[int]] = (inputs.view(1, -1) if inputs.dim() == 1 else inputs).tolist()
    mask = kwargs.get("attention_mask")
    if isinstance(mask, torch.Tensor) and mask.dim() == 2 and len(mask) == len(rows):
        rows = [
            [t for t, keep in zip(row, keeps, strict=True) if keep]
            for row, keeps in zip(rows, mask.tolist(), strict=True)
        ]
    return rows


def _own_cache(cache: Any) -> MockCache:
    if isinstance(cache, Cache) and cache.get_seq_length() == 0:
        return MockCache()
    raise TypeError(
        f"MockModel keeps its token history in a MockCache; got {type(cache).__name__} "
        "(pass back the cache a MockModel returned, or none to start a sequence)"
    )
