"""The probed tokenizer: the real one, recording every encode call."""

from __future__ import annotations

import copy
from typing import Any

from transformer_mock._format import EncodeCall
from transformer_mock._mixin import mixed_copy
from transformer_mock._recorder import Recorder
from transformer_mock._tokenizer_spec import split_encode_call

__all__ = ["ProbeTokenizer", "probe_tokenizer"]


class ProbeTokenizer:
    """Mixed into a copy of the real tokenizer's class: encodes as usual and records them.

    ``isinstance(probe.get_tokenizer(), type(real_tokenizer))`` stays true; the real tokenizer
    object itself is left untouched.
    """

    _probe_recorder: Recorder

    def _encode_plus(self, text: Any, text_pair: Any = None, **kwargs: Any) -> Any:
        result = super()._encode_plus(text, text_pair, **kwargs)  # type: ignore[misc]
        batched, items, options = split_encode_call(
            text, text_pair, kwargs, bool(getattr(self, "split_special_tokens", False))
        )
        padding = kwargs.get("padding_strategy", "do_not_pad")
        plain = (
            not batched
            and str(getattr(padding, "value", padding)) == "do_not_pad"
            and not kwargs.get("return_overflowing_tokens")
        )
        if plain:
            ids = result["input_ids"]
            ids = ids.tolist() if hasattr(ids, "tolist") else list(ids)
            all_ids = [ids[0] if ids and isinstance(ids[0], list) else ids]
        else:
            encode = super()._encode_plus  # type: ignore[misc]
            all_ids = [
                list(
                    encode(
                        item_text,
                        item_pair,
                        add_special_tokens=options["add_special_tokens"],
                        truncation_strategy=kwargs.get("truncation_strategy", "do_not_truncate"),
                        max_length=kwargs.get("max_length"),
                        stride=kwargs.get("stride", 0),
                        is_split_into_words=kwargs.get("is_split_into_words", False),
                        split_special_tokens=kwargs.get("split_special_tokens"),
                    )["input_ids"]
                )
                for item_text, item_pair in items
            ]
        self._probe_recorder.note_encodes(
            [
                EncodeCall(text=t, text_pair=p, options=options, ids=ids)
                for (t, p), ids in zip(items, all_ids, strict=True)
            ]
        )
        return result

    def _convert_token_to_id_with_added_voc(self, token: str) -> int:
        token_id = int(super()._convert_token_to_id_with_added_voc(token))  # type: ignore[misc]
        self._probe_recorder.note_piece(token_id, token)
        return token_id

    def tokenize(
        self, text: str, pair: str | None = None, add_special_tokens: bool = False, **kwargs: Any
    ) -> list[str]:
        """Tokenize as the real tokenizer does, recording the result."""
        tokens: list[str] = super().tokenize(  # type: ignore[misc]
            text, pair, add_special_tokens=add_special_tokens, **kwargs
        )
        _, items, options = split_encode_call(
            text,
            pair,
            {**kwargs, "add_special_tokens": add_special_tokens},
            bool(getattr(self, "split_special_tokens", False)),
        )
        ids = self.convert_tokens_to_ids(tokens)  # type: ignore[attr-defined]
        self._probe_recorder.note_encodes(
            [EncodeCall(text=items[0][0], text_pair=items[0][1], options=options, ids=ids)]
        )
        return tokens


def probe_tokenizer(tokenizer: Any, recorder: Recorder) -> Any:
    """A shallow copy of ``tokenizer`` whose class also derives from :class:`ProbeTokenizer`."""
    probed = mixed_copy(tokenizer, ProbeTokenizer, _probe_recorder=recorder)
    for name, value in list(vars(probed).items()):  # e.g. setting pad_token leaves the original
        if isinstance(value, (dict, list, set)):
            vars(probed)[name] = copy.copy(value)
    return probed
