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
    from vecinos.alerts.corrections import cancel_alert
    from vecinos.alerts.publishing import AlertRequest, publish_alert
    from vecinos.privacy.models import Action, AuditEntry
    from vecinos.reports.lifecycle import verify_incident
    from vecinos.reports.models import Status

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


def test_a_responder_who_never_confirmed_or_said_stop_is_forgotten(
    network, here_cell, responder_at
):
    from tests.conftest import ring_cell, sign_up
    from vecinos.responders.models import Responder

    sign_up(network, "never confirmed", "+13235550185", ring_cell(here_cell, 0))
    ContactPoint.objects.filter(confirmed_at=None).update(
        created_on=timezone.now().date() - timedelta(days=2)
    )
    leaving = responder_at("leaving", 0)
    stop(leaving.contact)
    responder_at("staying", 0)
    purge(now=LATER)
    assert list(Responder.objects.values_list("alias", flat=True)) == ["staying"]


def test_who_went_where_is_forgotten_a_month_after_the_incident_closed(
    network, here_cell, dispatcher, responder_at
):
    from tests.helpers import incident_at
    from vecinos.reports.closing import close_incident
    from vecinos.reports.lifecycle import end_incident
    from vecinos.responders.callouts import call_out
    from vecinos.responders.models import Dispatch, Skill

    responder_at("Lupe", 0)
    incident = incident_at(here_cell)
    call_out(incident, Skill.VERIFIER, wanted=1)
    end_incident(incident, dispatcher, 0)
    close_incident(incident, dispatcher)
    assert purge(now=LATER)["callouts"] == 0
    assert purge(now=LATER + timedelta(days=31))["callouts"] >= 1
    assert not Dispatch.objects.exists()


def test_the_subject_report_tells_a_responder_what_is_held(network, responder_at, capsys):
    responder_at("Lupe", 0, number="+13235550186")
    call_command("subject-report", "(323) 555-0186")
    out = capsys.readouterr().out
    assert "responder 'Lupe' (active); trainings: verifier; 0 dispatches kept" in out


def test_the_retention_table_lists_every_rule_with_what_is_due(network, capsys):
    contact_for(network, "sms", "+13235550189", "es")
    ContactPoint.objects.update(created_on=timezone.now().date() - timedelta(days=2))
    call_command("purge", "--list")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["rule", "kept", "due", "now"]
    assert any(line.startswith("contact points") and line.endswith(" 1") for line in lines)
    assert {"deliveries", "audit entries", "callouts", "api tokens"} <= {
        line.split("  ")[0] for line in lines
    }
