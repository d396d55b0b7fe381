"""Where every channel hands what a neighbor wrote.

A channel knows nothing of subscriptions or reports: it passes the channel, the
sender's address as the provider gave it, and the text. The app that answers
(neighbors) registers itself as the receiver when it is ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from vecinos.messaging import channels

log = logging.getLogger("vecinos.inbound")
Receiver = Callable[[str, str, str], None]
_receivers: list[Receiver] = []


def set_receiver(receiver: Receiver) -> None:
    _receivers[:] = [receiver]


def receive(kind: str, address: str, text: str) -> None:
    """Hand one inbound message, its address normalized, to the registered receiver."""
    try:
        normalized = channels.normalize(kind, address)
    except channels.InvalidAddress:
        log.info("inbound message from an address %s cannot answer", kind)
        return
    for receiver in _receivers:
        receiver(kind, normalized, text)
