"""Signal has no webhook: the worker polls signal-cli's REST API for received messages."""

from __future__ import annotations

import json

import urllib3

from vecinos.messaging.channels.signal.transport import SignalSettings
from vecinos.neighbors.inbound import handle


def poll(settings: SignalSettings) -> int:
    """Fetch and handle every message signal-cli received since the last poll."""
    url = f"{settings.api_base}/v1/receive/{settings.number}"
    try:
        response = urllib3.request("GET", url, timeout=10, retries=False)
        envelopes = json.loads(response.data) if response.status == 200 else []
    except (urllib3.exceptions.HTTPError, ValueError):
        return 0
    handled = 0
    for item in envelopes:
        envelope = item.get("envelope", {}) if isinstance(item, dict) else {}
        text = (envelope.get("dataMessage") or {}).get("message")
        if envelope.get("source") and text:
            handle("signal", envelope["source"], text)
            handled += 1
    return handled
