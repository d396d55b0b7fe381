"""Staff credentials that stopped working are not kept."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from vecinos.networks.models import ApiToken, Invitation
from vecinos.privacy.retention import register


@register("api tokens", "a day after they expired (they work 90 days unless told otherwise)")
def api_tokens(cutoff: datetime) -> QuerySet:
    return ApiToken.objects.filter(expires_at__lt=cutoff)


@register("invitations", "a day after they were used or expired (they work 48 hours)")
def invitations(cutoff: datetime) -> QuerySet:
    return Invitation.objects.filter(Q(used_at__lt=cutoff) | Q(expires_at__lt=cutoff))
