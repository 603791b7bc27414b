"""ChatStream 0.3.0's own FastAPI server, run in-process, for the integration tests.

The server is ChatStream's: its ``ChatStream`` object, its ``append_apis`` routes, its
``append_middlewares`` (FastSession's secure session cookie, kept because the client talks to an
``https://`` base URL) and its queue worker. Only the prompt class, model, tokenizer and token
sampler are the test's.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import chatstream
from fastapi import FastAPI
from starlette.testclient import TestClient

FINISH = "<::EOS::>"  # ChatStream ends every streamed chunk with this marker

_LOGGER = logging.getLogger("tests.chatstream_server")
_LOGGER.setLevel(logging.ERROR)  # ChatStream logs each request at DEBUG and a notice at WARNING


class ScriptedSampler:
    """A token sampler that answers with fixed token ids, whatever the model's logits.

    The model still runs on every step (ChatStream calls it before sampling); the answers are
    known text, so a test can say what the stream must show.

    Args:
        answers: The token ids of each answer, in the order the server asks for them.
    """

    def __init__(self, answers: Sequence[Sequence[int]]) -> None:
        self._queue = [list(answer) for answer in answers]
        self.chosen: list[int] = []

    def do_sample(self, logits: Any, *args: Any, **kwargs: Any) -> int:
        """The next scripted id (ChatStream's sampler interface)."""
        answer = self._queue[0]
        token_id = answer.pop(0)
        if not answer:
            self._queue.pop(0)
        self.chosen.append(token_id)
        return token_id


class ChoiceLog:
    """Wraps a token sampler and keeps every id it chose."""

    def __init__(self, sampler: Any) -> None:
        self.sampler = sampler
        self.chosen: list[int] = []

    def do_sample(self, logits: Any, *args: Any, **kwargs: Any) -> int:
        """Sample with the wrapped sampler; remember the id."""
        token_id = int(self.sampler.do_sample(logits, *args, **kwargs))
        self.chosen.append(token_id)
        return token_id


def chatstream_app(prompt_class: type, **options: Any) -> tuple[FastAPI, Any]:
    """ChatStream's server as its README builds it, plus the ChatStream object.

    ``options`` go to ``chatstream.ChatStream`` (``model``, ``tokenizer``, ``token_sampler``...).
    The lifespan starts ChatStream's queue worker the way ``start_queue_worker`` does, without
    the SIGINT handler it installs (a signal handler can only be set on the main thread).
    """
    settings: dict[str, Any] = {
        "device": "cpu",
        "chat_prompt_clazz": prompt_class,
        "num_of_concurrent_executions": 1,
        "max_new_tokens": 48,
        "context_len": 4096,
        "logger": _LOGGER,
    }
    settings.update(options)
    stream = chatstream.ChatStream(**settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stream.queue_worker_task = asyncio.create_task(stream.queue_worker())
        yield
        stream.queue_worker_task.cancel()

    app = FastAPI(lifespan=lifespan)
    stream.append_apis(app, {"all": True})
    stream.append_middlewares(app, {})
    return app, stream


@contextmanager
def chatstream_client(prompt_class: type, **options: Any) -> Iterator[TestClient]:
    """A client of a fresh ChatStream server (one browser: one session cookie)."""
    app, _ = chatstream_app(prompt_class, **options)
    with TestClient(app, base_url="https://testserver") as client:
        yield client


def chat(client: TestClient, user_input: str) -> list[str]:
    """Send one chat message; the streamed chunks, without ChatStream's end markers."""
    response = client.post("/chat_stream", json={"user_input": user_input})
    assert 200 == response.status_code, response.text
    assert "text/plain" in response.headers["content-type"], response.text
    *chunks, tail = response.text.split(FINISH)
    assert "" == tail, response.text
    return chunks


def answers_so_far(tokenizer: Any, generated: Sequence[int]) -> list[str]:
    """The answer after each generated token, as the tokenizer decodes the ids so far."""
    return [
        tokenizer.decode(list(generated[:count]), skip_special_tokens=True).strip()
        for count in range(1, len(generated) + 1)
    ]


def unfinished(text: str) -> str:
    """``text`` without the placeholders a decoder shows for a character still incomplete."""
    return text.rstrip("\ufffd")
