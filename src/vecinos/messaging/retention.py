"""What the outbox keeps: who was sent what, until a day after the message expired."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from vecinos.messaging.models import Broadcast, Delivery
from vecinos.privacy.retention import register


@register("deliveries", "a day after the message expired")
def deliveries(cutoff: datetime) -> QuerySet:
    return Delivery.objects.filter(broadcast__expires_at__lt=cutoff)


@register("broadcasts", "a day after the message expired")
def broadcasts(cutoff: datetime) -> QuerySet:
    return Broadcast.objects.filter(expires_at__lt=cutoff)
