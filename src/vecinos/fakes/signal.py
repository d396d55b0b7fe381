"""signal-cli's REST API: /v2/send to send, /v1/receive/{number} to collect what arrived."""

from __future__ import annotations

from vecinos.fakes.base import FakeServer, Reply, Request


class FakeSignal(FakeServer):
    def __init__(self, number: str = "+13235550100") -> None:
        super().__init__()
        self.number = number
        self.messages: list[dict] = []
        self.waiting: list[dict] = []

    def environment(self) -> dict[str, str]:
        return {"VECINOS_SIGNAL_API_BASE": self.url, "VECINOS_SIGNAL_NUMBER": self.number}

    def deliver_inbound(self, source: str, text: str) -> None:
        self.waiting.append({"envelope": {"source": source, "dataMessage": {"message": text}}})

    def respond(self, request: Request) -> Reply:
        if request.method == "GET" and request.path == f"/v1/receive/{self.number}":
            received, self.waiting = self.waiting, []
            return Reply.json(200, received)
        if request.method == "POST" and request.path == "/v2/send":
            body = request.json()
            if body.get("number") != self.number:
                return Reply.json(400, {"error": "Invalid account (phone number)"})
            if not body.get("recipients") or not body.get("message"):
                return Reply.json(400, {"error": "Couldn't process request - invalid request"})
            self.messages.append(body)
            return Reply.json(201, {"timestamp": str(len(self.messages))})
        return Reply.json(404, {"error": "not found"})

    def inbox(self) -> list[tuple[str, str]]:
        return [(m["recipients"][0], m["message"]) for m in self.messages]
