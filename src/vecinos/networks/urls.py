"""Routes of the console's doors (login, two-factor, logout, invitations and joining by
one) and of the staff's audit log."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path

from vecinos.networks import views

console_patterns: list[URLPattern] = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="networks/console/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("invitations/", views.invitations, name="invitations"),
    path("join/<str:token>/", views.join, name="join"),
    path("audit/", views.audit_log, name="audit"),
]
