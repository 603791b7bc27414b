"""``ChannelSplitter``: a model's output into answer, reasoning and tool calls, piece by piece.

Text goes in as it arrives; each :meth:`ChannelSplitter.feed` returns what is now certain in
each channel. A marker split across pieces is held back, and only while the held text could
still become one; no channel ever shows part of a marker. Reading a whole output is feeding it
at once and finishing, so a one-shot parse and a stream agree by construction.

Whitespace at block edges: text right before a marker loses its trailing whitespace, and a
channel's first text after a marker loses its leading whitespace (``<think>\\nhmm\\n</think>
\\n\\nHi`` is reasoning ``"hmm"`` and answer ``"Hi"``). Output outside any block is untouched.
"""

from __future__ import annotations

from chatprompt._holdback import partial_match_start
from chatprompt._output_format import CONTENT, REASONING, TOOL, Block, OutputFormat
from chatprompt._response import (
    ParsedResponse,
    StreamDelta,
    ToolCall,
    ToolCallDelta,
    merge_tool_calls,
)
from chatprompt._tool_syntax import NameScanner, parse_arguments

__all__ = ["ChannelSplitter", "split_output"]


class _Text:
    """One text channel's edge rules: leading whitespace after a marker, trailing before."""

    def __init__(self) -> None:
        self.started = False  # the channel has shown text
        self.strip_lead = False
        self.held = ""  # trailing whitespace, shown only if more text follows

    def add(self, text: str) -> str:
        if self.strip_lead:
            text = text.lstrip()
            if not text:
                return ""
            self.strip_lead = False
        text = self.held + text
        shown = text.rstrip()
        self.held = text[len(shown) :]
        if shown:
            self.started = True
        return shown

    def enter(self) -> None:
        """A marker opens this channel."""
        if not self.started:
            self.strip_lead = True

    def leave(self) -> None:
        """A marker ends this channel's current run."""
        self.held = ""
        self.strip_lead = False

    def release(self) -> str:
        out, self.held = self.held, ""
        return out


class _Call:
    """A tool block being read."""

    def __init__(self, block: Block, first_index: int, name: str | None) -> None:
        self.block = block
        self.first_index = first_index
        self.header_name = name
        self.body: list[str] = []
        self.scanner: NameScanner | None = None
        if name is None and block.tool is not None:
            self.scanner = block.tool.scanner()
        self.names: list[str] = [] if name is None else [name]


