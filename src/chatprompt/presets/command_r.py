"""Command R: Cohere's published ``default`` chat template (turn tokens, alternating roles).

``<BOS_TOKEN>``, the system turn when the first message is a system message, then user and
chatbot turns with stripped contents, and the chatbot turn opening as the generation prompt.
User and assistant messages must alternate; a message of another role in an assistant's place
is not written, as the template drops it. The ``default`` template reads no tools or documents
(the model's ``tool_use`` and ``rag`` named templates do; they are not reproduced here).
"""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt._conversation import Conversation
from chatprompt.errors import MessageOrderError
from chatprompt.presets._base import ALTERNATE
from chatprompt.presets._format_base import FormatPromptBase
from chatprompt.presets._jinja_values import attr, concat, item, method, template_error, text

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "CommandRChatPrompt",
    "render",
]

NAMES: tuple[str, ...] = ("command-r",)
MODEL_IDS: tuple[str, ...] = (
    "CohereForAI/c4ai-command-r-v01",
    "CohereLabs/c4ai-command-r-v01",
    "CohereForAI/c4ai-command-r-plus",
)
BOS_TOKEN = "<BOS_TOKEN>"
EOS_TOKEN = "<|END_OF_TURN_TOKEN|>"
STOP_STRS: tuple[str, ...] = ("<|END_OF_TURN_TOKEN|>",)
REFERENCE = "CohereForAI/c4ai-command-r-v01 chat template (default)"
FEATURES: frozenset[str] = frozenset()

_START = "<|START_OF_TURN_TOKEN|>"
_TOKENS = {"user": "<|USER_TOKEN|>", "assistant": "<|CHATBOT_TOKEN|>"}


def _turn(token: str, content: Any) -> str:
    return text(concat(_START + token, method(content, "strip"), EOS_TOKEN))


def render(conversation: Conversation) -> str:
    """Render ``conversation`` as Command R's ``default`` chat template does.

    Raises:
        MessageOrderError: User and assistant messages do not alternate (the template's rule).
        TemplateError: The template's failures (no messages, content that is not text).
    """
    messages = conversation.messages
    out = [BOS_TOKEN]
    offset = 1 if attr(item(messages, 0), "role") == "system" else 0
    if offset:
        system = attr(messages[0], "content")
        if system != False:  # noqa: E712 - the template's `system_message != false`
            out.append(text(concat(_START + "<|SYSTEM_TOKEN|>", system, EOS_TOKEN)))
    for position, message in enumerate(messages[offset:]):
        role = attr(message, "role")
        if (role == "user") != (position % 2 == 0):
            error = template_error(ALTERNATE, index=position + offset, message=message)
            raise MessageOrderError(str(error))
        if role in _TOKENS:
            out.append(_turn(_TOKENS[role], attr(message, "content")))
    if conversation.add_generation_prompt:
        out.append(_START + "<|CHATBOT_TOKEN|>")
    return "".join(out)


class CommandRChatPrompt(FormatPromptBase):
    """Command R (``CohereForAI/c4ai-command-r-v01``), byte for byte its ``default`` template.

    The system turn when given, user and chatbot turns with stripped contents, roles
    alternating; tools and documents are not written (the ``default`` template reads neither).
    """

    names: ClassVar[tuple[str, ...]] = NAMES
    model_ids: ClassVar[tuple[str, ...]] = MODEL_IDS
    bos_token: ClassVar[str] = BOS_TOKEN
    eos_token: ClassVar[str] = EOS_TOKEN
    stop_strs: ClassVar[tuple[str, ...]] = STOP_STRS
    requester_first: ClassVar[bool] = True
    needs_messages: ClassVar[bool] = True
    reference: ClassVar[str] = REFERENCE
    features: ClassVar[frozenset[str]] = FEATURES

    def render_conversation(self, conversation: Conversation) -> str:
        return render(conversation)
