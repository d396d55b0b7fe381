"""The Telegram Bot API: the token in the path, JSON in and out, retry_after on 429; and
the updates it posts to a bot's webhook."""

from __future__ import annotations

import itertools
import time
from typing import Any

from vecinos.fakes.base import FakeServer, Reply, Request

_update_ids = itertools.count(1)
BOT = {"id": 123456, "is_bot": True, "first_name": "Vecinos"}


def _person(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Vecina"}


def _update(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"update_id": next(_update_ids), kind: payload}


def _message(chat_id: int, text: str) -> dict[str, Any]:
    return {
        "message_id": next(_update_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Vecina"},
        "from": _person(chat_id),
        "text": text,
    }


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

    @staticmethod
    def text_update(chat_id: int, text: str) -> dict[str, Any]:
        """What a neighbor writing to the bot in a private chat posts to the webhook."""
        return _update("message", _message(chat_id, text))

    @staticmethod
    def edited_update(chat_id: int, text: str) -> dict[str, Any]:
        return _update("edited_message", {**_message(chat_id, text), "edit_date": int(time.time())})

    @staticmethod
    def member_update(chat_id: int, status: str) -> dict[str, Any]:
        """The bot's own membership changed: "kicked" when the neighbor blocked it, "member"
        when they started it again."""
        old = "kicked" if status == "member" else "member"
        return _update(
            "my_chat_member",
            {
                "chat": {"id": chat_id, "type": "private", "first_name": "Vecina"},
                "from": _person(chat_id),
                "date": int(time.time()),
                "old_chat_member": _member(old),
                "new_chat_member": _member(status),
            },
        )

    def inbox(self) -> list[tuple[str, str]]:
        return [(str(m["chat_id"]), m["text"]) for m in self.messages]


def _member(status: str) -> dict[str, Any]:
    # A ban (the neighbor blocked the bot) carries until when; 0 means for ever.
    return {"status": status, "user": BOT, **({"until_date": 0} if status == "kicked" else {})}
