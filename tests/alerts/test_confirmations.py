"""Nothing irreversible in one click: publishing, retracting and closing first show what
will happen and to how many people, and only a second, confirmed POST acts."""

import pytest

from tests.helpers import report_at, subscriber
from vecinos.alerts import publishing
from vecinos.alerts.models import Alert, Kind
from vecinos.messaging.models import Delivery
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status


@pytest.fixture
def three_neighbors(network, block):
    for n in range(3):
        subscriber(network, "sms", f"+1323555030{n}", [block])


def publish_form(incident, **extra):
    texts = {f"{part}_{code}": "Agentes" for part in ("headline", "body") for code in ("es", "en")}
    return {"kind": "verified", "rings": 1, "expires_in_minutes": 60, **texts, **extra}


def test_publish_now_asks_first_and_says_how_many_people(
    confirmed, dispatcher_client, three_neighbors
):
    url = f"/es/console/incidents/{confirmed.pk}/publish/"
    response = dispatcher_client.post(url, publish_form(confirmed))
    assert response.status_code == 200
    assert "Esto envía la alerta a 3 personas" in response.content.decode()
    assert not Alert.objects.exists()


def test_publish_goes_out_once_confirmed(confirmed, dispatcher_client, three_neighbors):
    url = f"/es/console/incidents/{confirmed.pk}/publish/"
    response = dispatcher_client.post(url, publish_form(confirmed, confirmed="1"))
    assert response.status_code == 302
    assert Alert.objects.get().kind == Kind.VERIFIED


@pytest.fixture
def alarm(confirmed, dispatcher, three_neighbors):
    alert = publishing.publish_alert(
        confirmed, dispatcher, publishing.AlertRequest(kind=Kind.VERIFIED)
    )
    Delivery.objects.update(status="sent")  # as if the worker had sent it
    return alert


def test_a_retraction_asks_first_and_says_how_many_it_corrects(confirmed, alarm, dispatcher_client):
    url = f"/es/console/incidents/{confirmed.pk}/retract/"
    response = dispatcher_client.post(url, {"finding": "policía local"})
    assert "Esto envía una corrección a 3 personas" in response.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED
    assert not Alert.objects.filter(kind=Kind.RETRACTION).exists()


def test_a_retraction_needs_what_it_really_was(confirmed, alarm, dispatcher_client):
    url = f"/es/console/incidents/{confirmed.pk}/retract/"
    response = dispatcher_client.post(url, {"finding": " ", "confirmed": "1"})
    assert response.status_code == 400
    assert "Escriba lo que de verdad era" in response.content.decode()
    assert not Alert.objects.filter(kind=Kind.RETRACTION).exists()


def test_a_confirmed_retraction_goes_out(confirmed, alarm, dispatcher_client):
    url = f"/es/console/incidents/{confirmed.pk}/retract/"
    dispatcher_client.post(url, {"finding": "policía local", "confirmed": "1"})
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.finding) == (Status.UNFOUNDED, "policía local")
    assert Alert.objects.filter(kind=Kind.RETRACTION).exists()


@pytest.fixture
def settled(here_cell, dispatcher):
    report = report_at(here_cell, details="puerta azul")
    verify_incident(report.incident, dispatcher, Status.UNFOUNDED, note="vecina")
    return report


def test_close_says_what_it_erases_and_changes_nothing(settled, dispatcher_client):
    url = f"/es/console/incidents/{settled.incident_id}/close/"
    page = dispatcher_client.get(url).content.decode()
    assert "no se puede deshacer" in page and "1 reporte" in page
    dispatcher_client.post(url)
    settled.refresh_from_db()
    assert settled.details == "puerta azul"
    assert settled.incident.status == Status.UNFOUNDED


def test_close_erases_once_confirmed(settled, dispatcher_client):
    dispatcher_client.post(
        f"/es/console/incidents/{settled.incident_id}/close/", {"confirmed": "1"}
    )
    settled.refresh_from_db()
    assert settled.details == "" and settled.incident.status == Status.CLOSED


def test_change_something_goes_back_to_the_form_with_the_text_kept(
    confirmed, dispatcher_client, three_neighbors
):
    url = f"/es/console/incidents/{confirmed.pk}/publish/"
    form = publish_form(confirmed, change="1", headline_es="Agentes en la 103")
    page = dispatcher_client.post(url, form).content.decode()
    assert 'value="Agentes en la 103"' in page and "Publicar ahora" in page
    assert not Alert.objects.exists()
