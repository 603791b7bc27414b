"""``encode_prompt``: prompt text to token ids without a doubled BOS or forged control tokens."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

from chatprompt._abstract import AbstractChatPrompt
from chatprompt._content import ChatContent
from chatprompt._messages import text_of
from chatprompt.errors import InvalidMessageError

__all__ = ["encode_prompt"]

# Private-use characters around control-token text found in message contents (as transformers'
# ``sanitize_control_tokens`` does), so the encoder can tell it from the template's own tokens.
_START = "\U000f0000"
_END = "\U000f0001"

Item = tuple[str, str]  # ("text" | "marked" | "control", text)


def _control_tokens(tokenizer: Any) -> list[str]:
    tokens = set(getattr(tokenizer, "all_special_tokens", ()))
    tokens.update(getattr(tokenizer, "added_tokens_encoder", {}) or {})
    return sorted((t for t in tokens if t), key=len, reverse=True)


def _mark(text: str, control: re.Pattern[str]) -> str:
    text = text.replace(_START, "").replace(_END, "")
    return control.sub(lambda m: f"{_START}{m.group(0)}{_END}", text)


def _marked_content(content: object, control: re.Pattern[str]) -> object:
    """A message content with control-token text marked: a ``str``, or the text of each text
    part of a list of parts."""
    if isinstance(content, str):
        return _mark(content, control)
    if isinstance(content, list):
        return [
            {**part, "text": _mark(part["text"], control)}
            if isinstance(part, Mapping) and isinstance(part.get("text"), str)
            else part
            for part in content
        ]
    return content


def _marked_contents(contents: Sequence[ChatContent], control: re.Pattern[str]) -> None:
    for content in contents:
        if content.msg is not None:
            parts = content.extras.get("content")
            if isinstance(parts, list) and text_of(parts) == content.msg:
                content.extras["content"] = _marked_content(parts, control)
                content.msg = text_of(content.extras["content"])
            else:
                content.msg = _mark(content.msg, control)
        _marked_contents(content.child_msgs, control)


def _scan(text: str, control: str) -> list[Item]:
    """Split rendered text into plain text, marked (user-typed) tokens and the template's own
    control tokens."""
    pattern = re.compile(f"{_START}({control}){_END}|[{_START}{_END}]|({control})")
    items: list[Item] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            items.append(("text", text[position : match.start()]))
        if match.group(1) is not None:
            items.append(("marked", match.group(1)))
        elif match.group(2) is not None:
            items.append(("control", match.group(2)))
        position = match.end()
    if position < len(text):
        items.append(("text", text[position:]))
    return items


def _encode_plain(tokenizer: Any, text: str) -> list[int]:
    return list(tokenizer.encode(text, add_special_tokens=False))


def _encode_as_text(tokenizer: Any, text: str) -> list[int]:
    without_added = getattr(tokenizer, "_encode_without_added_tokens", None)
    if without_added is not None:
        return list(without_added(text))
    ids = tokenizer(text, add_special_tokens=False, split_special_tokens=True)["input_ids"]
    return list(ids)


def _encode_piece(tokenizer: Any, text: str, *, as_text: bool, continued: bool) -> list[int]:
    """Encode part of a sequence; ``as_text`` ignores control tokens. A ``continued`` piece is
    encoded after a newline that is then removed, so a sentencepiece tokenizer does not add
    the space it puts at the start of a sequence (transformers' own trick)."""
    if not text:
        return []
    encode = _encode_as_text if as_text else _encode_plain
    if not continued:
        return encode(tokenizer, text)
    newline = encode(tokenizer, "\n")
    ids = encode(tokenizer, "\n" + text)
    return ids[len(newline) :] if ids[: len(newline)] == newline else encode(tokenizer, text)


def _encode_sequence(tokenizer: Any, items: Sequence[Item]) -> list[int]:
    """One sequence; encoded whole when no user text was marked, so the ids equal the
    tokenizer's own encoding."""
    if not any(kind == "marked" for kind, _ in items):
        return _encode_plain(tokenizer, "".join(text for _, text in items)) if items else []
    ids: list[int] = []
    plain = ""
    for kind, text in [*items, ("marked", "")]:
        if kind != "marked":
            plain += text
            continue
        ids += _encode_piece(tokenizer, plain, as_text=False, continued=bool(ids))
        ids += _encode_piece(tokenizer, text, as_text=True, continued=bool(ids))
        plain = ""
    return ids


def _render_marked(
    prompt: AbstractChatPrompt,
    messages: Sequence[Mapping[str, Any]] | None,
    add_generation_prompt: bool,
    control: re.Pattern[str],
    options: Mapping[str, Any],
) -> str:
    if messages is None:
        clone = copy.deepcopy(prompt)
        _marked_contents(clone._contents, control)
        if options:
            clone.set_render_options(**{**clone.get_render_options(), **options})
        return clone.create_prompt()
    marked = []
    for message in messages:
        if isinstance(message, Mapping) and isinstance(message.get("content"), (str, list)):
            message = {**message, "content": _marked_content(message["content"], control)}
        marked.append(message)
    return prompt.render(marked, add_generation_prompt=add_generation_prompt, **options)


def encode_prompt(
    tokenizer: Any,
    prompt_or_preset: str | AbstractChatPrompt,
    *,
    messages: Sequence[Mapping[str, Any]] | None = None,
    add_generation_prompt: bool = True,
    add_bos: bool | None = None,
    tools: Sequence[Mapping[str, Any]] | None = None,
    documents: Sequence[Mapping[str, Any]] | None = None,
    **template_vars: Any,
) -> list[int]:
    """Token ids for a prompt, safe to pass to ``model.generate``.

    - BOS is never doubled: the prompt's own ``<s>`` text is kept, and the tokenizer's BOS is
      added only when the prompt does not start with one (``add_bos=None``; ``True``/``False``
      force it).
    - Control-token text inside message contents (a user typing ``</s><s>[INST]`` or
      ``<|im_start|>``) is encoded as ordinary text; only the format's own markers become
      control tokens. This needs the preset (and ``messages``, or its history): a plain
      string prompt cannot tell user text from the template's.
    - Formats with one BOS per exchange (Llama 2) encode each exchange as its own sequence,
      as Meta's reference code does. Otherwise, without control-token text in the contents,
      the ids equal ``tokenizer.encode(prompt, add_special_tokens=False)`` (plus the BOS).

    Args:
        tokenizer: A Hugging Face tokenizer.
        prompt_or_preset: Rendered prompt text, or a preset.
        messages: Render these with the preset (as :meth:`AbstractChatPrompt.render`);
            without them the preset's history (:meth:`AbstractChatPrompt.create_prompt`).
        add_generation_prompt: As for ``render`` (with ``messages``).
        add_bos: Force (``True``) or forbid (``False``) adding the tokenizer's BOS.
        tools: Tool schemas, as for ``render``; with the history they replace the ones set
            with :meth:`~AbstractChatPrompt.set_render_options`.
        documents: Documents, as for ``render`` (same rule).
        **template_vars: Template variables, as for ``render`` (each replaces the history's
            option of that name).

    Raises:
        InvalidMessageError: ``prompt_or_preset`` is neither a ``str`` nor a preset, or
            ``messages`` or render options come with a string prompt.
    """
    tokens = _control_tokens(tokenizer)
    control = "|".join(map(re.escape, tokens)) or "(?!)"
    separate = False
    options: dict[str, Any] = dict(template_vars)
    if tools is not None:
        options["tools"] = tools
    if documents is not None:
        options["documents"] = documents
    if isinstance(prompt_or_preset, AbstractChatPrompt):
        text = _render_marked(
            prompt_or_preset, messages, add_generation_prompt, re.compile(control), options
        )
        separate = bool(getattr(prompt_or_preset, "separate_exchanges", False))
    elif isinstance(prompt_or_preset, str):
        if messages is not None:
            raise InvalidMessageError("messages need a preset, not a prompt string")
        if options:
            raise InvalidMessageError(
                f"render options {sorted(options)!r} need a preset, not a prompt string"
            )
        text = prompt_or_preset
    else:
        raise InvalidMessageError(
            f"prompt_or_preset must be a str or a chat prompt, got {prompt_or_preset!r}"
        )
    items = _scan(text, control)
    boundaries = {getattr(tokenizer, "bos_token", None), getattr(tokenizer, "eos_token", None)}
    ids: list[int] = []
    if separate:
        sequence: list[Item] = []
        for kind, token in [*items, ("control", "")]:
            if kind == "control" and token in boundaries | {""}:
                ids += _encode_sequence(tokenizer, sequence)
                if token:
                    ids.append(int(tokenizer.convert_tokens_to_ids(token)))
                sequence = []
            else:
                sequence.append((kind, token))
    else:
        ids = _encode_sequence(tokenizer, items)
    return _with_bos(tokenizer, ids, add_bos)


def _with_bos(tokenizer: Any, ids: list[int], add_bos: bool | None) -> list[int]:
    bos = getattr(tokenizer, "bos_token_id", None)
    if bos is None or add_bos is False:
        return ids
    if add_bos is None:
        adds_bos = tokenizer.encode("a", add_special_tokens=True)[:1] == [bos]
        add_bos = adds_bos and ids[:1] != [bos]
    return [bos, *ids] if add_bos and ids[:1] != [bos] else ids
