from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vecinos.alerts import views as alert_views
from vecinos.alerts.feeds import ActiveAlertsFeed
from vecinos.api import api
from vecinos.messaging.channels import webhook_patterns
from vecinos.neighbors import views as neighbor_views
from vecinos.networks import views as network_views
from vecinos.privacy import views as privacy_views
from vecinos.reports import views as report_views
from vecinos.responders import views as responder_views
from vecinos.rights.views import know_your_rights
from vecinos.web import views as web_views

neighbor_patterns = (
    [
        path("report/", report_views.report, name="report"),
        path("report/sent/", report_views.sent, name="sent"),
    ],
    "reports",
)

alert_patterns = (
    [
        path("", alert_views.alert_list, name="list"),
        path("<int:pk>/", alert_views.alert_detail, name="detail"),
    ],
    "alerts",
)

console_patterns = (
    [
        path(
            "login/",
            auth_views.LoginView.as_view(template_name="console/login.html"),
            name="login",
        ),
        path("logout/", auth_views.LogoutView.as_view(), name="logout"),
        path("two-factor/", network_views.two_factor, name="two-factor"),
        path("invitations/", network_views.invitations, name="invitations"),
        path("join/<str:token>/", network_views.join, name="join"),
        path("", report_views.queue, name="queue"),
        path("queue/live/", report_views.queue_live, name="queue-live"),
        path("hotline/", report_views.hotline, name="hotline"),
        path("incidents/<int:pk>/", report_views.incident_detail, name="incident"),
        path("incidents/<int:pk>/claim/", report_views.claim, name="claim"),
        path("incidents/<int:pk>/release/", report_views.release, name="release"),
        path("incidents/<int:pk>/verify/", report_views.verify, name="verify"),
        path("incidents/<int:pk>/end/", report_views.end, name="end"),
        path("incidents/<int:pk>/close/", report_views.close, name="close"),
        path("incidents/<int:pk>/merge/", report_views.merge, name="merge"),
        path("incidents/<int:pk>/split/", report_views.split, name="split"),
        path("incidents/<int:pk>/publish/", alert_views.publish, name="publish"),
        path("incidents/<int:pk>/retract/", alert_views.retract, name="retract"),
        path("alerts/<int:pk>/cancel/", alert_views.cancel, name="cancel-alert"),
        path("alerts/<int:pk>/confirm/", alert_views.confirm, name="confirm-alert"),
        path("alerts/<int:pk>/progress/", alert_views.progress, name="alert-progress"),
        path("segments/", alert_views.segment_count, name="segments"),
        path("templates/", alert_views.templates, name="templates"),
        path("audit/", privacy_views.audit_log, name="audit"),
        path("responders/", responder_views.responder_list, name="responders"),
        path("responders/<int:pk>/", responder_views.responder_detail, name="responder"),
        path(
            "networks/<int:pk>/dispatch-policy/",
            responder_views.dispatch_policy,
            name="dispatch-policy",
        ),
        path(
            "responders/<int:pk>/training/",
            responder_views.record_training,
            name="responder-training",
        ),
        path(
            "incidents/<int:pk>/responders/",
            responder_views.incident_responders,
            name="incident-responders",
        ),
        path("incidents/<int:pk>/call-out/", responder_views.call_out, name="call-out"),
        path("updates/<int:pk>/use/", responder_views.use_update, name="use-update"),
        path("templates/<int:pk>/", alert_views.edit_template, name="template"),
    ],
    "console",
)

subscribe_patterns = (
    [
        path("subscribe/", neighbor_views.subscribe, name="subscribe"),
        path("subscribe/confirm/", neighbor_views.confirm, name="confirm"),
        path("stop/<str:token>/", neighbor_views.stop, name="stop"),
    ],
    "neighbors",
)

responder_patterns = (
    [
        path("responders/join/", responder_views.join, name="join"),
        path("responders/join/confirm/", responder_views.join_confirm, name="join-confirm"),
        path("responders/guide/", responder_views.guide, name="guide"),
        path("r/<str:token>/", responder_views.home, name="home"),
        path("r/d/<str:token>/", responder_views.dispatch, name="dispatch"),
    ],
    "responders",
)

urlpatterns = [
    path("api/v1/", api.urls),
    path("hooks/", include(webhook_patterns())),
    path("sw.js", web_views.service_worker, name="service-worker"),
    path("alerts.atom", ActiveAlertsFeed(), name="alerts-atom"),
    path("alerts/<int:pk>.cap", alert_views.alert_cap, name="alert-cap"),
    *i18n_patterns(
        path("", web_views.home, name="home"),
        path("", include(neighbor_patterns)),
        path("", include(subscribe_patterns)),
        path("", include(responder_patterns)),
        path("alerts/", include(alert_patterns)),
        path("rights/", know_your_rights, name="rights"),
        path("demo/phone/", web_views.demo_phone, name="demo-phone"),
        path("console/", include(console_patterns)),
    ),
]

handler400 = web_views.bad_request
handler403 = web_views.forbidden
handler404 = web_views.not_found
handler500 = web_views.server_error
