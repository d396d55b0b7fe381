from __future__ import annotations

from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from vecinos.alerts.public import alarms_in_force, rumor_checks
from vecinos.reports.forms import ReportForm
from vecinos.web import demo_providers


def home(request: HttpRequest) -> HttpResponse:
    context = {"alert_count": alarms_in_force().count(), "rumor_count": rumor_checks().count()}
    return render(request, "web/home.html", context)


def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so it may show notifications for every page of the site."""
    script = (Path(__file__).parent / "static" / "vecinos" / "sw.js").read_bytes()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def demo_phone(request: HttpRequest) -> HttpResponse:
    """What each synthetic subscriber of the demo would have received; only in the demo."""
    if not demo_providers.RUNNING:
        raise Http404
    template = (
        "web/_demo_inbox.html" if request.headers.get("HX-Request") else "web/demo_phone.html"
    )
    return render(request, template, {"received": demo_providers.received()[:200]})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 400}, status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 403}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404}, status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A stale form must not lose a neighbor's report: show it again, filled in, to resend."""
    match = request.resolver_match
    if request.method == "POST" and match and match.view_name == "reports:report":
        context = {"form": ReportForm(request.POST), "resend": True}
        return render(request, "reports/report.html", context, status=403)
    return render(request, "web/error.html", {"status": 403, "csrf": True}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "web/error.html", {"status": 500}, status=500)
