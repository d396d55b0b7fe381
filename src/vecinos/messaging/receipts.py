"""What providers tell us after a send: delivered, read, or not delivered by the carrier.

Each channel's webhook maps its provider's words to a ``Receipt`` and calls ``record``;
the dispatcher's delivery view counts them per channel.
"""

from __future__ import annotations

from django.utils import timezone

from vecinos.messaging.models import Delivery, Receipt

# Receipts only move forward: they come in any order, a signed callback can be replayed,
# and a message that reached the neighbor did reach them, whatever a late copy says.
ORDER = ["", Receipt.UNDELIVERED, Receipt.DELIVERED, Receipt.READ]


def record(channel: str, receipt: Receipt, *, provider_id: str = "", delivery_id: int = 0) -> int:
    """Record a receipt for the delivery the provider knows as ``provider_id``, or for the
    one the callback's URL named when its answer (and so the id) was never stored; returns
    how many rows changed."""
    rows = Delivery.objects.filter(channel=channel)
    if provider_id:
        rows = rows.filter(provider_id=provider_id)
    elif delivery_id:
        rows = rows.filter(pk=delivery_id, provider_id="")
    else:
        return 0
    earlier = ORDER[: ORDER.index(receipt)]
    return rows.filter(receipt__in=earlier).update(receipt=receipt, receipt_at=timezone.now())
