"""Twilio's status callbacks: what became of each SMS, signed, recorded as receipts."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.helpers import send_all, subscriber
from vecinos.messaging.channels.sms.inbound import signature
from vecinos.messaging.models import Delivery, Receipt
from vecinos.messaging.services import send_to


@pytest.fixture
def sent(network, twilio):
    contact = subscriber(network, "sms", "+13235550171", [])
    send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    send_all()
    return Delivery.objects.get()


def report(twilio, status: str, signature: str | None = None, **changes: str):
    url, params = twilio.status_report(twilio.messages[-1], status)
    params.update(changes)
    signed = twilio.sign(url, params) if signature is None else signature
    return Client().post(urlsplit(url).path, params, HTTP_X_TWILIO_SIGNATURE=signed)


def receipt_of(delivery: Delivery) -> str:
    delivery.refresh_from_db()
    return delivery.receipt


@pytest.mark.parametrize(
    "status, receipt",
    [
        ("delivered", Receipt.DELIVERED),
        ("read", Receipt.READ),
        ("undelivered", Receipt.UNDELIVERED),
        ("failed", Receipt.UNDELIVERED),
    ],
)
def test_twilios_word_becomes_the_deliverys_receipt(sent, twilio, status, receipt):
    answer = report(twilio, status)
    assert (answer.status_code, answer.content) == (204, b"")
    assert receipt_of(sent) == receipt


@pytest.mark.parametrize("status", ["queued", "sending", "sent", "accepted", "scheduled"])
def test_a_status_on_the_way_is_no_receipt(sent, twilio, status):
    assert report(twilio, status).status_code == 204
    assert receipt_of(sent) == ""


def test_a_message_whose_sid_was_never_stored_is_found_by_its_address(sent, twilio):
    Delivery.objects.filter(pk=sent.pk).update(provider_id="")
    report(twilio, "delivered")
    assert receipt_of(sent) == Receipt.DELIVERED


def test_a_forged_status_is_refused_and_records_nothing(sent, twilio):
    assert report(twilio, "delivered", signature="forged").status_code == 403
    assert report(twilio, "delivered", signature="").status_code == 403
    assert receipt_of(sent) == ""


def test_a_status_signed_for_other_fields_is_refused(sent, twilio):
    url, params = twilio.status_report(twilio.messages[-1], "delivered")
    signed = twilio.sign(url, params)
    forged = {**params, "MessageStatus": "failed"}
    answer = Client().post(urlsplit(url).path, forged, HTTP_X_TWILIO_SIGNATURE=signed)
    assert answer.status_code == 403


def test_repeated_fields_are_signed_name_by_value_in_sorted_order():
    # Twilio's helper libraries: names sorted, then each name with each of its values, sorted.
    repeated = signature("token", "https://x/h", {"b": ["2", "1"], "a": ["z"]})
    assert repeated == signature("token", "https://x/h", {"a": ["z"], "b": ["1", "2"]})
    assert repeated != signature("token", "https://x/h", {"a": ["z"], "b": ["2"]})


def test_a_status_with_a_repeated_field_is_accepted(sent, twilio):
    url, params = twilio.status_report(twilio.messages[-1], "delivered")
    fields = {**params, "MediaUrl": ["https://b.example/2", "https://a.example/1"]}
    answer = Client().post(
        urlsplit(url).path, fields, HTTP_X_TWILIO_SIGNATURE=twilio.sign(url, fields)
    )
    assert answer.status_code == 204 and receipt_of(sent) == Receipt.DELIVERED
