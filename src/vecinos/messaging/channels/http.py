"""The one HTTP client every channel uses: aiohttp on an event loop of its own thread.

Synchronous callers block on one request; the sender runs a whole batch on the
loop at once, over a bounded pool of keep-alive connections.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import threading
from collections.abc import Coroutine, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

import aiohttp

CONNECTIONS = 32
TIMEOUT_SECONDS = 10.0

T = TypeVar("T")


class HttpError(Exception):
    """No answer: timed out, refused, or the connection broke."""


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


class HttpClient:
    def __init__(self, connections: int = CONNECTIONS) -> None:
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="vecinos-http", daemon=True).start()
        self.session = asyncio.run_coroutine_threadsafe(self._open(connections), self.loop).result()
        atexit.register(self.close)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.session.close(), self.loop).result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _open(self, connections: int) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=connections, limit_per_host=connections),
            timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS),
            auto_decompress=True,
        )

    async def send(self, request: HttpRequest) -> Response:
        """On this client's loop: the provider's answer, or HttpError."""
        try:
            async with self.session.request(
                request.method, request.url, data=request.body or None, headers=request.headers
            ) as answer:
                return Response(answer.status, dict(answer.headers), await answer.read())
        except TimeoutError as error:
            raise HttpError("timed out") from error
        except aiohttp.ClientError as error:
            raise HttpError(f"unreachable: {type(error).__name__}") from error

    def run(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``work`` on this client's loop; from any other thread."""
        return asyncio.run_coroutine_threadsafe(work, self.loop)

    def fetch(self, request: HttpRequest) -> Response:
        """One request, waited for: for callers that are not on the loop."""
        return self.run(self.send(request)).result()


@cache
def client() -> HttpClient:
    """One client per process, made when first needed."""
    return HttpClient()
