"""A ChatStream-style token sampler: ``do_sample(logits, ...) -> token id``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import torch

__all__ = ["SamplerLike", "TokenSampler"]

PENALTY_METHODS = ("multiplicative", "subtractive")


class SamplerLike(Protocol):
    """Anything with ChatStream's ``do_sample`` signature."""

    def do_sample(
        self,
        logits: torch.Tensor,
        top_k: int | None = None,
        top_p: float | None = None,
        temperature: float = 1.0,
        past_tokens: Any = None,
        penalty: float | None = None,
        penalty_method: str = "multiplicative",
    ) -> int: ...


class TokenSampler:
    """Picks the next token from one step's logits: penalty, temperature, top-k, top-p, draw.

    ``temperature <= 0`` picks the most likely token. Works as is on the mock's logits, which
    put all probability on the recorded token.
    """

    def do_sample(
        self,
        logits: torch.Tensor,
        top_k: int | None = None,
        top_p: float | None = None,
        temperature: float = 1.0,
        past_tokens: Sequence[int] | torch.Tensor | None = None,
        penalty: float | None = None,
        penalty_method: str = "multiplicative",
    ) -> int:
        """Return the chosen token id.

        Args:
            logits: The last position's logits, shape ``(vocab,)`` or ``(1, vocab)``.
            top_k: Keep only the ``top_k`` most likely tokens.
            top_p: Keep the smallest set of tokens whose probability reaches ``top_p``.
            temperature: Divide the logits by this; ``<= 0`` means greedy.
            past_tokens: Ids already in the sequence, for the repetition penalty.
            penalty: Repetition penalty (``> 1`` discourages repeats).
            penalty_method: ``"multiplicative"`` or ``"subtractive"``.
        """
        if penalty_method not in PENALTY_METHODS:
            raise ValueError(
                f"unknown penalty_method {penalty_method!r}; valid: {', '.join(PENALTY_METHODS)}"
            )
        certain = _certain_token(logits)
        if certain is not None:
            return certain
        scores = logits.detach().reshape(-1).to(torch.float32).clone()
        if penalty is not None and penalty != 1.0 and past_tokens is not None:
            past = torch.as_tensor(list(_ids(past_tokens)), dtype=torch.long, device=scores.device)
            if past.numel():
                chosen = scores[past]
                if penalty_method == "multiplicative":
                    chosen = torch.where(chosen < 0, chosen * penalty, chosen / penalty)
                else:
                    chosen = chosen - penalty
                scores[past] = chosen
        if temperature <= 0:
            return int(torch.argmax(scores))
        scores = scores / temperature
        if top_k is not None and 0 < top_k < scores.numel():
            kth = torch.topk(scores, top_k).values[-1]
            scores = scores.masked_fill(scores < kth, float("-inf"))
        if top_p is not None and 0 < top_p < 1:
            sorted_scores, order = torch.sort(scores, descending=True)
            cumulative = torch.softmax(sorted_scores, dim=-1).cumsum(dim=-1)
            drop = cumulative - torch.softmax(sorted_scores, dim=-1) >= top_p
            scores = scores.index_fill(0, order[drop], float("-inf"))
        probabilities = torch.softmax(scores, dim=-1)
        best = int(torch.argmax(probabilities))
        if float(probabilities[best]) == 1.0:
            return best  # a certain draw (the mock's logits): skip the costly multinomial
        return int(torch.multinomial(probabilities, num_samples=1))


CERTAINTY_GAP = 1e30
"""A token ahead of every other by this much is drawn whatever the settings (the mock's logits)."""


def _certain_token(logits: torch.Tensor) -> int | None:
    """The token that any penalty, temperature, top-k, top-p and seed would draw, if obvious.

    Only for logits where one token leads all others by :data:`CERTAINTY_GAP` (what the mock
    emits); checked with numpy on the CPU, which is much cheaper than a softmax and a draw.
    """
    if logits.device.type != "cpu" or logits.dtype != torch.float32:
        return None
    flat = logits if logits.dim() == 1 else logits.reshape(-1)
    values = (flat.detach() if flat.requires_grad else flat).numpy()
    best = int(values.argmax())
    top = float(values[best])
    if not math.isfinite(top) or int(np.count_nonzero(values > top - CERTAINTY_GAP)) != 1:
        return None
    return best


def _ids(past_tokens: Sequence[int] | torch.Tensor) -> list[int]:
    if isinstance(past_tokens, torch.Tensor):
        return [int(i) for i in past_tokens.reshape(-1).tolist()]
    return [int(i) for i in past_tokens]
