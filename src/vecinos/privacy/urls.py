"""Routes of privacy: the console's audit log."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.privacy import views

console_patterns: list[URLPattern] = [
    path("audit/", views.audit_log, name="audit"),
]
