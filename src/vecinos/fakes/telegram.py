"""The Telegram Bot API: the token in the path, JSON in and out, retry_after on 429."""

from __future__ import annotations

from vecinos.fakes.base import FakeServer, Reply, Request


class FakeTelegram(FakeServer):
    def __init__(self, token: str = "123456:ABC-fake") -> None:
        super().__init__()
        self.token = token
        self.webhook_secret = "hook-secret"
        self.messages: list[dict] = []

    def environment(self) -> dict[str, str]:
        return {
            "VECINOS_TELEGRAM_BOT_TOKEN": self.token,
            "VECINOS_TELEGRAM_WEBHOOK_SECRET": self.webhook_secret,
            "VECINOS_TELEGRAM_API_BASE": self.url,
        }

    def respond(self, request: Request) -> Reply:
        if request.path != f"/bot{self.token}/sendMessage":
            return Reply.json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        body = request.json()
        if not body.get("chat_id") or not body.get("text"):
            return Reply.json(
                400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
            )
        self.messages.append(body)
        return Reply.json(200, {"ok": True, "result": {"message_id": len(self.messages)}})

    @staticmethod
    def too_many(retry_after: int) -> Reply:
        return Reply.json(
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {retry_after}",
                "parameters": {"retry_after": retry_after},
            },
        )

    def inbox(self) -> list[tuple[str, str]]:
        return [(str(m["chat_id"]), m["text"]) for m in self.messages]
