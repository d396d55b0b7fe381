"""Routes of know-your-rights."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.rights import views

urlpatterns: list[URLPattern] = [
    path("rights/", views.know_your_rights, name="rights"),
]
