"""Routes of a neighbor's subscription: subscribe, confirm the code, stop."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.neighbors import views

app_name = "neighbors"

urlpatterns: list[URLPattern] = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/", views.confirm, name="confirm"),
    path("subscribe/resend/", views.resend, name="resend"),
    path("stop/<str:token>/", views.stop, name="stop"),
]
