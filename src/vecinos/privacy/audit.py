"""The audit log: every read of personal data and every alert sent, for coordinators."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from vecinos.privacy.models import Action, AuditEntry


def audit(actor: AbstractBaseUser | AnonymousUser | None, action: Action, target: str = "") -> None:
    """Record an action. ``target`` names a thing (#12, a username), never a person's data."""
    user = actor if actor is not None and actor.is_authenticated else None
    AuditEntry.objects.create(actor=user, action=action, target=target[:120])
