"""Rendering a 100-turn conversation: chatprompt presets vs transformers' chat templates.

For each format the published chat template (copied below) is rendered by
``tokenizer.apply_chat_template(tokenize=False)`` and by the compiled Jinja template alone, and
compared with the preset's ``render`` (the outputs are checked equal first). Prints a table and
writes it into ``benchmarks/RESULTS.md`` between the ``bench_presets`` markers.

With ``--tools-template PRESET=PATH`` (repeatable: a preset name or model id and the
published template saved from its ``tokenizer_config.json``), it also renders a conversation
with tools, tool calls and tool results (20 rounds) through each such preset and through
``apply_chat_template`` with that template, and writes a second table between the
``bench_presets_tools`` markers.

Run: ``.venv/bin/python benchmarks/bench_presets.py [--tools-template qwen3=qwen3.jinja ...]``
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import timeit
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))

from transformers.utils.chat_template_utils import _compile_jinja_template

from chatprompt import (
    AbstractChatPrompt,
    GemmaChatPrompt,
    JinjaChatPrompt,
    Llama2OfficialChatPrompt,
    Llama3ChatPrompt,
    Qwen2ChatPrompt,
    ZephyrChatPrompt,
    get_chat_prompt,
)
from chatprompt.presets._format_base import FormatPromptBase
from local_models import llama2_tokenizer

LLAMA2 = (
    "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
    "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
    "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{% endif %}{% if loop.index0 == 0 and system_message != false %}"
    "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
    "{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}"
    "{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
    "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}"
    "{% endif %}{% endfor %}"
)
LLAMA3 = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
    "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}"
    "{% endif %}"
)
QWEN2 = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}{% endif %}"
    "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
GEMMA = (
    "{{ bos_token }}{% if messages[0]['role'] == 'system' %}"
    "{{ raise_exception('System role not supported') }}{% endif %}"
    "{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}"
    "{% set role = message['role'] %}{% endif %}"
    "{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}"
)
ZEPHYR = (
    "{% for message in messages %}\n{% if message['role'] == 'user' %}\n"
    "{{ '<|user|>\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'system' %}\n"
    "{{ '<|system|>\n' + message['content'] + eos_token }}\n"
    "{% elif message['role'] == 'assistant' %}\n"
    "{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n{% endif %}\n"
    "{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n"
    "{% endfor %}"
)

CASES: list[tuple[str, AbstractChatPrompt, str, str, str, bool]] = [
    # name, preset, template, bos, eos, has system
    ("Llama 2 official", Llama2OfficialChatPrompt(), LLAMA2, "<s>", "</s>", True),
    ("Llama 3", Llama3ChatPrompt(), LLAMA3, "<|begin_of_text|>", "<|eot_id|>", True),
    ("Qwen 2 (ChatML)", Qwen2ChatPrompt(), QWEN2, "", "<|im_end|>", True),
    ("Gemma", GemmaChatPrompt(), GEMMA, "<bos>", "<eos>", False),
    ("Zephyr", ZephyrChatPrompt(), ZEPHYR, "", "</s>", True),
]
START, END = "<!-- bench_presets:start -->", "<!-- bench_presets:end -->"
TOOLS_MARKERS = ("<!-- bench_presets_tools:start -->", "<!-- bench_presets_tools:end -->")
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "今日の天気を調べる ☀️",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "都市名"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["city"],
        },
    },
}


def conversation(turns: int, system: bool) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": "You are a helpful assistant. 日本語で答えて。"}]
    messages = messages if system else []
    for turn in range(turns):
        messages.append({"role": "user", "content": f"  Question {turn}: なぜ空は青い？ 😀 "})
        messages.append({"role": "assistant", "content": f"Answer {turn}: Rayleigh scattering."})
    messages.append({"role": "user", "content": "Thanks!"})
    return messages


def tools_conversation(rounds: int) -> list[dict[str, Any]]:
    """A system message, then rounds of question, tool call, tool result and answer."""
    messages: list[dict[str, Any]] = [{"role": "system", "content": "日本語で答えて。"}]
    for turn in range(rounds):
        call = {"name": "get_weather", "arguments": {"city": f"東京{turn}", "unit": "celsius"}}
        messages += [
            {"role": "user", "content": f"東京{turn}の天気は？ 😀"},
            {
                "role": "assistant",
                "content": "",
                "tool_calls": [{"id": f"call{turn:05d}", "type": "function", "function": call}],
            },
            {"role": "tool", "tool_call_id": f"call{turn:05d}", "content": "晴れ 🌞 18℃"},
            {"role": "assistant", "content": f"晴れです ({turn})。"},
        ]
    messages.append({"role": "user", "content": "ありがとう！"})
    return messages


def bench_tools(templates: list[str], tokenizer: Any) -> str:
    """The tools table for ``PRESET=PATH`` pairs."""
    messages = tools_conversation(20)
    rows = []
    for pair in templates:
        name, _, path = pair.partition("=")
        preset = get_chat_prompt(name)
        assert isinstance(preset, FormatPromptBase), name
        tokenizer.chat_template = Path(path).read_text(encoding="utf-8")
        tokens = {"bos_token": preset.bos_token, "eos_token": preset.eos_token}

        def ours(p: FormatPromptBase = preset) -> str:
            return p.render(messages, tools=[WEATHER])

        def hf(t: dict[str, str] = tokens) -> Any:
            return tokenizer.apply_chat_template(
                messages, tools=[WEATHER], tokenize=False, add_generation_prompt=True, **t
            )

        assert ours() == hf(), name
        t_ours, t_hf = best(ours, 20), best(hf, 20)
        rows.append(
            f"| `{type(preset).__name__}` | {t_ours * 1e3:.3f} | {t_hf * 1e3:.3f} | "
            f"{t_hf / t_ours:.1f}x |"
        )
    return "\n".join(
        [
            "### Rendering with tools (`benchmarks/bench_presets.py --tools-template ...`)",
            "",
            f"{len(messages)} messages: a system message, 20 rounds of question, tool call "
            "(dict arguments), tool result and answer, one tool schema (Japanese and emoji); "
            "best of 5 × 20 runs, ms per render; Python "
            f"{platform.python_version()}, {platform.machine()}. Every output is checked "
            "equal first.",
            "",
            "| preset | preset `render` | `apply_chat_template` | apply_chat_template / preset |",
            "| --- | ---: | ---: | ---: |",
            *rows,
        ]
    )


def best(fn: Any, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tools-template",
        action="append",
        default=[],
        metavar="PRESET=PATH",
        help="also time a tools conversation through PRESET against this published template",
    )
    args = parser.parse_args(argv)
    tokenizer = llama2_tokenizer()
    rows = []
    for name, preset, template, bos, eos, system in CASES:
        messages = conversation(100, system)
        tokenizer.chat_template = template
        compiled = _compile_jinja_template(template)
        jinja_prompt = JinjaChatPrompt(template, bos_token=bos, eos_token=eos)

        def ours(p: AbstractChatPrompt = preset, m: list[dict[str, str]] = messages) -> str:
            return p.render(m)

        def hf(m: list[dict[str, str]] = messages, b: str = bos, e: str = eos) -> Any:
            return tokenizer.apply_chat_template(
                m, tokenize=False, add_generation_prompt=True, bos_token=b, eos_token=e
            )

        def jinja(
            c: Any = compiled, m: list[dict[str, str]] = messages, b: str = bos, e: str = eos
        ) -> str:
            return str(c.render(messages=m, bos_token=b, eos_token=e, add_generation_prompt=True))

        def wrapped(p: JinjaChatPrompt = jinja_prompt, m: list[dict[str, str]] = messages) -> str:
            return p.render(m)

        assert ours() == hf() == jinja() == wrapped(), name
        t_ours, t_hf, t_jinja, t_wrapped = (best(f, 20) for f in (ours, hf, jinja, wrapped))
        rows.append(
            f"| {name} | {t_ours * 1e3:.3f} | {t_hf * 1e3:.3f} | {t_jinja * 1e3:.3f} | "
            f"{t_wrapped * 1e3:.3f} | {t_hf / t_ours:.1f}x | {t_jinja / t_ours:.1f}x |"
        )
    table = "\n".join(
        [
            "### Prompt rendering (`benchmarks/bench_presets.py`)",
            "",
            "A 100-turn conversation (201 or 202 messages, Japanese and emoji), best of 5 × 20 "
            f"runs, ms per render; Python {platform.python_version()}, {platform.machine()}. "
            "Every output is checked equal first.",
            "",
            "| format | preset `render` | `apply_chat_template` | compiled Jinja | "
            "`JinjaChatPrompt` | apply_chat_template / preset | Jinja / preset |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
        ]
    )
    print(table)
    write_results(table)
    if args.tools_template:
        tools_table = bench_tools(args.tools_template, tokenizer)
        print(tools_table)
        write_results(tools_table, TOOLS_MARKERS)


def write_results(table: str, markers: tuple[str, str] = (START, END)) -> None:
    start, end = markers
    path = Path(__file__).resolve().parent / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = f"{start}\n{table}\n{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
