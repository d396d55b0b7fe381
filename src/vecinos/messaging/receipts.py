"""What providers tell us after a send: delivered, read, or not delivered by the carrier.

Each channel's webhook maps its provider's words to a ``Receipt`` and calls ``record``;
the dispatcher's delivery view counts them per channel.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from vecinos.messaging.models import Delivery, Receipt


def record(channel: str, receipt: Receipt, *, provider_id: str = "", delivery_id: int = 0) -> int:
    """Record a receipt for the delivery the provider knows as ``provider_id`` (or that the
    callback's URL named); returns how many rows changed. Receipts come in any order: a
    later "delivered" never undoes "read"."""
    if not provider_id and not delivery_id:
        return 0
    rows = Delivery.objects.filter(channel=channel)
    rows = rows.filter(provider_id=provider_id) if provider_id else rows.filter(pk=delivery_id)
    if receipt != Receipt.READ:
        rows = rows.filter(~Q(receipt=Receipt.READ))
    return rows.update(receipt=receipt, receipt_at=timezone.now())
