"""Signal has no webhook: the worker polls signal-cli's REST API for received messages."""

from __future__ import annotations

from vecinos.messaging.channels.http import HttpError, HttpRequest, client
from vecinos.messaging.channels.signal.transport import SignalSettings
from vecinos.messaging.inbound import receive


def poll(settings: SignalSettings) -> int:
    """Fetch and handle every message signal-cli received since the last poll."""
    url = f"{settings.api_base}/v1/receive/{settings.number}"
    try:
        response = client().fetch(HttpRequest("GET", url))
        envelopes = response.json() if response.status == 200 else []
    except (HttpError, ValueError):
        return 0
    handled = 0
    for item in envelopes:
        envelope = item.get("envelope", {}) if isinstance(item, dict) else {}
        text = (envelope.get("dataMessage") or {}).get("message")
        if envelope.get("source") and text:
            receive("signal", envelope["source"], text)
            handled += 1
    return handled
