"""What is kept of a neighbor: codes until used or expired, and no one who never
confirmed or who said STOP."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from vecinos.neighbors.models import Confirmation, ContactPoint
from vecinos.privacy.retention import register


@register("codes", "until used or expired, then a day")
def codes(cutoff: datetime) -> QuerySet:
    return Confirmation.objects.filter(Q(used_at__lt=cutoff) | Q(expires_at__lt=cutoff))


@register(
    "contact points",
    "while subscribed; a day when nobody confirmed it or after STOP, then nothing is left",
)
def contact_points(cutoff: datetime) -> QuerySet:
    return ContactPoint.objects.filter(
        Q(confirmed_at=None, created_on__lt=cutoff.date()) | Q(stopped_at__lt=cutoff)
    )
