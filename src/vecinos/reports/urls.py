"""Routes of intake and the dispatcher's queue: the neighbor's report form and the console's
queue, hotline and incident pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.reports import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("report/", views.report, name="report"),
    path("report/sent/", views.sent, name="sent"),
]

console_patterns: list[URLPattern] = [
    path("", views.queue, name="queue"),
    path("queue/live/", views.queue_live, name="queue-live"),
    path("hotline/", views.hotline, name="hotline"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("incidents/<int:pk>/claim/", views.claim, name="claim"),
    path("incidents/<int:pk>/release/", views.release, name="release"),
    path("incidents/<int:pk>/verify/", views.verify, name="verify"),
    path("incidents/<int:pk>/end/", views.end, name="end"),
    path("incidents/<int:pk>/close/", views.close, name="close"),
    path("incidents/<int:pk>/merge/", views.merge, name="merge"),
    path("incidents/<int:pk>/split/", views.split, name="split"),
    path("incidents/<int:pk>/where/", views.where, name="where"),
    path("incidents/<int:pk>/help-answered/", views.help_answered, name="help-answered"),
]
