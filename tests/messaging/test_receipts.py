"""What providers say after a send reaches the dispatcher: delivered, read, not delivered."""

from __future__ import annotations

from datetime import timedelta

from tests.helpers import send_all, subscriber
from vecinos.alerts.publishing import AlertRequest, publish_alert
from vecinos.messaging import receipts
from vecinos.messaging.models import Broadcast, Delivery, Receipt
from vecinos.messaging.services import send_to


def test_a_receipt_finds_its_delivery_by_the_provider_id(network, twilio):
    contact = subscriber(network, "sms", "+13235550161", [])
    send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    send_all()
    delivery = Delivery.objects.get()
    assert delivery.provider_id  # Twilio's SM… id, as its answer gave it
    assert receipts.record("sms", Receipt.DELIVERED, provider_id=delivery.provider_id) == 1
    delivery.refresh_from_db()
    assert delivery.receipt == Receipt.DELIVERED and delivery.receipt_at is not None


def test_read_is_not_undone_by_a_late_delivered(network, twilio):
    contact = subscriber(network, "sms", "+13235550162", [])
    delivery = send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    receipts.record("sms", Receipt.READ, delivery_id=delivery.pk)
    assert receipts.record("sms", Receipt.DELIVERED, delivery_id=delivery.pk) == 0
    assert receipts.record("whatsapp", Receipt.DELIVERED, delivery_id=delivery.pk) == 0


def test_the_delivery_view_counts_receipts_and_names_failures(
    network, block, confirmed, dispatcher, twilio, dispatcher_client
):
    for n in range(2):
        subscriber(network, "sms", f"+1323556{n:04d}", [block])
    alert = publish_alert(confirmed, dispatcher, AlertRequest(kind="verified"))
    send_all()
    first, second = Delivery.objects.filter(broadcast__topic=f"alert:{alert.pk}")
    receipts.record("sms", Receipt.UNDELIVERED, provider_id=first.provider_id)
    Delivery.objects.filter(pk=second.pk).update(status="failed", error="21610 unsubscribed")
    fragment = dispatcher_client.get(f"/es/console/alerts/{alert.pk}/progress/")
    text = fragment.content.decode()
    assert "21610 unsubscribed (1)" in text
    assert (
        Broadcast.objects.get(topic=f"alert:{alert.pk}")
        .links["es"]
        .endswith(f"/es/alerts/{alert.pk}/")
    )


def test_a_late_or_replayed_not_delivered_does_not_undo_delivered(network, twilio):
    contact = subscriber(network, "sms", "+13235550163", [])
    delivery = send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    Delivery.objects.filter(pk=delivery.pk).update(provider_id="SM2")
    receipts.record("sms", Receipt.DELIVERED, provider_id="SM2")
    assert receipts.record("sms", Receipt.UNDELIVERED, provider_id="SM2") == 0
    # A copy whose answer was lost names this delivery in its URL: its row has an id already.
    assert receipts.record("sms", Receipt.UNDELIVERED, delivery_id=delivery.pk) == 0
    delivery.refresh_from_db()
    assert delivery.receipt == Receipt.DELIVERED
