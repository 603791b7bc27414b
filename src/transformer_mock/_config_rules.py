"""What the model and generation configs of a recording may hold, checked without transformers.

``meta.json`` keeps ``model.config.to_dict()`` and ``model.generation_config.to_dict()``, and
replay rebuilds both with transformers. A recording is untrusted, so before anything is rebuilt
:func:`check_model_config` and :func:`check_generation_config` check the values replay and
``generate`` use (types, ranges, token ids within the vocabulary), and the keys that would make
transformers load something (remote code, quantization, attention kernels from the Hub) are
never passed on (:func:`replayable_model_config`). What transformers checks on top of this (a
config class's own rules) is checked where the configs are rebuilt
(``transformer_mock._mock_transformer.replay_configs``), the same way for ``MockTransformer``
and ``transformer-mock verify``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from transformer_mock.errors import RecordingFormatError

__all__ = [
    "FLOAT_SETTINGS",
    "IGNORED_MODEL_KEYS",
    "MAX_SIZE",
    "REPLAYED_GENERATION_KEYS",
    "check_generation_config",
    "check_model_config",
    "logits_width",
    "replayable_model_config",
]

MAX_SIZE = 1 << 31
"""Largest layer count, head count or dimension a model config may claim."""

_MAX_INT = 1 << 63
"""Every integer in a config must fit in 64 bits (torch turns them into tensors)."""

IGNORED_MODEL_KEYS = frozenset(
    {
        "auto_map",
        "custom_pipelines",
        "quantization_config",
        "attn_implementation",
        "_attn_implementation",
        "_attn_implementation_internal",
        "experts_implementation",
        "_experts_implementation",
        "_experts_implementation_internal",
    }
)
"""Model config keys replay never passes to transformers: they name code, quantizers or
kernels to load (``auto_map`` -> remote code, an attention implementation -> a Hub kernel)."""

_SIZES = frozenset(
    {
        "hidden_size",
        "intermediate_size",
        "num_hidden_layers",
        "num_attention_heads",
        "num_key_value_heads",
        "head_dim",
        "max_position_embeddings",
        "n_embd",
        "n_layer",
        "n_head",
        "n_inner",
        "n_positions",
        "n_ctx",
        "d_model",
        "num_layers",
        "num_heads",
    }
)
"""Model config sizes: positive integers (a zero head count divides by zero in transformers)."""

_MODEL_BOOLS = frozenset(
    {
        "tie_word_embeddings",
        "use_cache",
        "return_dict",
        "output_hidden_states",
        "output_attentions",
        "is_decoder",
        "add_cross_attention",
        "attention_bias",
        "mlp_bias",
    }
)

_SPECIAL_IDS = ("bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id")
"""Token ids ``generate`` compares generated ids with: from -1 (unset) to below the vocabulary."""

DTYPES = frozenset({"float32", "float16", "bfloat16", "float64", "float", "half", "double", "auto"})
"""``dtype`` names a recording may give (transformers looks any other name up on ``torch``)."""


def _fail(where: str, key: str, expected: str, value: object) -> RecordingFormatError:
    return RecordingFormatError(f"{where}.{key}: expected {expected}, got {value!r:.80}")


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_size(value: object) -> bool:
    return type(value) is int and 1 <= value <= MAX_SIZE


def _is_id(value: object, ids_below: int, low: int = 0) -> bool:
    return type(value) is int and low <= value < ids_below


def _ids(value: object, ids_below: int) -> bool:
    """A special token id (-1 for none), or a non-empty list of them."""
    if isinstance(value, list):
        return bool(value) and all(_is_id(item, ids_below, -1) for item in value)
    return _is_id(value, ids_below, -1)


def _check_ints(value: object, where: str) -> None:
    """Every integer anywhere in ``value`` fits in 64 bits."""
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, f"{at}.{key}") for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, f"{at}[{index}]") for index, child in enumerate(item))
        elif type(item) is int and not -_MAX_INT <= item < _MAX_INT:
            raise RecordingFormatError(f"{at}: {item:.3e} does not fit in 64 bits")


def logits_width(config: Mapping[str, Any]) -> int | None:
    """The vocabulary size replay's logits have (the text config's when nested), if recorded."""
    text_config = config.get("text_config")
    for part in (text_config, config):
        if isinstance(part, Mapping) and type(part.get("vocab_size")) is int:
            return int(part["vocab_size"])
    return None


def _config_parts(config: Mapping[str, Any], where: str) -> list[tuple[Mapping[str, Any], str]]:
    parts = [(config, where)]
    parts.extend(
        (value, f"{where}.{key}")
        for key, value in config.items()
        if key.endswith("_config") and isinstance(value, Mapping)
    )
    return parts


def check_model_config(config: Mapping[str, Any], where: str, ids_below: int) -> None:
    """Check the values of ``model_config`` that replay and ``generate`` use.

    Args:
        config: The recorded ``model.config.to_dict()``.
        where: Names the file and field in messages (``.../meta.json: model_config``).
        ids_below: One past the largest token id the recording may hold.

    Raises:
        RecordingFormatError: naming ``where`` and the key.
    """
    _check_ints(config, where)
    for key in ("model_type", "_name_or_path"):
        if not isinstance(config.get(key, ""), str):
            raise _fail(where, key, "a string", config[key])
    encoder_decoder = config.get("is_encoder_decoder")
    if encoder_decoder is not None and encoder_decoder is not False:
        raise _fail(
            where,
            "is_encoder_decoder",
            "false (replay covers decoder-only models)",
            encoder_decoder,
        )
    for part, at in _config_parts(config, where):
        for key, value in part.items():
            if value is None or key in IGNORED_MODEL_KEYS:
                continue
            if key in _SIZES and not (
                _is_size(value)
                or (isinstance(value, list) and bool(value) and all(map(_is_size, value)))
            ):
                raise _fail(at, key, f"an integer from 1 to {MAX_SIZE}", value)
            if key in _MODEL_BOOLS and not isinstance(value, bool):
                raise _fail(at, key, "true or false", value)
            if key.endswith("_token_id") and not (
                _is_int(value) or (isinstance(value, list) and all(map(_is_int, value)))
            ):
                raise _fail(at, key, "a token id or a list of them", value)
            if key in ("dtype", "torch_dtype") and not (isinstance(value, str) and value in DTYPES):
                raise _fail(at, key, f"one of {', '.join(sorted(DTYPES))}", value)
        _check_labels(part, at)
    for key in _SPECIAL_IDS:
        value = config.get(key)
        if value is not None and not _ids(value, ids_below):
            raise _fail(where, key, f"a token id from -1 to {ids_below - 1}", value)


def _check_labels(config: Mapping[str, Any], where: str) -> None:
    id2label, label2id = config.get("id2label"), config.get("label2id")
    if id2label is not None and not (
        isinstance(id2label, dict)
        and all(isinstance(v, str) and k.lstrip("-").isdigit() for k, v in id2label.items())
    ):
        raise _fail(where, "id2label", "an object of integer keys and string labels", id2label)
    if label2id is not None and not (
        isinstance(label2id, dict) and all(map(_is_int, label2id.values()))
    ):
        raise _fail(where, "label2id", "an object of integer values", label2id)


def replayable_model_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` without the keys replay never passes on (:data:`IGNORED_MODEL_KEYS`)."""
    return {
        key: (replayable_model_config(value) if isinstance(value, dict) else value)
        for key, value in config.items()
        if key not in IGNORED_MODEL_KEYS
    }


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float))


