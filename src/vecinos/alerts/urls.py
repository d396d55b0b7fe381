"""Routes of alerts: the public list and pages, and the console's publishing and templates.

The language-neutral feeds (/alerts.atom, /alerts/<pk>.cap) stay in the root URLconf, outside
the language prefix, beside the other machine-read paths."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.alerts import views

app_name = "alerts"

urlpatterns: list[URLPattern] = [
    path("alerts/", views.alert_list, name="list"),
    path("alerts/<int:pk>/", views.alert_detail, name="detail"),
]

console_patterns: list[URLPattern] = [
    path("incidents/<int:pk>/publish/", views.publish, name="publish"),
    path("incidents/<int:pk>/retract/", views.retract, name="retract"),
    path("alerts/<int:pk>/cancel/", views.cancel, name="cancel-alert"),
    path("alerts/<int:pk>/confirm/", views.confirm, name="confirm-alert"),
    path("alerts/<int:pk>/progress/", views.progress, name="alert-progress"),
    path("segments/", views.segment_count, name="segments"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.edit_template, name="template"),
]
