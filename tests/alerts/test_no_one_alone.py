"""No one can panic a city alone: a large alert waits for a second dispatcher, and one
account can send only so many alerts an hour. Corrections never wait and are never capped."""

import pytest
from django.test import Client

from tests.conftest import staff_client
from tests.helpers import incident_at, subscriber
from vecinos.alerts import corrections, public, publishing
from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import Kind
from vecinos.messaging.models import Delivery
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Event, Status


@pytest.fixture
def three_subscribers(network, block):
    for n in range(3):
        subscriber(network, "sms", f"+1323555020{n}", [block])


def publish(incident, user, kind=Kind.VERIFIED):
    return publishing.publish_alert(incident, user, publishing.AlertRequest(kind=kind))


def test_an_alert_larger_than_the_policy_waits_for_a_second_dispatcher(
    network, confirmed, dispatcher, other_dispatcher, three_subscribers
):
    network.confirm_above = 2
    network.save()
    alert = publish(confirmed, dispatcher)
    assert alert.is_waiting and not Delivery.objects.exists()
    assert not public.active_alerts().exists()  # not public either
    assert Client().get(f"/es/alerts/{alert.pk}/").status_code == 404
    assert confirmed.timeline.filter(event=Event.ALERT_WAITING).exists()
    with pytest.raises(AlertError, match="Otro despachador"):
        publishing.confirm_alert(alert, dispatcher)
    publishing.confirm_alert(alert, other_dispatcher)
    alert.refresh_from_db()
    assert alert.is_active and alert.confirmed_by == other_dispatcher
    assert Delivery.objects.count() == 3


def test_a_small_alert_goes_out_at_once(network, confirmed, dispatcher, three_subscribers):
    network.confirm_above = 3
    network.save()
    alert = publish(confirmed, dispatcher)
    assert alert.is_active and Delivery.objects.count() == 3


def test_a_correction_never_waits(network, confirmed, dispatcher, three_subscribers):
    network.confirm_above = 0
    network.alerts_per_hour = 0
    network.save()
    alert = publish(confirmed, dispatcher, Kind.ALL_CLEAR)
    assert alert.is_active and Delivery.objects.count() == 3


def test_the_second_dispatcher_confirms_in_the_console(
    network, confirmed, dispatcher, other_dispatcher, three_subscribers
):
    network.confirm_above = 0
    network.save()
    alert = publish(confirmed, dispatcher)
    page = staff_client(dispatcher).get(f"/es/console/incidents/{confirmed.pk}/").content
    assert b"No enviada" in page and b"Confirmar y enviar" not in page
    second = staff_client(other_dispatcher)
    assert b"Confirmar y enviar" in second.get(f"/es/console/incidents/{confirmed.pk}/").content
    second.post(f"/es/console/alerts/{alert.pk}/confirm/")
    alert.refresh_from_db()
    assert alert.is_active


def test_a_waiting_alert_can_be_dropped(network, confirmed, dispatcher, three_subscribers):
    network.confirm_above = 0
    network.save()
    alert = publish(confirmed, dispatcher)
    corrections.cancel_alert(alert, dispatcher)
    alert.refresh_from_db()
    assert not alert.is_waiting and not alert.is_active and not Delivery.objects.exists()


def test_one_account_sends_only_so_many_alerts_an_hour(network, here_cell, dispatcher):
    network.alerts_per_hour = 1
    network.save()
    first = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    publish(first, dispatcher)
    with pytest.raises(AlertError, match="límite"):
        publish(first, dispatcher, Kind.UPDATE)
    publish(first, dispatcher, Kind.ALL_CLEAR)  # a correction is never capped


def test_the_api_says_when_an_alert_waits(network, confirmed, api_dispatcher, three_subscribers):
    network.confirm_above = 0
    network.save()
    answer = api_dispatcher.post(
        "/api/v1/alerts",
        {"incident": confirmed.pk, "kind": "verified"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert answer.json()["waiting_for_confirmation"] is True
    assert answer.json()["active"] is False
