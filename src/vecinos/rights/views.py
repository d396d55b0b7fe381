from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def know_your_rights(request: HttpRequest) -> HttpResponse:
    return render(request, "rights/rights.html")
