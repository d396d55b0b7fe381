"""The root URLconf: the language-neutral paths, then each app's routes under the language prefix.

Each app's `urls.py` holds its routes. The console's pages come from several apps; the root
mounts their `console_patterns` together under console/, in the one `console` namespace."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, include, path

from vecinos.alerts import urls as alerts_urls
from vecinos.alerts import views as alert_views
from vecinos.alerts.feeds import ActiveAlertsFeed
from vecinos.api import api
from vecinos.messaging.channels import webhook_patterns
from vecinos.neighbors import urls as neighbors_urls
from vecinos.networks import urls as networks_urls
from vecinos.reports import urls as reports_urls
from vecinos.responders import urls as responders_urls
from vecinos.rights import urls as rights_urls
from vecinos.web import urls as web_urls
from vecinos.web import views as web_views

console_patterns: list[URLPattern] = [
    *networks_urls.console_patterns,
    *reports_urls.console_patterns,
    *alerts_urls.console_patterns,
    *responders_urls.console_patterns,
]

urlpatterns = [
    path("api/v1/", api.urls),
    path("hooks/", include(webhook_patterns())),
    path("sw.js", web_views.service_worker, name="service-worker"),
    path("alerts.atom", ActiveAlertsFeed(), name="alerts-atom"),
    path("alerts/<int:pk>.cap", alert_views.alert_cap, name="alert-cap"),
    *i18n_patterns(
        path("", include(web_urls)),
        path("", include(reports_urls)),
        path("", include(neighbors_urls)),
        path("", include(responders_urls)),
        path("", include(alerts_urls)),
        path("", include(rights_urls)),
        path("console/", include((console_patterns, "console"))),
    ),
]

handler400 = web_views.bad_request
handler403 = web_views.forbidden
handler404 = web_views.not_found
handler500 = web_views.server_error
