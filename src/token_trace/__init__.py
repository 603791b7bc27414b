"""The token-level record shared by :mod:`chatprompt` and :mod:`transformer_mock`.

A :class:`TokenTrace` is one generation (prompt ids, generated ids, finish reason, optional
top-k log-probabilities and per-token latency); a :class:`TokenizerCard` identifies the
tokenizer it was made with. Both encode to versioned JSON. Importing this package imports
neither torch nor transformers.
"""

from token_trace._card import TokenizerCard, TokenizerLike, vocab_fingerprint
from token_trace._json import dumps, loads
from token_trace._trace import FinishReason, TokenTrace, TopLogprobs
from token_trace._version import FORMAT_VERSION
from token_trace.errors import TraceFormatError, UnsupportedFormatVersionError

__all__ = [
    "FORMAT_VERSION",
    "FinishReason",
    "TokenTrace",
    "TokenizerCard",
    "TokenizerLike",
    "TopLogprobs",
    "TraceFormatError",
    "UnsupportedFormatVersionError",
    "dumps",
    "loads",
    "vocab_fingerprint",
]
