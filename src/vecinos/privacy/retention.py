"""Retention, enforced by a job and not by a promise (DESIGN.md rule 5).

What is kept, and for how long after it stopped being needed:
- confirmation codes: until used or expired, then a day;
- contact points nobody confirmed (someone typed a number, or texted us once): a day;
- contact points that said STOP: a day, then nothing is left of them;
- deliveries and broadcasts (who was sent what): a day after the message expired;
- the audit log: 90 days;
- API tokens: a day after they expired (they work 90 days unless told otherwise);
- staff invitations: a day after they were used or expired (they work 48 hours);
- responders: while they volunteer; one who never confirmed their code, or said STOP,
  goes with their contact point;
- who was asked to go where (callouts, dispatches, updates from the scene): 30 days
  after the incident closed.

Incidents keep their details until closed (reports.closing.close_settled_incidents).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vecinos.messaging.models import Broadcast, Delivery
from vecinos.neighbors.models import Confirmation, ContactPoint
from vecinos.networks.models import ApiToken, Invitation
from vecinos.privacy.models import AuditEntry
from vecinos.responders.models import Callout

GRACE = timedelta(days=1)
AUDIT_KEPT = timedelta(days=90)
DISPATCHES_KEPT = timedelta(days=30)


@transaction.atomic
def purge(now: datetime | None = None) -> dict[str, int]:
    """Delete what is past its retention; returns how many rows of each kind went."""
    cutoff = (now or timezone.now()) - GRACE
    gone = {}
    expired = Broadcast.objects.filter(expires_at__lt=cutoff)
    gone["deliveries"] = Delivery.objects.filter(broadcast__in=expired).delete()[0]
    gone["broadcasts"] = expired.delete()[0]
    gone["codes"] = Confirmation.objects.filter(
        Q(used_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    ).delete()[0]
    gone["audit entries"] = AuditEntry.objects.filter(at__lt=cutoff - AUDIT_KEPT).delete()[0]
    forgotten = ContactPoint.objects.filter(
        Q(confirmed_at=None, created_on__lt=cutoff.date()) | Q(stopped_at__lt=cutoff)
    )
    gone["contact points"] = forgotten.delete()[0]
    gone["api tokens"] = ApiToken.objects.filter(expires_at__lt=cutoff).delete()[0]
    gone["invitations"] = Invitation.objects.filter(
        Q(used_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    ).delete()[0]
    callouts = Callout.objects.filter(incident__closed_at__lt=cutoff - DISPATCHES_KEPT)
    gone["callouts"] = callouts.delete()[0]
    return gone


def purge_job() -> int:
    return sum(purge().values())
