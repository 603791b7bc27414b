"""Errors raised by :mod:`chatprompt`.

Every error derives from :class:`ChatPromptError` and from the builtin that fits
(``TypeError`` for a value of the wrong type, ``ValueError`` for a wrong value), and its message
names the offending value.
"""

from __future__ import annotations

__all__ = [
    "ChatPromptError",
    "InvalidChatDataError",
    "InvalidMessageError",
    "InvalidTokenIdError",
    "MessageOrderError",
    "MissingTokenizerError",
    "PresetRegistrationError",
    "StreamFinishedError",
    "TemplateError",
    "UnknownChatPromptError",
    "UnknownMessageIdError",
    "UnknownRoleError",
    "UnsupportedRoleError",
]


class ChatPromptError(Exception):
    """Base class of every error raised by chatprompt."""


class InvalidMessageError(ChatPromptError, TypeError):
    """A message, its content or a message list has the wrong type."""


class InvalidTokenIdError(ChatPromptError, ValueError):
    """A token id is negative (no tokenizer has one)."""


class UnknownRoleError(ChatPromptError, ValueError):
    """A message's role is not one the prompt format knows."""


class InvalidChatDataError(ChatPromptError, ValueError):
    """Data given to ``from_dict`` is missing keys or holds values of the wrong kind."""


class UnknownMessageIdError(ChatPromptError, LookupError):
    """No message in the history carries the given message id."""


class MissingTokenizerError(ChatPromptError, RuntimeError):
    """An operation needs a tokenizer and none was set with ``set_tokenizer``."""


class StreamFinishedError(ChatPromptError, ValueError):
    """A token was pushed into a ``ResponseStream`` after its end (end of sequence, ``finish``)."""


class UnsupportedRoleError(ChatPromptError, ValueError):
    """A prompt format has no place for a message of this role (Gemma has no system role)."""


class TemplateError(ChatPromptError, ValueError):
    """A chat template raised (``raise_exception``) or failed to render; carries its message."""


class MessageOrderError(TemplateError):
    """Messages come in an order the prompt format cannot express (a template's order rule, so
    also a :class:`TemplateError`)."""


class UnknownChatPromptError(ChatPromptError, LookupError):
    """No preset is known under the name or model id given; the message lists close names."""


class PresetRegistrationError(ChatPromptError, ValueError):
    """A preset name is already registered (pass ``replace=True``) or the class is not a preset."""
