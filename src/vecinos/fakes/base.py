"""A provider on 127.0.0.1 in a background thread. Tests queue the answers it should give."""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Self


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, Any]:
        """The body as a JSON object, the only kind of body the faked APIs take. Anything else
        is a ValueError, which closes the connection as unreadable JSON does."""
        payload = json.loads(self.body)
        if not isinstance(payload, dict):
            raise ValueError("the body is not a JSON object")
        return payload


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, payload: object, **headers: str) -> Reply:
        return cls(
            status, json.dumps(payload).encode(), {"Content-Type": "application/json", **headers}
        )


class Headers(dict):
    """HTTP header names are case-insensitive; clients spell them as they like."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__((name.lower(), value) for name, value in pairs)

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return super().get(name.lower(), default)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name.lower())

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.lower())


class FakeServer:
    """Subclasses answer in ``respond``; ``fail_next`` makes the next answers scripted failures.

    HTTP/1.1 with keep-alive on an asyncio loop of its own, so a fake keeps up with a
    worker's whole pool of connections.
    """

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.scripted: deque[Reply] = deque()
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.connections: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self.loop).result(timeout=5)
        return self

    def stop(self) -> None:
        if not self.thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._close(), self.loop).result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    async def _listen(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=256)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        self.server.close()
        for writer in list(self.connections):
            writer.close()
        await self.server.wait_closed()

    async def _read_request(self, reader: asyncio.StreamReader) -> Request | None:
        line = await reader.readline()
        if not line.strip():
            return None
        method, target, _version = line.decode("latin-1").split(" ", 2)
        pairs = []
        while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = header.decode("latin-1").partition(":")
            pairs.append((name.strip(), value.strip()))
        headers = Headers(pairs)
        body = await reader.readexactly(int(headers.get("Content-Length") or 0))
        return Request(method, target, headers, body)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections.add(writer)
        try:
            while (request := await self._read_request(reader)) is not None:
                reply = self._answer(request)
                head = [f"HTTP/1.1 {reply.status} {HTTPStatus(reply.status).phrase}"]
                head += [f"{name}: {value}" for name, value in reply.headers.items()]
                head.append(f"Content-Length: {len(reply.body)}")
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + reply.body)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            self.connections.discard(writer)
            writer.close()

    def fail_next(self, *replies: Reply) -> None:
        self.scripted.extend(replies)

    def _answer(self, request: Request) -> Reply:
        with self.lock:
            self.requests.append(request)
            if self.scripted:
                return self.scripted.popleft()
            return self.respond(request)

    def respond(self, request: Request) -> Reply:
        raise NotImplementedError
