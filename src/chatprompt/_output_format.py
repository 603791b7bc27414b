"""How a format structures a model's output: marked blocks of reasoning, answer and tool calls.

A preset declares an :class:`OutputFormat` (``<think>…</think>`` reasoning, ``<tool_call>``
JSON blocks, gpt-oss's harmony channels, ...); :class:`~chatprompt._channels.ChannelSplitter`
reads output against it, whole or token by token.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from chatprompt._tool_syntax import ToolSyntax

__all__ = ["CONTENT", "REASONING", "TOOL", "Block", "OutputFormat"]

CONTENT = "content"
REASONING = "reasoning"
TOOL = "tool"

HeaderRule = Callable[[str], "tuple[str, str | None]"]
"""A block header's text → the block's channel and, for a tool call, the function's name."""


@attrs.frozen
class Block:
    """A span of output that starts with a marker.

    Attributes:
        opener: The text that opens the block.
        closers: Texts that close it; empty: the block runs to the end of the output.
        channel: Where the block's text goes: ``"reasoning"``, ``"content"`` or ``"tool"``.
        tool: For a tool block, how its body writes calls.
        at_start: The opener counts only at the start of the output (whitespace aside), as
            Llama 3's bare JSON call.
        keep_opener: The opener is part of the body (Llama 3's ``{"name"``).
        header_end: The text between the opener and this marker is a header that
            ``header_rule`` reads to choose the channel (gpt-oss's ``<|channel|>analysis
            <|message|>``).
        header_rule: Reads a header (see ``header_end``).
    """

    opener: str
    closers: tuple[str, ...] = ()
    channel: str = REASONING
    tool: ToolSyntax | None = None
    at_start: bool = False
    keep_opener: bool = False
    header_end: str | None = None
    header_rule: HeaderRule | None = None


@attrs.frozen
class OutputFormat:
    """The blocks a format's output may hold.

    Attributes:
        blocks: The blocks, by opener.
        opened_by_prompt: The block the generation prompt itself opens (DeepSeek-R1's prompt
            ends in ``<think>\\n``, so the output starts inside the reasoning); the model
            writing that opener again at the very start is tolerated.
    """

    blocks: tuple[Block, ...] = ()
    opened_by_prompt: Block | None = None

    @property
    def markers(self) -> frozenset[str]:
        """Every marker text the format uses (for streams that must see special tokens)."""
        found: set[str] = set()
        for block in self.blocks:
            found.add(block.opener)
            found.update(block.closers)
            if block.header_end:
                found.add(block.header_end)
        return frozenset(found)

    @property
    def has_tool_calls(self) -> bool:
        """The format writes tool calls."""
        return any(block.channel == TOOL or block.header_rule for block in self.blocks)

    def start_block(self, prompt: str | None) -> Block | None:
        """The block the output starts inside: the one ``prompt`` leaves open, or without a
        prompt the one the format's generation prompt always opens."""
        return self.opened_by_prompt if prompt is None else self.prompt_opens(prompt)

    def prompt_opens(self, prompt_text: str) -> Block | None:
        """The block a prompt leaves open at its end (its generation prompt opened it), if any.

        Only reasoning and content blocks are considered; the prompt's last opener must come
        after its last closer of that block.
        """
        tail = prompt_text.rstrip()
        for block in self.blocks:
            if block.channel == TOOL or block.header_end or not block.closers:
                continue
            opened = tail.rfind(block.opener)
            if opened >= 0 and tail[opened + len(block.opener) :].strip() == "":
                return block
        return None
