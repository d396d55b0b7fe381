"""Every alert looks like what it is: a retracted alarm says FALSE ALARM first, a taken-down
alert says so, corrections carry no verifier's badge, the home page counts only alarms in
force, and an alert waiting for a second dispatcher stands out in everyone's queue."""

import pytest
from django.test import Client

from tests.conftest import staff_client
from tests.helpers import subscriber
from vecinos.alerts import corrections, publishing
from vecinos.alerts.models import Kind


def publish(incident, user, kind=Kind.VERIFIED):
    return publishing.publish_alert(incident, user, publishing.AlertRequest(kind=kind))


def page(alert) -> str:
    return Client().get(f"/es/alerts/{alert.pk}/").content.decode()


def test_a_retracted_alarm_says_false_alarm_first_and_links_the_correction(confirmed, dispatcher):
    alarm = publish(confirmed, dispatcher)
    retraction = corrections.retract(confirmed, dispatcher, "una obra de la ciudad")
    html = page(alarm)
    assert "<title>FALSA ALARMA" in html  # a forwarded link's preview says it too
    main = html[html.index("<main") :]
    assert main.index("FALSA ALARMA") < main.index(alarm.text("es")["headline"])
    assert f'href="/es/alerts/{retraction.pk}/"' in html
    assert "Visto por un verificador" not in html


def test_a_retraction_carries_no_verifier_badge(confirmed, dispatcher):
    publish(confirmed, dispatcher)
    retraction = corrections.retract(confirmed, dispatcher, "una obra")
    assert "Visto por un verificador" not in page(retraction)


def test_an_alarm_in_force_keeps_its_verifier_badge(confirmed, dispatcher):
    alarm = publish(confirmed, dispatcher)
    html = page(alarm)
    assert "Visto por un verificador" in html and "FALSA ALARMA" not in html


def test_a_taken_down_alert_says_it_was_taken_down(confirmed, dispatcher):
    alarm = publish(confirmed, dispatcher)
    corrections.cancel_alert(alarm, dispatcher)
    html = page(alarm)
    assert "retirada" in html and "Visto por un verificador" not in html


def test_the_home_page_counts_only_alarms_in_force(confirmed, dispatcher):
    publish(confirmed, dispatcher)
    publish(confirmed, dispatcher, Kind.ALL_CLEAR)
    html = Client().get("/es/").content.decode()
    assert "0 alertas activas" in html


def test_the_home_page_counts_an_alarm_in_force(confirmed, dispatcher):
    publish(confirmed, dispatcher)
    assert "1 alerta activa" in Client().get("/es/").content.decode()


@pytest.fixture
def waiting(network, confirmed, dispatcher, block):
    subscriber(network, "sms", "+13235550299", [block])
    network.confirm_above = 0
    network.save()
    return publish(confirmed, dispatcher)


def test_a_waiting_alert_reads_waiting_not_no_longer_active(waiting, confirmed, dispatcher):
    html = staff_client(dispatcher).get(f"/es/console/incidents/{confirmed.pk}/").content
    assert b"espera a un segundo despachador" in html
    assert "ya no está activa".encode() not in html


def test_a_waiting_alert_stands_out_in_every_dispatchers_queue(
    waiting, confirmed, other_dispatcher
):
    for url in ("/es/console/", "/es/console/queue/live/"):
        html = staff_client(other_dispatcher).get(url).content.decode()
        assert "waiting-alerts" in html and f"/es/console/incidents/{confirmed.pk}/" in html


def test_a_confirmed_or_dropped_alert_leaves_the_queue(waiting, dispatcher, other_dispatcher):
    publishing.confirm_alert(waiting, other_dispatcher)
    html = staff_client(dispatcher).get("/es/console/").content.decode()
    assert "waiting-alerts" not in html


def test_the_waiting_banner_is_a_warning_not_a_success(
    network, confirmed, block, dispatcher_client
):
    subscriber(network, "sms", "+13235550298", [block])
    network.confirm_above = 0
    network.save()
    texts = {
        "headline_es": "Agentes",
        "body_es": "No abran.",
        "headline_en": "Agents",
        "body_en": ".",
    }
    response = dispatcher_client.post(
        f"/es/console/incidents/{confirmed.pk}/publish/",
        {"kind": "verified", "rings": "1", "expires_in_minutes": "60", "confirmed": "1", **texts},
        follow=True,
    )
    html = response.content.decode()
    assert '<li class="warning">' in html and "Todavía no se envió" in html
