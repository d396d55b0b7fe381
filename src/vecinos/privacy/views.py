from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vecinos.networks.decorators import coordinator_required
from vecinos.privacy.models import AuditEntry


@coordinator_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor")[:300]
    return render(request, "privacy/console/audit.html", {"entries": entries})