def _number(low: float, high: float | None = None, *, above: bool = False) -> Callable[..., bool]:
    def valid(value: object) -> bool:
        if not _is_number(value) or value < low or (above and value == low):  # type: ignore[operator]
            return False
        return high is None or value <= high  # type: ignore[operator]

    return valid


def _whole(low: int) -> Callable[..., bool]:
    return lambda value: type(value) is int and low <= value < _MAX_INT


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_strings(value: object) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    )


_GENERATION_RULES: dict[str, tuple[Callable[..., bool], str]] = {
    "max_length": (_whole(0), "an integer from 0"),
    "max_new_tokens": (_whole(1), "an integer from 1"),
    "min_length": (_whole(0), "an integer from 0"),
    "min_new_tokens": (_whole(0), "an integer from 0"),
    "num_beams": (_whole(1), "an integer from 1"),
    "num_return_sequences": (_whole(1), "an integer from 1"),
    "top_k": (_whole(0), "an integer from 0"),
    "no_repeat_ngram_size": (_whole(0), "an integer from 0"),
    "encoder_no_repeat_ngram_size": (_whole(0), "an integer from 0"),
    "temperature": (_number(0.0), "a number from 0"),
    "top_p": (_number(0.0, 1.0), "a number from 0 to 1"),
    "min_p": (_number(0.0, 1.0), "a number from 0 to 1"),
    "typical_p": (_number(0.0, 1.0, above=True), "a number above 0, at most 1"),
    "top_h": (_number(0.0, 1.0), "a number from 0 to 1"),
    "epsilon_cutoff": (_number(0.0, 1.0), "a number from 0 to 1"),
    "eta_cutoff": (_number(0.0, 1.0), "a number from 0 to 1"),
    "repetition_penalty": (_number(0.0, above=True), "a number above 0"),
    "encoder_repetition_penalty": (_number(0.0, above=True), "a number above 0"),
    "length_penalty": (_is_number, "a number"),
    "guidance_scale": (_is_number, "a number"),
    "max_time": (_number(0.0), "a number from 0"),
    "do_sample": (_is_bool, "true or false"),
    "use_cache": (_is_bool, "true or false"),
    "renormalize_logits": (_is_bool, "true or false"),
    "remove_invalid_values": (_is_bool, "true or false"),
    "output_attentions": (_is_bool, "true or false"),
    "output_hidden_states": (_is_bool, "true or false"),
    "output_scores": (_is_bool, "true or false"),
    "output_logits": (_is_bool, "true or false"),
    "return_dict_in_generate": (_is_bool, "true or false"),
    "early_stopping": (
        lambda value: isinstance(value, bool) or value == "never",
        "true, false or 'never'",
    ),
    "stop_strings": (_is_strings, "a string or a list of strings"),
    "cache_implementation": (lambda value: isinstance(value, str), "a string"),
    "cache_config": (lambda value: isinstance(value, dict), "an object"),
    "compile_config": (lambda value: isinstance(value, dict), "an object"),
}
"""Types and ranges of the generation settings ``generate`` reads (null is always allowed)."""

