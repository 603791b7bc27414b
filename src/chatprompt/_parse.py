"""A whole model output read the way a preset declares it: stop strings, channels, replacements."""

from __future__ import annotations

from collections.abc import Iterable

from chatprompt._channels import split_output
from chatprompt._holdback import ReplacementFilter, StopStringFilter
from chatprompt._output_format import OutputFormat
from chatprompt._response import ParsedResponse

__all__ = ["parse_output"]


def parse_output(
    text: str,
    *,
    output_format: OutputFormat | None,
    stop_strs: Iterable[str] = (),
    replacements: Iterable[tuple[str, str]] = (),
    prompt: str | None = None,
) -> ParsedResponse:
    """Split ``text`` as a :class:`~chatprompt.ResponseStream` streams it: cut before the first
    stop string, split into channels, output replacements applied to the answer.

    Args:
        text: The model's output (decoded with the markers in it).
        output_format: The format's blocks; ``None``: everything is answer.
        stop_strs: Strings that end the output.
        replacements: ``(old, new)`` pairs for the answer, in order.
        prompt: The prompt's text, when known (see :class:`ChannelSplitter`).
    """
    stops = StopStringFilter(stop_strs)
    if stops:
        text = stops.feed(text) + stops.flush()
    if output_format is None:
        parsed = ParsedResponse(content=text)
    else:
        parsed = split_output(output_format, text, prompt=prompt)
    filtered = ReplacementFilter(replacements)
    content = filtered.feed(parsed.content) + filtered.flush()
    return ParsedResponse(content, parsed.reasoning, parsed.tool_calls)
