"""What the retention job deletes, and what it keeps."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from tests.helpers import subscriber
from vecinos.messaging.models import Broadcast, Delivery
from vecinos.messaging.services import send_to
from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import contact_for, stop
from vecinos.privacy.retention import GRACE, purge

LATER = timezone.now() + GRACE + timedelta(hours=2)


def test_sent_messages_are_forgotten_a_day_after_they_expire(network):
    contact = subscriber(network, "sms", "+13235550180", [])
    send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    assert purge()["deliveries"] == 0
    assert purge(now=LATER)["deliveries"] == 1
    assert not Broadcast.objects.exists() and not Delivery.objects.exists()


def test_a_number_nobody_confirmed_is_forgotten(network):
    contact_for(network, "sms", "+13235550181", "es")
    ContactPoint.objects.update(created_on=timezone.now().date() - timedelta(days=2))
    assert purge()["contact points"] == 1


def test_stop_means_nothing_is_left_after_a_day(network):
    stop(subscriber(network, "sms", "+13235550182", []))
    assert purge()["contact points"] == 0
    assert purge(now=LATER)["contact points"] == 1


def test_confirmed_subscribers_stay(network):
    subscriber(network, "sms", "+13235550183", [])
    ContactPoint.objects.update(created_on=timezone.now().date() - timedelta(days=30))
    assert purge(now=LATER)["contact points"] == 0


def test_the_purge_command_reports_what_it_did(network, capsys):
    call_command("purge")
    assert "contact points deleted: 0" in capsys.readouterr().out


def test_the_subject_report_is_short_by_construction(network, capsys):

    watts = network.areas.get(name="Watts")
    subscriber(network, "sms", "+13235550184", watts.cells, language="en")
    call_command("subject-report", "(323) 555-0184")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("sms: subscribed; language en; signed up on ")
    assert "Watts" in out[0]
    assert "8829" not in out[0]


def test_the_subject_report_of_a_stranger_is_empty(network, capsys):
    call_command("subject-report", "nadie@example.org")
    assert "Nothing is held" in capsys.readouterr().out


def test_reads_of_personal_data_and_alerts_sent_are_in_the_audit_log(
    network, here_cell, dispatcher, dispatcher_client, coordinator
):
    from tests.conftest import staff_client
    from tests.helpers import incident_at
    from vecinos.alerts.services import AlertRequest, cancel_alert, publish_alert
    from vecinos.privacy.models import Action, AuditEntry
    from vecinos.reports.models import Status
    from vecinos.reports.services import verify_incident

    incident = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    dispatcher_client.get(f"/es/console/incidents/{incident.pk}/")
    cancel_alert(publish_alert(incident, dispatcher, AlertRequest(kind="verified")), dispatcher)
    actions = list(AuditEntry.objects.order_by("at").values_list("actor__username", "action"))
    assert actions == [
        ("ana", Action.INCIDENT_VIEWED),
        ("ana", Action.ALERT_PUBLISHED),
        ("ana", Action.ALERT_CANCELLED),
    ]
    page = staff_client(coordinator).get("/es/console/audit/").content.decode()
    assert "Publicó una alerta" in page and f"#{incident.pk}" in page


def test_the_audit_log_is_kept_ninety_days(network, dispatcher):
    from vecinos.privacy.audit import audit
    from vecinos.privacy.models import Action

    audit(dispatcher, Action.INCIDENT_VIEWED, "#1")
    assert purge(now=LATER)["audit entries"] == 0
    assert purge(now=timezone.now() + timedelta(days=92))["audit entries"] == 1