_UNREPLAYABLE = {
    "penalty_alpha": "contrastive search",
    "dola_layers": "DoLa decoding",
    "constraints": "constrained beam search",
    "force_words_ids": "constrained beam search",
    "diversity_penalty": "group beam search",
    "prompt_lookup_num_tokens": "assisted decoding",
    "watermarking_config": "watermarking",
    "sequence_bias": "sequence bias",
}
"""Settings that pick a decoding mode or logits change replay cannot reproduce: must be null
(``penalty_alpha`` and ``diversity_penalty`` may also be 0, which is off)."""

_OFF_AT_ZERO = frozenset({"penalty_alpha", "diversity_penalty"})

_ID_LISTS = ("suppress_tokens", "begin_suppress_tokens")
_GENERATION_IDS = (*_SPECIAL_IDS, "forced_bos_token_id", "forced_eos_token_id")

FLOAT_SETTINGS = frozenset(
    {
        "temperature",
        "top_p",
        "min_p",
        "top_h",
        "typical_p",
        "epsilon_cutoff",
        "eta_cutoff",
        "repetition_penalty",
        "encoder_repetition_penalty",
        "length_penalty",
        "guidance_scale",
        "max_time",
        "penalty_alpha",
        "diversity_penalty",
    }
)
"""Generation settings transformers' logits processors require as floats (``2`` is refused
there); replay passes a recorded integer on as the same float."""

REPLAYED_GENERATION_KEYS = frozenset(
    {
        *_GENERATION_RULES,
        *_ID_LISTS,
        *_GENERATION_IDS,
        "bad_words_ids",
        "penalty_alpha",
        "diversity_penalty",
        "num_beam_groups",
        "transformers_version",
        "_from_model_config",
    }
)
"""The generation settings replay passes to ``GenerationConfig`` as recorded (checked here).
Any other setting ``GenerationConfig`` knows must be null (its default): it would pick a
decoding mode or logits change replay cannot reproduce (assisted decoding, token healing,
multi-token prediction, chunked prefill, ...)."""


def check_generation_config(config: Mapping[str, Any], where: str, ids_below: int) -> None:
    """Check the settings of ``generation_config`` that ``generate`` reads.

    Args:
        config: The recorded ``model.generation_config.to_dict()``.
        where: Names the file and field in messages (``.../meta.json: generation_config``).
        ids_below: One past the largest token id the recording may hold.

    Raises:
        RecordingFormatError: naming ``where`` and the key.
    """
    _check_ints(config, where)
    for key, value in config.items():
        if value is None:
            continue
        rule = _GENERATION_RULES.get(key)
        if rule is not None and not rule[0](value):
            raise _fail(where, key, f"{rule[1]} or null", value)
        if key in _UNREPLAYABLE and not (key in _OFF_AT_ZERO and _is_number(value) and not value):
            raise _fail(where, key, f"null ({_UNREPLAYABLE[key]} cannot be replayed)", value)
        if key == "num_beam_groups" and value != 1:
            raise _fail(where, key, "1 or null (group beam search cannot be replayed)", value)
        if key in _GENERATION_IDS and not _ids(value, ids_below):
            raise _fail(where, key, f"a token id from -1 to {ids_below - 1}", value)
        if key in _ID_LISTS and not (
            isinstance(value, list) and all(_is_id(item, ids_below) for item in value)
        ):
            raise _fail(where, key, f"a list of token ids below {ids_below}", value)
        if key == "bad_words_ids" and not (
            isinstance(value, list)
            and all(
                isinstance(words, list) and words and all(_is_id(i, ids_below) for i in words)
                for words in value
            )
        ):
            raise _fail(where, key, f"a list of non-empty lists of ids below {ids_below}", value)
    if config.get("do_sample") is True and config.get("temperature") in (0, 0.0):
        raise _fail(where, "temperature", "a number above 0 with do_sample", 0.0)
