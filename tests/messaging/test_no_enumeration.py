"""Subscribe, confirm and unsubscribe answer a known address exactly as an unknown one:
nobody learns who subscribed by asking."""

from django.test import Client

from tests.helpers import send_all, subscriber
from tests.messaging.test_inbound import text_in
from tests.messaging.test_subscriptions import api_post, subscribe_by_api

KNOWN, UNKNOWN = "+13235550190", "+13235550191"


def test_subscribing_answers_the_same(network, twilio):
    subscriber(network, "sms", KNOWN, [])
    known, unknown = subscribe_by_api(KNOWN), subscribe_by_api(UNKNOWN)
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())


def test_a_wrong_code_answers_the_same(network, twilio):
    subscriber(network, "sms", KNOWN, [])
    subscribe_by_api(KNOWN)
    answers = [
        api_post(
            "/api/v1/subscriptions/confirm",
            {"channel": "sms", "address": address, "code": "000000"},
        )
        for address in (KNOWN, UNKNOWN, "+13235550192")
    ]
    assert len({(a.status_code, a.content) for a in answers}) == 1


def test_the_web_forms_answer_the_same(network, twilio):
    subscriber(network, "sms", KNOWN, [])
    pages = []
    for address in (KNOWN, UNKNOWN):
        form = {"channel": "sms", "address": address, "language": "es", "zip_code": "90001"}
        subscribed = Client().post("/es/subscribe/", form)
        wrong = Client().post(
            "/es/subscribe/confirm/", {"channel": "sms", "address": address, "code": "000000"}
        )
        pages.append((subscribed.status_code, wrong.status_code, _text(wrong)))
    assert pages[0] == pages[1]


def test_stop_by_text_answers_the_same(network, twilio):
    subscriber(network, "sms", KNOWN, [])
    text_in(twilio, "ALTO", sender=KNOWN)
    text_in(twilio, "ALTO", sender=UNKNOWN)
    send_all()
    assert twilio.received_by(KNOWN)[-1] == twilio.received_by(UNKNOWN)[-1]


def _text(response) -> str:
    """The page without its one-time tokens, nor the (masked) address the person typed."""
    import re

    page = re.sub(r'value="[^"]*"', "", response.content.decode())
    return re.sub(r"•••• \d{4}", "", page)
