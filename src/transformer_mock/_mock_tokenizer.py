"""The replay tokenizer: a real ``transformers`` fast tokenizer that only knows the recording."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from tokenizers import Tokenizer
from transformers import PreTrainedTokenizerFast

from token_trace import TokenizerCard
from transformer_mock._format import encode_key
from transformer_mock._matcher import common_prefix
from transformer_mock._tokenizer_spec import build_backend, split_encode_call
from transformer_mock.errors import (
    UnrecordedInputError,
    UnsavableTokenizerError,
    VocabularyNotRecordedError,
)

__all__ = ["MockTokenizer"]


class MockTokenizer(PreTrainedTokenizerFast):
    """Serves every recorded encode call and decodes any sequence of recorded ids exactly.

    Encoding looks the text (and the options that change ids: ``add_special_tokens``,
    truncation, splitting) up in the recording; padding, attention masks and tensors are then
    built by ``transformers`` as usual. Decoding runs the recorded tokenizer's own decoder over
    the recorded token pieces. Anything not recorded raises :class:`UnrecordedInputError`,
    unless ``real_tokenizer`` is set (record mode ``new_episodes``): then the real (probed)
    tokenizer serves it.
    """

    real_tokenizer: Callable[[str], Any] | None = None
    """Returns the real tokenizer (loaded on first call), given why it is needed."""

    def __init__(
        self,
        *,
        label: str,
        card: TokenizerCard,
        backend: Mapping[str, Any],
        pieces: Mapping[int, str],
        encodes: Mapping[str, tuple[int, ...]],
        built: Tokenizer | None = None,
    ) -> None:
        settings = {k: v for k, v in dict(backend.get("settings", {})).items() if v is not None}
        roles = dict(card.roles)
        # set before __init__, which would otherwise deep-copy a `tokenizer_object` argument
        self._mock_backend = built if built is not None else build_backend(backend, pieces)
        self._tokenizer = self._mock_backend
        super().__init__(  # type: ignore[no-untyped-call]
            name_or_path=card.name_or_path,
            **roles,
            **settings,
        )
        self._mock_label = label
        self._mock_card = card
        self._mock_encodes = dict(encodes)
        self._mock_known = set(pieces) | {int(t["id"]) for t in backend.get("added_tokens", [])}
        self._mock_ready = True

    def _convert_token_to_id_with_added_voc(self, token: str) -> int:
        """The recorded id of ``token``; a piece never recorded raises UnrecordedInputError.

        The real tokenizer answers any piece (its unknown-token id for pieces outside its
        vocabulary); the mock knows only recorded pieces, so it refuses instead of guessing.
        """
        index = self._mock_backend.token_to_id(token)
        if index is not None:
            return int(index)
        if self.real_tokenizer is not None:
            real = self.real_tokenizer("a token piece the recording lacks")
            return int(real.convert_tokens_to_ids(token))
        if not getattr(self, "_mock_ready", False):  # transformers' own set-up, before replay
            return super()._convert_token_to_id_with_added_voc(token)
        raise UnrecordedInputError(
            recording=self._mock_label, piece=token, known=len(self._mock_known)
        )

    def save_pretrained(self, *args: Any, **kwargs: Any) -> Any:
        """Refuse: a folder saved from the replay tokenizer would not encode like the real one."""
        raise UnsavableTokenizerError(
            f"the replay tokenizer of recording {self._mock_label!r} cannot be saved: it knows "
            f"only the {len(self._mock_known)} recorded pieces and the recorded encode calls, so "
            "a tokenizer loaded from the saved folder would encode other text wrongly (e.g. to "
            "no ids) and lose pieces when decoding; save the real tokenizer instead"
        )

    def get_vocab(self) -> dict[str, int]:
        """Refuse: the replay tokenizer holds only the recorded pieces, not the vocabulary.

        Raises:
            VocabularyNotRecordedError: always, once set up (a partial vocabulary next to the
                full ``vocab_size`` would be a silent wrong answer); with ``real_tokenizer``
                set (record mode ``new_episodes``) the real tokenizer answers.
        """
        if self.real_tokenizer is not None:
            vocab: dict[str, int] = self.real_tokenizer("the whole vocabulary").get_vocab()
            return vocab
        if not getattr(self, "_mock_ready", False):  # transformers' own set-up, before replay
            return dict(super().get_vocab())
        raise VocabularyNotRecordedError(
            recording=self._mock_label,
            known=len(self._mock_known),
            vocab_size=self._mock_card.vocab_size,
        )

    @property
    def vocab_size(self) -> int:
        """The recorded tokenizer's vocabulary size (the mock only knows the recorded ids)."""
        return self._mock_card.vocab_size

    def __len__(self) -> int:
        return self._mock_card.vocab_size

    def _lookup(self, text: Any, text_pair: Any, options: Mapping[str, Any]) -> list[int]:
        key = encode_key(text, text_pair, options)
        ids = self._mock_encodes.get(key)
        if ids is None:
            raise self._encode_miss(text, options)
        return list(ids)

    def _encode_miss(self, text: Any, options: Mapping[str, Any]) -> UnrecordedInputError:
        shown = text if isinstance(text, str) else repr(text)
        texts = sorted({_text_of(key) for key in self._mock_encodes})
        if not texts:
            return UnrecordedInputError(recording=self._mock_label, text=shown, options=options)
        closest = max(texts, key=lambda t: (common_prefix(t, shown), -len(t)))
        same_text = [key for key in self._mock_encodes if _text_of(key) == shown]
        return UnrecordedInputError(
            recording=self._mock_label,
            position=common_prefix(closest, shown),
            closest=closest,
            text=shown,
            options=options,
            other_options=same_text[0] if same_text else None,
        )

    def _encode_plus(self, text: Any, text_pair: Any = None, **kwargs: Any) -> Any:  # type: ignore[override]
        if kwargs.get("return_offsets_mapping") or kwargs.get("return_overflowing_tokens"):
            raise NotImplementedError("MockTokenizer does not replay offsets or overflowing tokens")
        batched, items, options = split_encode_call(
            text, text_pair, kwargs, bool(getattr(self, "split_special_tokens", False))
        )
        try:
            ids = [self._lookup(t, p, options) for t, p in items]
        except UnrecordedInputError:
            if self.real_tokenizer is None:
                raise
            return self.real_tokenizer("an unrecorded encode")._encode_plus(
                text, text_pair, **kwargs
            )
        return_tensors = kwargs.get("return_tensors")
        encoded: dict[str, Any] = {"input_ids": ids if batched or return_tensors else ids[0]}
        if kwargs.get("return_special_tokens_mask"):
            special = set(self.all_special_ids)
            masks = [[int(i in special) for i in row] for row in ids]
            encoded["special_tokens_mask"] = masks if batched or return_tensors else masks[0]
        if kwargs.get("return_length"):
            lengths = [len(row) for row in ids]
            encoded["length"] = lengths if batched or return_tensors else lengths[0]
        return self.pad(
            encoded,
            padding=kwargs.get("padding_strategy", "do_not_pad"),
            max_length=kwargs.get("max_length"),
            pad_to_multiple_of=kwargs.get("pad_to_multiple_of"),
            padding_side=kwargs.get("padding_side"),
            return_attention_mask=kwargs.get("return_attention_mask"),
            return_tensors=return_tensors,
            verbose=kwargs.get("verbose", True),
        )

    def tokenize(
        self, text: str, pair: str | None = None, add_special_tokens: bool = False, **kwargs: Any
    ) -> list[str]:
        """The recorded pieces of ``text`` (recorded by the probe's ``tokenize`` or encode)."""
        _, items, options = split_encode_call(
            text,
            pair,
            {**kwargs, "add_special_tokens": add_special_tokens},
            bool(getattr(self, "split_special_tokens", False)),
        )
        try:
            ids = self._lookup(*items[0], options)
        except UnrecordedInputError:
            if self.real_tokenizer is None:
                raise
            real = self.real_tokenizer("an unrecorded encode")
            return list(real.tokenize(text, pair, add_special_tokens=add_special_tokens, **kwargs))
        return list(self.convert_ids_to_tokens(ids))

    def _unknown(self, ids: list[int]) -> bool:
        """Whether some of ``ids`` were never recorded and the real tokenizer must serve them."""
        if self.real_tokenizer is None:
            return False
        return any(i not in self._mock_known for i in ids)

    def _check_known(self, ids: list[int]) -> None:
        unknown = [i for i in ids if i not in self._mock_known]
        if unknown:
            raise UnrecordedInputError(
                recording=self._mock_label, ids=unknown, known=len(self._mock_known)
            )

    def _decode(
        self,
        token_ids: int | list[int],
        skip_special_tokens: bool = False,
        clean_up_tokenization_spaces: bool | None = None,
        **kwargs: Any,
    ) -> str:
        ids = [token_ids] if isinstance(token_ids, int) else list(token_ids)
        if self._unknown(ids) and self.real_tokenizer is not None:
            return str(
                self.real_tokenizer("ids the recording lacks")._decode(
                    ids,
                    skip_special_tokens=skip_special_tokens,
                    clean_up_tokenization_spaces=clean_up_tokenization_spaces,
                    **kwargs,
                )
            )
        self._check_known(ids)
        return str(
            super()._decode(
                ids,
                skip_special_tokens=skip_special_tokens,
                clean_up_tokenization_spaces=clean_up_tokenization_spaces,
                **kwargs,
            )
        )

    def convert_ids_to_tokens(
        self, ids: int | list[int], skip_special_tokens: bool = False
    ) -> str | list[str]:
        """The recorded pieces of ``ids``; an id never recorded raises UnrecordedInputError."""
        as_list = [ids] if isinstance(ids, int) else list(ids)
        if self._unknown(as_list) and self.real_tokenizer is not None:
            real = self.real_tokenizer("ids the recording lacks")
            pieces: str | list[str] = real.convert_ids_to_tokens(
                ids, skip_special_tokens=skip_special_tokens
            )
            return pieces
        self._check_known(as_list)
        result: str | list[str] = super().convert_ids_to_tokens(
            ids, skip_special_tokens=skip_special_tokens
        )
        return result

    def describe_ids(self, ids: list[int]) -> str:
        """Decode ``ids`` for a message: ids never recorded are shown as ``<id N?>``."""
        out: list[str] = []
        run: list[int] = []
        for token_id in ids:
            if token_id in self._mock_known:
                run.append(token_id)
                continue
            if run:
                out.append(str(self.decode(run)))
                run = []
            out.append(f"<id {token_id}?>")
        if run:
            out.append(str(self.decode(run)))
        return "".join(out)


def _text_of(key: str) -> str:
    text = json.loads(key)["text"]
    return text if isinstance(text, str) else repr(text)
