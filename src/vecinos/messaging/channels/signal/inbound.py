"""Signal has no webhook: the worker polls signal-cli's REST API for received messages."""

from __future__ import annotations

import httpx

from vecinos.messaging.channels.signal.transport import SignalSettings
from vecinos.neighbors.inbound import handle


def poll(settings: SignalSettings, client: httpx.Client | None = None) -> int:
    """Fetch and handle every message signal-cli received since the last poll."""
    client = client or httpx.Client(timeout=10)
    try:
        response = client.get(f"{settings.api_base}/v1/receive/{settings.number}")
        response.raise_for_status()
        envelopes = response.json()
    except (httpx.HTTPError, ValueError):
        return 0
    handled = 0
    for item in envelopes:
        envelope = item.get("envelope", {}) if isinstance(item, dict) else {}
        text = (envelope.get("dataMessage") or {}).get("message")
        if envelope.get("source") and text:
            handle("signal", envelope["source"], text)
            handled += 1
    return handled
