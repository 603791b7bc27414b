"""SmolLM3: ChatML with a metadata system header (date, reasoning mode) and ``/think`` switches."""

from __future__ import annotations

from typing import Any, ClassVar

from chatprompt import _output_formats
from chatprompt._conversation import Conversation
from chatprompt._output_format import OutputFormat
from chatprompt.errors import TemplateError
from chatprompt.presets import _jinja_values
from chatprompt.presets._format_module import FormatModulePrompt
from chatprompt.presets._jinja_values import attr, contains, item, iterate, method, text

__all__ = [
    "BOS_TOKEN",
    "EOS_TOKEN",
    "FEATURES",
    "MODEL_IDS",
    "NAMES",
    "REFERENCE",
    "STOP_STRS",
    "render",
]

NAMES: tuple[str, ...] = ("smollm3",)
MODEL_IDS: tuple[str, ...] = ("HuggingFaceTB/SmolLM3-3B",)
BOS_TOKEN = ""
EOS_TOKEN = "<|im_end|>"
STOP_STRS: tuple[str, ...] = ("<|im_end|>",)
REFERENCE = "HuggingFaceTB/SmolLM3-3B chat template"
FEATURES: frozenset[str] = frozenset(
    {"tools", "tool_results", "enable_thinking", "date", "xml_tools", "python_tools"}
)

_THINK_SYSTEM = (
    "You are a helpful AI assistant named SmolLM, trained by Hugging Face. Your role as an "
    "assistant involves thoroughly exploring questions through a systematic thinking process "
    "before providing the final precise and accurate solutions. This requires engaging in a "
    "comprehensive cycle of analysis, summarizing, exploration, reassessment, reflection, "
    "backtracking, and iteration to develop well-considered thinking process. Please structure "
    "your response into two main sections: Thought and Solution using the specified format: "
    "<think> Thought section </think> Solution section. In the Thought section, detail your "
    "reasoning process in steps. Each step should include detailed considerations such as "
    "analysing questions, summarizing relevant findings, brainstorming new ideas, verifying the "
    "accuracy of the current steps, refining any errors, and revisiting previous steps. In the "
    "Solution section, based on various attempts, explorations, and reflections from the Thought "
    "section, systematically present the final solution that you deem correct. The Solution "
    "section should be logical, accurate, and concise and detail necessary steps needed to reach "
    "the conclusion.\n\n"
)
_PLAIN_SYSTEM = "You are a helpful AI assistant named SmolLM, trained by Hugging Face.\n\n"
_XML_TOOLS_INTRO = (
    "You may call one or more functions to assist with the user query.\nYou are provided with "
    "function signatures within <tools></tools> XML tags:\n\n<tools>\n"
)
_XML_TOOLS_OUTRO = (
    "</tools>\n\nFor each function call, return a json object with function name and arguments "
    "within <tool_call></tool_call> XML tags:\n<tool_call>\n"
    '{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'
)
_PYTHON_TOOLS_INTRO = (
    "When you send a message containing Python code between '<code>' and '</code>' tags, it will "
    "be executed in a stateful Jupyter notebook environment, and you will then be given the "
    "output to continued reasoning in an agentic loop.\n\nYou can use the following tools in "
    "your python code like regular functions:\n<tools>\n"
)
_PYTHON_TOOLS_OUTRO = (
    "</tools>\n\nThe state persists between code executions: so variables that you define in "
    "one step are still available thereafter."
)
_NO_THINK = "<think>\n\n</think>\n"


def _listed(tools: Any) -> str:
    """``tools[:]``, each printed (a dict prints as Python's ``str``), one a line."""
    try:
        sliced = tools[:]
    except TypeError as error:  # a number or a mapping: the template's slice fails
        raise TemplateError(str(error)) from None
    return "".join(text(tool) + "\n" for tool in iterate(sliced))


def _tools_section(conversation: Conversation) -> str:
    xml_tools = conversation.var("xml_tools")
    python_tools = conversation.var("python_tools")
    tools = conversation.tools
    if not (xml_tools or python_tools or tools):
        return ""
    out = "### Tools\n\n"
    if xml_tools or tools:
        out += _XML_TOOLS_INTRO + _listed(tools or xml_tools) + _XML_TOOLS_OUTRO
    if python_tools:
        out += _PYTHON_TOOLS_INTRO + _listed(python_tools) + _PYTHON_TOOLS_OUTRO
    return out + "\n\n<|im_end|>\n"


def render(conversation: Conversation) -> str:
    """Render as SmolLM3's published template does.

    The system turn carries metadata (today's date, the reasoning mode) and the custom
    instructions; ``/think`` or ``/no_think`` in the system message, else ``enable_thinking``,
    sets the mode, ``/system_override`` replaces the whole header. Tools (``tools`` or
    ``xml_tools``, and ``python_tools``) are listed as printed Python values. Assistant turns are
    their text only (the template drops tool calls and reasoning); ``tool`` results are user
    turns; content that is not text renders as empty text. As published, the system turn is
    only closed when tools are listed.
    """
    thinking = conversation.var("enable_thinking", True)
    mode = "/think" if thinking else "/no_think"
    first = item(conversation.messages, 0)
    system: Any = None
    instructions: Any = ""
    if attr(first, "role") == "system":
        system = attr(first, "content")
        if contains("/no_think", system):
            mode = "/no_think"
        elif contains("/think", system):
            mode = "/think"
        removed = method(method(system, "replace", "/no_think", ""), "replace", "/think", "")
        instructions = method(removed, "rstrip")
    out = "<|im_start|>system\n"
    if system is not None and contains("/system_override", system):
        out += method(method(instructions, "replace", "/system_override", ""), "rstrip")
        out += "<|im_end|>\n"
    else:
        today = _jinja_values.strftime_now("%d %B %Y")
        out += "## Metadata\n\nKnowledge Cutoff Date: June 2025\n"
        out += f"Today Date: {today}\nReasoning Mode: {mode}\n\n## Custom Instructions\n\n"
        if instructions:
            out += instructions + "\n\n"
        else:
            out += _THINK_SYSTEM if mode == "/think" else _PLAIN_SYSTEM
        out += _tools_section(conversation)
    answer_prefix = "<|im_start|>assistant\n" + ("" if mode == "/think" else _NO_THINK)
    for message in conversation.messages:
        raw = attr(message, "content")
        content = raw if isinstance(raw, str) else ""
        role = attr(message, "role")
        if role == "user":
            out += "<|im_start|>user\n" + content + "<|im_end|>\n"
        elif role == "assistant":
            out += answer_prefix + content.lstrip("\n") + "<|im_end|>\n"
        elif role == "tool":
            out += "<|im_start|>user\n" + content + "<|im_end|>\n"
    if conversation.add_generation_prompt:
        out += answer_prefix
    return out


class SmolLM3ChatPrompt(FormatModulePrompt):
    """SmolLM3, byte for byte as its published chat template (:func:`render`)."""

    output_format: ClassVar[OutputFormat | None] = _output_formats.QWEN3
