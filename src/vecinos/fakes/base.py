"""A provider on 127.0.0.1 in a background thread. Tests queue the answers it should give."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


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


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # bursts from a worker's whole pool at once


class FakeServer:
    """Subclasses answer in ``respond``; ``fail_next`` makes the next answers scripted failures."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.scripted: deque[Reply] = deque()
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as real providers do: a client reuses its connections.
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; without this, Nagle's algorithm and
            # delayed ACKs stall every keep-alive answer by ~40 ms.
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    self.command, self.path, dict(self.headers), self.rfile.read(length)
                )
                reply = fake._answer(request)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = _serve

            def log_message(self, *args: object) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

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
