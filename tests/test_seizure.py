"""The seizure test: a realistic hour of a real `vecinos serve`, then a search of the whole
database file and every log line for the phones, emails, coordinates, IP addresses,
user agents and free text about a person it saw (the incident is still open). None may
be there (DESIGN.md rules 1 and 2)."""

import json
import re
import time
import urllib.request

import pytest

from tests.servers import free_port, serve, vecinos
from vecinos.fakes.twilio import FakeTwilio

PHONE = "+13235550166"
EMAIL = "vecina.secreta@example.org"
LATITUDE, LONGITUDE = 33.961234, -118.244321
IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 8.1; Moto-Seized-Phone)"
PASSWORD = "correct horse battery staple"
SECRETS = [
    PHONE,
    PHONE[2:],
    "555-0166",
    "5550166",
    EMAIL,
    "vecina.secreta",
    "33.9612",
    "118.2443",
    IP,
    "Moto-Seized",
    "Juana Secreta",
]


class Http:
    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, path: str, body: dict | None = None, token: str | None = None) -> dict:
        headers = {
            "User-Agent": AGENT,
            "X-Forwarded-For": IP,
            "Accept-Language": "es",
            "Content-Type": "application/json",
        }
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read() or b"{}")


def wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def seized(tmp_path):
    """Run the scenario against a real server, stop it, and hand over what a raid would take."""
    twilio = FakeTwilio().start()
    port = free_port()
    log = tmp_path / "server.log"
    env = {
        "PATH": "/usr/bin:/bin",
        "VECINOS_DATA_DIR": str(tmp_path / "data"),
        "VECINOS_SITE_URL": f"http://127.0.0.1:{port}",
        "VECINOS_TRUST_FORWARDED_FOR": "true",
        "VECINOS_LOG_LEVEL": "DEBUG",
        "DJANGO_SETTINGS_MODULE": "vecinos.settings",
        **twilio.environment(),
    }
    vecinos(env, "migrate", "--no-input")
    vecinos(env, "network", "create", "Red", "--zip", "90001")
    vecinos(env, "createuser", "ana", "--role", "dispatcher", "--password-stdin", stdin=PASSWORD)
    token = vecinos(env, "token", "create", "--user", "ana").strip().splitlines()[-1]
    with log.open("w") as output:
        server = serve(env, port, output)
    try:
        http = Http(f"http://127.0.0.1:{port}")
        wait_for(lambda: _up(http))
        _scenario(http, token, twilio)
    finally:
        server.terminate()
        server.wait(timeout=10)
        twilio.stop()
    data = tmp_path / "data"
    stored = b"".join(path.read_bytes() for path in data.glob("vecinos.sqlite3*"))
    return stored, log.read_bytes()


def _up(http: Http) -> bool:
    try:
        http.call("/api/v1/alerts")
    except OSError:
        return False
    return True


def _scenario(http: Http, token: str, twilio: FakeTwilio) -> None:
    area = {"latitude": LATITUDE, "longitude": LONGITUDE, "rings": 1}
    http.call("/api/v1/subscriptions", {"channel": "sms", "address": PHONE, "areas": [area]})
    http.call("/api/v1/subscriptions", {"channel": "email", "address": EMAIL, "areas": [area]})
    wait_for(lambda: twilio.received_by(PHONE))
    code = re.search(r"\d{6}", twilio.received_by(PHONE)[-1]).group(0)
    http.call("/api/v1/subscriptions/confirm", {"channel": "sms", "address": PHONE, "code": code})
    report = http.call(
        "/api/v1/reports",
        {
            "activity": "home_door",
            "latitude": LATITUDE,
            "longitude": LONGITUDE,
            "agents": 7,
            "details": "they knocked at Juana Secreta's, second floor",
        },
    )
    http.call(f"/api/v1/incidents/{report['incident']}/verify", {"outcome": "confirmed"}, token)
    http.call("/api/v1/alerts", {"incident": report["incident"], "kind": "verified"}, token)
    wait_for(lambda: len(twilio.received_by(PHONE)) >= 2)
    http.call(f"/api/v1/alerts?latitude={LATITUDE}&longitude={LONGITUDE}")


def test_a_seized_database_and_its_logs_reveal_no_one(seized):
    database, logs = seized
    assert len(database) > 50_000 and logs  # the scenario ran and wrote both
    for secret in SECRETS:
        assert secret.encode() not in database, f"{secret} is in the database file"
        assert secret.encode() not in logs, f"{secret} is in the logs"
