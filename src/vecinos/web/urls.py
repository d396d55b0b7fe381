"""Routes of the site's own pages: the home page and the demo's phone.

The service worker (/sw.js) stays in the root URLconf: it must be served from the root,
outside the language prefix, to control every page."""

from __future__ import annotations

from django.urls import URLPattern, path

from vecinos.web import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("demo/phone/", views.demo_phone, name="demo-phone"),
]
