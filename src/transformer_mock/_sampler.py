"""A ChatStream-style token sampler: ``do_sample(logits, ...) -> token id``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

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


def _ids(past_tokens: Sequence[int] | torch.Tensor) -> list[int]:
    if isinstance(past_tokens, torch.Tensor):
        return [int(i) for i in past_tokens.reshape(-1).tolist()]
    return [int(i) for i in past_tokens]
