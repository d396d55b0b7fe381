"""Where every channel hands what a neighbor wrote, or that a neighbor blocked us.

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
BlockReceiver = Callable[[str, str], None]
_receivers: list[Receiver] = []
_block_receivers: list[BlockReceiver] = []


def set_receiver(receiver: Receiver) -> None:
    _receivers[:] = [receiver]


def set_block_receiver(receiver: BlockReceiver) -> None:
    _block_receivers[:] = [receiver]


def receive(kind: str, address: str, text: str) -> None:
    """Hand one inbound message, its address normalized, to the registered receiver."""
    normalized = _normalized(kind, address)
    if normalized is not None:
        for receiver in _receivers:
            receiver(kind, normalized, text)


def blocked(kind: str, address: str) -> None:
    """The provider says this address blocked us (a Telegram user blocked the bot): nothing
    more can reach it, so the registered receiver stops it."""
    normalized = _normalized(kind, address)
    if normalized is not None:
        for receiver in _block_receivers:
            receiver(kind, normalized)


def _normalized(kind: str, address: str) -> str | None:
    try:
        return channels.normalize(kind, address)
    except channels.InvalidAddress:
        log.info("inbound message from an address %s cannot answer", kind)
        return None
