"""The audit log: every read of personal data and every alert sent, for coordinators."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from vecinos.privacy.models import Action, AuditEntry
from vecinos.privacy.retention import register

AUDIT_KEPT = timedelta(days=90)


def audit(actor: User | AnonymousUser | None, action: Action, target: str = "") -> None:
    """Record an action. ``target`` names a thing (#12, a username), never a person's data."""
    user = actor if actor is not None and actor.is_authenticated else None
    AuditEntry.objects.create(actor=user, action=action, target=target[:120])


@register("audit entries", "90 days")
def expired_entries(cutoff: datetime) -> QuerySet:
    return AuditEntry.objects.filter(at__lt=cutoff - AUDIT_KEPT)
