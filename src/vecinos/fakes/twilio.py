"""Twilio's Messages API as it behaves on the wire: Basic auth, form fields, JSON answers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from urllib.parse import parse_qs

from vecinos.fakes.base import FakeServer, Reply, Request

E164 = re.compile(r"\+[1-9]\d{6,14}")


def _values(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


class FakeTwilio(FakeServer):
    def __init__(
        self, account_sid: str = "AC" + "0" * 32, auth_token: str = "secret-token"
    ) -> None:
        super().__init__()
        self.account_sid, self.auth_token = account_sid, auth_token
        self.messages: list[dict[str, str]] = []

    def environment(self) -> dict[str, str]:
        """The settings that point Vecinos's SMS channel at this fake."""
        return {
            "VECINOS_SMS_PROVIDER": "twilio",
            "VECINOS_TWILIO_ACCOUNT_SID": self.account_sid,
            "VECINOS_TWILIO_AUTH_TOKEN": self.auth_token,
            "VECINOS_TWILIO_FROM": "+13235550199",
            "VECINOS_TWILIO_API_BASE": self.url,
        }

    def _authorized(self, request: Request) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {expected}"

    def respond(self, request: Request) -> Reply:
        if request.path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return Reply.json(404, {"code": 20404, "message": "Not Found", "status": 404})
        if not self._authorized(request):
            return Reply.json(401, {"code": 20003, "message": "Authenticate", "status": 401})
        form = {key: values[0] for key, values in parse_qs(request.body.decode()).items()}
        if not E164.fullmatch(form.get("To", "")):
            return Reply.json(400, {"code": 21211, "message": "Invalid 'To' Phone Number"})
        if not form.get("Body") or not form.get("From"):
            return Reply.json(400, {"code": 21602, "message": "Message body is required."})
        # Like Twilio, every accepted request is a new message: repeats are the sender's to avoid.
        sid = "SM" + secrets.token_hex(16)
        self.messages.append(
            {
                "sid": sid,
                "to": form["To"],
                "from": form["From"],
                "body": form["Body"],
                "validity_period": form.get("ValidityPeriod", ""),
                "status_callback": form.get("StatusCallback", ""),
            }
        )
        return Reply.json(201, {"sid": sid, "status": "queued"})

    def sign(self, url: str, params: Mapping[str, str | list[str]]) -> str:
        """The X-Twilio-Signature Twilio would send for a webhook call: names sorted, then
        each name with each of its distinct values, sorted (as Twilio's helper libraries)."""
        data = url + "".join(
            f"{name}{value}"
            for name in sorted(params)
            for value in sorted(set(_values(params[name])))
        )
        return base64.b64encode(
            hmac.new(self.auth_token.encode(), data.encode(), hashlib.sha1).digest()
        ).decode()

    def status_report(self, message: Mapping[str, str], status: str) -> tuple[str, dict[str, str]]:
        """The URL and fields of the status callback Twilio would post for ``message``."""
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": "2010-04-01",
            "From": message["from"],
            "MessageSid": message["sid"],
            "MessageStatus": status,
            "SmsSid": message["sid"],
            "SmsStatus": status,
            "To": message["to"],
        }
        if status in ("undelivered", "failed"):
            params["ErrorCode"] = "30003"  # unreachable destination handset
        return message["status_callback"], params

    def received_by(self, number: str) -> list[str]:
        return [m["body"] for m in self.messages if m["to"] == number]

    def inbox(self) -> list[tuple[str, str]]:
        return [(m["to"], m["body"]) for m in self.messages]
