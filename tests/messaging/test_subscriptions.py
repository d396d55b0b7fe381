"""A neighbor subscribes, confirms with a code, and stops, on the web, the API or by text."""

import json
import re

import pytest
from django.test import Client

from tests.conftest import HERE
from tests.helpers import send_all
from vecinos.neighbors.models import Confirmation, ContactPoint
from vecinos.networks.models import Area

PHONE = "+13235550140"


def api_post(path: str, body: dict, language: str = "es"):
    return Client(HTTP_ACCEPT_LANGUAGE=language).post(
        path, json.dumps(body), content_type="application/json"
    )


def code_sent_to(fake_messages: list[str]) -> str:
    return re.search(r"\b(\d{6})\b", fake_messages[-1]).group(1)


def subscribe_by_api(address: str = PHONE, channel: str = "sms", **fields):
    body = {
        "channel": channel,
        "address": address,
        "language": "es",
        "areas": [{"latitude": HERE[0], "longitude": HERE[1], "rings": 1}],
        **fields,
    }
    return api_post("/api/v1/subscriptions", body)


def test_a_neighbor_subscribes_over_the_api_and_confirms_the_code(network, twilio):
    assert subscribe_by_api().status_code == 202
    send_all()
    code = code_sent_to(twilio.received_by(PHONE))
    response = api_post(
        "/api/v1/subscriptions/confirm",
        {"channel": "sms", "address": "(323) 555-0140", "code": code},
    )
    assert response.status_code == 200
    contact = ContactPoint.objects.get()
    assert contact.is_active and contact.language == "es"
    assert contact.areas.count() == 7


def test_the_address_is_stored_sealed_and_the_code_hashed(network, twilio):
    subscribe_by_api()
    send_all()
    code = code_sent_to(twilio.received_by(PHONE))
    contact = ContactPoint.objects.get()
    assert "5550140" not in contact.address_sealed + contact.address_index
    assert code not in Confirmation.objects.get().code_digest


def test_the_code_arrives_in_the_chosen_language(network, twilio):
    body = {"channel": "sms", "address": PHONE, "language": "en", "areas": [{"zip": "90001"}]}
    api_post("/api/v1/subscriptions", body)
    send_all()
    assert "your code is" in twilio.received_by(PHONE)[0]


def test_a_wrong_code_is_refused_and_locks_after_five_tries(network, twilio):
    subscribe_by_api()
    send_all()
    code = code_sent_to(twilio.received_by(PHONE))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert (
            api_post(
                "/api/v1/subscriptions/confirm", {"channel": "sms", "address": PHONE, "code": wrong}
            ).status_code
            == 422
        )
    locked = api_post(
        "/api/v1/subscriptions/confirm", {"channel": "sms", "address": PHONE, "code": code}
    )
    assert locked.status_code == 422
    assert not ContactPoint.objects.get().is_active


def test_at_most_three_codes_an_hour_go_to_one_address(network, twilio):
    assert [subscribe_by_api().status_code for _ in range(4)] == [202, 202, 202, 422]


@pytest.mark.parametrize(
    "address, message",
    [
        ("phone", "Esto no es un número de teléfono."),
        ("+1 555 000 0000", "Este número de teléfono no existe."),
    ],
)
def test_invalid_phone_numbers_are_refused_clearly(network, address, message):
    response = subscribe_by_api(address=address)
    assert response.status_code == 422 and response.json()["detail"] == message
    assert not ContactPoint.objects.exists()


def test_an_invalid_email_is_refused(network):
    assert subscribe_by_api(address="not-an-email", channel="email").status_code == 422


def test_an_invalid_push_subscription_is_refused(network):
    response = subscribe_by_api(address=json.dumps({"endpoint": "ftp://x"}), channel="webpush")
    assert response.status_code == 422


def test_areas_outside_the_network_are_refused(network):
    body = {"channel": "sms", "address": PHONE, "areas": [{"zip": "10001"}]}
    assert api_post("/api/v1/subscriptions", body).status_code == 422


def test_a_browser_subscribes_to_web_push_and_gets_the_code_as_a_notification(
    network, push_service
):
    subscription = push_service.new_subscription()
    assert subscribe_by_api(address=subscription, channel="webpush").status_code == 202
    send_all()
    assert "Vecinos: su código es" in push_service.notifications[0]["body"]


def test_the_web_form_subscribes_a_neighborhood(network, twilio):
    area = Area.objects.get(name="Watts")
    page = Client().post(
        "/es/subscribe/", {"channel": "sms", "address": PHONE, "language": "es", "areas": [area.pk]}
    )
    assert "Le enviamos un código" in page.content.decode()
    send_all()
    code = code_sent_to(twilio.received_by(PHONE))
    done = Client().post(
        "/es/subscribe/confirm/", {"channel": "sms", "address": PHONE, "code": code}
    )
    assert "Listo" in done.content.decode()
    assert ContactPoint.objects.get().areas.count() == len(area.cells)


def test_the_web_form_refuses_a_bad_number_in_spanish(network):
    page = Client().post(
        "/es/subscribe/",
        {"channel": "sms", "address": "abc", "language": "es", "zip_code": "90001"},
    )
    assert page.status_code == 400
    assert "Esto no es un número de teléfono." in page.content.decode()


def test_a_signed_link_stops_the_alerts_but_only_after_a_click(network, smtp):
    from tests.helpers import subscriber
    from vecinos.neighbors.messages import stop_link

    contact = subscriber(network, "email", "vecina@example.org", [])
    path = stop_link(contact.pk, contact.language).split("8000", 1)[-1]
    Client().get(path)
    contact.refresh_from_db()
    assert contact.stopped_at is None
    Client().post(path)
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_a_forged_stop_link_is_not_found(network):
    assert Client().post("/es/stop/forged-token/").status_code == 404


def test_numbers_of_countries_the_network_does_not_serve_are_refused(network, settings):
    response = subscribe_by_api(address="+44 20 7946 0958")
    assert response.status_code == 422
    assert response.json()["detail"] == "Esta red no envía mensajes a números de ese país."
    settings.PHONE_COUNTRIES = ["US", "GB"]
    assert subscribe_by_api(address="+44 20 7946 0958").status_code == 202