class ChannelSplitter:
    """Splits output text into channels as it arrives.

    Args:
        output_format: The format's blocks.
        prompt: The prompt's text, when known: a prompt that ends inside a block (``<think>\n``)
            starts the output there. Without it, ``output_format.opened_by_prompt`` applies.
    """

    def __init__(self, output_format: OutputFormat, *, prompt: str | None = None) -> None:
        self._format = output_format
        self._openers = tuple(block.opener for block in output_format.blocks)
        self._starters = tuple(b.opener for b in output_format.blocks if not b.at_start)
        self._hold_lead = len(self._starters) < len(self._openers)  # an at-start block exists
        self._firsts = frozenset(marker[0] for marker in output_format.markers if marker)
        self._texts = {CONTENT: _Text(), REASONING: _Text()}
        self._pending = ""
        self._seen = False  # anything but whitespace has come, or a block opened
        self._block: Block | None = None
        self._channel = CONTENT
        self._header: list[str] | None = None
        self._call: _Call | None = None
        self._next_index = 0
        self._deltas: list[ToolCallDelta] = []
        self._out: dict[str, list[str]] = {CONTENT: [], REASONING: []}
        self._swallow_opener = False
        self._finished = False
        start = output_format.start_block(prompt)
        if start is not None:
            self._open(start)
            self._swallow_opener = True

    # -- the public face -------------------------------------------------------------------

    def feed(self, text: str) -> StreamDelta:
        """Take the next piece of output; return what each channel gains for certain."""
        if self._finished:
            raise ValueError("this ChannelSplitter is finished; start a new one")
        at_start = self._hold_lead and self._block is None and not self._seen
        if not (self._pending or at_start) and self._firsts.isdisjoint(text):
            # The common case: nothing here could begin a marker.
            if self._call is None and self._header is None:
                shown = self._texts[self._channel].add(text)
                if not shown:
                    return _NOTHING
                if self._block is None and not self._seen:
                    self._seen = True
                if self._channel == CONTENT:
                    return StreamDelta(shown)
                return StreamDelta("", shown)
            self._text(text)
            return self._take()
        rest: str | None = self._pending + text
        self._pending = ""
        while rest:
            rest = self._step(rest)
        return self._take()

    def finish(self) -> StreamDelta:
        """No more output: release what was held, and complete an open tool call."""
        if not self._finished:
            pending, self._pending = self._pending, ""
            if pending:
                self._text(pending)
            if self._call is not None:
                self._close_call()
            elif self._header is not None:
                self._header = None  # an unfinished header is not text of any channel
            if self._channel in self._texts:
                self._out[self._channel].append(self._texts[self._channel].release())
            self._finished = True
        return self._take()

    # -- one step of the scan --------------------------------------------------------------

    def _markers(self) -> tuple[str, ...]:
        if self._header is not None:
            assert self._block is not None
            assert self._block.header_end is not None
            return (self._block.header_end,)
        if self._block is not None:
            if self._swallow_opener:
                return (*self._block.closers, self._block.opener)
            return self._block.closers
        return self._openers if not self._seen else self._starters

    def _step(self, buffer: str) -> str | None:
        """Handle ``buffer`` up to and including its first marker; return the rest, or ``None``
        when the rest is held back (or there is none)."""
        if self._hold_lead and self._block is None and not self._seen:
            return self._step_at_start(buffer)
        markers = self._markers()
        if not markers:
            self._text(buffer)
            return None
        cut = partial_match_start(buffer, markers)
        hits = [(at, marker) for marker in markers if 0 <= (at := buffer.find(marker)) <= cut]
        if not hits:
            self._text(buffer[:cut])
            self._pending = buffer[cut:]
            return None
        at = min(at for at, _ in hits)
        marker = max((m for a, m in hits if a == at), key=len)
        before, after = buffer[:at], buffer[at + len(marker) :]
        if self._swallow_opener and marker == getattr(self._block, "opener", None):
            self._swallow_opener = False
            if before.strip() == "":
                return after
            self._text(before + marker)
            return after
        self._swallow_opener = False
        self._text(before)
        self._on_marker(marker)
        return after

    def _step_at_start(self, buffer: str) -> str | None:
        """Before any output: an at-start block opens only at the first non-whitespace text."""
        body = buffer.lstrip()
        if not body or any(len(body) < len(o) and o.startswith(body) for o in self._openers):
            self._pending = buffer  # whitespace, or what may still become an opener
            return None
        opener = next((o for o in self._openers if body.startswith(o)), None)
        if opener is None:
            self._seen = True  # ordinary output: at-start blocks can no longer open
            return buffer
        self._open(next(b for b in self._format.blocks if b.opener == opener))
        return body[len(opener) :]

    def _on_marker(self, marker: str) -> None:
        block = self._block
        if block is None:
            self._open(next(b for b in self._format.blocks if b.opener == marker))
        elif self._header is not None:
            self._end_header()
        else:
            self._close()

    # -- blocks --------------------------------------------------------------------------

    def _open(self, block: Block) -> None:
        self._seen = True
        self._leave_channel()
        self._block = block
        if block.header_end is not None:
            self._header = []
            self._channel = ""
            return
        self._enter(block.channel, None)
        if block.keep_opener:
            self._text(block.opener)

    def _end_header(self) -> None:
        assert self._block is not None
        assert self._block.header_rule is not None
        header = "".join(self._header or ())
        self._header = None
        channel, name = self._block.header_rule(header)
        self._enter(channel, name)

    def _enter(self, channel: str, tool_name: str | None) -> None:
        self._channel = channel
        if channel == TOOL:
            assert self._block is not None
            self._call = _Call(self._block, self._next_index, tool_name)
            if tool_name is not None:
                self._deltas.append(ToolCallDelta(self._next_index, name=tool_name))
        else:
            self._texts[channel].enter()

    def _close(self) -> None:
        if self._call is not None:
            self._close_call()
        self._leave_channel()
        self._block = None
        self._channel = CONTENT
        self._texts[CONTENT].enter()

    def _leave_channel(self) -> None:
        if self._channel in self._texts:
            self._texts[self._channel].leave()

    # -- text ----------------------------------------------------------------------------

    def _text(self, text: str) -> None:
        if not text:
            return
        if self._block is None and text.strip():
            self._seen = True
        if self._header is not None:
            self._header.append(text)
        elif self._call is not None:
            self._call.body.append(text)
            if self._call.scanner is not None:
                for name in self._call.scanner.feed(text):
                    index = self._call.first_index + len(self._call.names)
                    self._call.names.append(name)
                    self._deltas.append(ToolCallDelta(index, name=name))
        else:
            shown = self._texts[self._channel].add(text)
            if shown:
                self._out[self._channel].append(shown)

    def _close_call(self) -> None:
        call, self._call = self._call, None
        assert call is not None
        body = "".join(call.body)
        calls = _parse_calls(call, body)
        count = max(len(calls), len(call.names))
        for offset in range(count):
            if offset < len(calls):
                found = calls[offset]
            else:
                found = ToolCall(None, None, error="the call's text does not parse", raw=body)
            name = found.name
            if name is None and offset < len(call.names):
                name = call.names[offset]
            self._deltas.append(
                ToolCallDelta(
                    call.first_index + offset,
                    name=name,
                    arguments=found.arguments,
                    id=found.id,
                    error=found.error,
                    raw=found.raw,
                )
            )
        self._next_index += count

    def _take(self) -> StreamDelta:
        content, reasoning = self._out[CONTENT], self._out[REASONING]
        if not (content or reasoning or self._deltas):
            return _NOTHING
        delta = StreamDelta(
            content="".join(content), reasoning="".join(reasoning), tool_calls=tuple(self._deltas)
        )
        content.clear()
        reasoning.clear()
        self._deltas.clear()
        return delta


_NOTHING = StreamDelta()


def _parse_calls(call: _Call, body: str) -> list[ToolCall]:
    if call.header_name is not None:
        try:
            return [
                ToolCall(
                    call.header_name,
                    parse_arguments(body.strip() or "{}", "the arguments"),
                    raw=body,
                )
            ]
        except ValueError as error:
            return [ToolCall(call.header_name, None, error=str(error), raw=body)]
    if call.block.tool is None:
        return [ToolCall(None, None, error="the format gives no syntax for this block", raw=body)]
    try:
        return call.block.tool.parse(body)
    except ValueError as error:
        return [ToolCall(None, None, error=str(error), raw=body)]


def split_output(
    output_format: OutputFormat, text: str, *, prompt: str | None = None
) -> ParsedResponse:
    """Split a whole output (see :class:`ChannelSplitter`)."""
    splitter = ChannelSplitter(output_format, prompt=prompt)
    first, last = splitter.feed(text), splitter.finish()
    return ParsedResponse(
        content=first.content + last.content,
        reasoning=first.reasoning + last.reasoning,
        tool_calls=merge_tool_calls((*first.tool_calls, *last.tool_calls)),
    )
