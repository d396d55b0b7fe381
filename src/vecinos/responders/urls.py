"""Routes of responders: sign-up, the guide and the signed dispatch pages, and the console's
volunteer pipeline and call-outs."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.responders import views

app_name = "responders"

urlpatterns: list[URLPattern] = [
    path("responders/join/", views.join, name="join"),
    path("responders/join/confirm/", views.join_confirm, name="join-confirm"),
    path("responders/guide/", views.guide, name="guide"),
    path("r/<str:token>/", views.home, name="home"),
    path("r/d/<str:token>/", views.dispatch, name="dispatch"),
]

console_patterns: list[URLPattern] = [
    path("responders/", views.responder_list, name="responders"),
    path("responders/<int:pk>/", views.responder_detail, name="responder"),
    path("networks/<int:pk>/dispatch-policy/", views.dispatch_policy, name="dispatch-policy"),
    path("responders/<int:pk>/training/", views.record_training, name="responder-training"),
    path("incidents/<int:pk>/responders/", views.incident_responders, name="incident-responders"),
    path("incidents/<int:pk>/call-out/", views.call_out, name="call-out"),
    path("updates/<int:pk>/use/", views.use_update, name="use-update"),
]
