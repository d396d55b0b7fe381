"""From a published alert to exactly one message per recipient, in their own language."""

import asyncio
from datetime import timedelta

from django.utils import timezone

from tests.helpers import send_all, set_channel_variables, subscriber
from vecinos import geo
from vecinos.alerts.corrections import cancel_alert
from vecinos.alerts.publishing import AlertRequest, publish_alert
from vecinos.messaging import services
from vecinos.messaging.models import Delivery, Lane, Status
from vecinos.messaging.ratelimit import Clock, SlidingWindow
from vecinos.messaging.sender import Sender
from vecinos.neighbors.services import stop
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status as IncidentStatus


def alarm(incident, user, kind="verified", **fields):
    return publish_alert(incident, user, AlertRequest(kind=kind, **fields))


def test_each_subscriber_in_the_area_gets_one_message_in_their_language(
    network, block, confirmed, dispatcher, twilio
):
    subscriber(network, "sms", "+13235550101", [block], "es")
    subscriber(network, "sms", "+13235550102", [block, *geo.disk(block, 1)], "en")
    alarm(confirmed, dispatcher)
    send_all()
    (spanish,) = twilio.received_by("+13235550101")
    (english,) = twilio.received_by("+13235550102")
    assert "No abran la puerta" in spanish and "ALTO" in spanish
    assert "Do not open the door" in english and "STOP" in english


def test_nobody_outside_the_area_or_unconfirmed_or_stopped_is_written_to(
    network, block, confirmed, dispatcher, twilio
):
    far = geo.coarsen(geo.snap(33.940, -118.242), geo.NEIGHBOR)
    subscriber(network, "sms", "+13235550103", [far])
    subscriber(network, "sms", "+13235550104", [block], confirmed_at=None)
    stop(subscriber(network, "sms", "+13235550105", [block]))
    alarm(confirmed, dispatcher, rings=0)
    assert Delivery.objects.count() == 0


def test_fan_out_is_one_row_per_contact_point(network, block, confirmed, dispatcher):
    for n in range(30):
        subscriber(network, "sms", f"+1323555{n:04d}", geo.disk(block, 1))
    alarm(confirmed, dispatcher)
    assert Delivery.objects.count() == 30


def test_a_retraction_goes_first_and_the_alarm_still_queued_never_leaves(
    network, block, confirmed, dispatcher, twilio
):
    subscriber(network, "sms", "+13235550106", [block])
    alarm(confirmed, dispatcher)
    verify_incident(confirmed, dispatcher, IncidentStatus.UNFOUNDED, finding="policía local")
    retraction = alarm(confirmed, dispatcher, kind="retraction")
    send_all()
    (only,) = twilio.received_by("+13235550106")
    assert "RECTIFICACIÓN" in only
    assert retraction.kind == "retraction"
    assert Delivery.objects.filter(status=Status.CANCELLED).count() == 1


def test_a_retraction_reaches_everyone_the_alarm_reached(
    network, block, confirmed, dispatcher, twilio
):
    edge = next(cell for cell in geo.disk(block, 2) if geo.grid_distance(cell, block) == 2)
    subscriber(network, "sms", "+13235550107", [edge])
    alarm(confirmed, dispatcher, rings=2)
    send_all()
    verify_incident(confirmed, dispatcher, IncidentStatus.UNFOUNDED)
    alarm(confirmed, dispatcher, kind="retraction", rings=0)
    send_all()
    assert len(twilio.received_by("+13235550107")) == 2


def test_corrections_travel_in_the_urgent_lane(network, block, confirmed, dispatcher):
    subscriber(network, "sms", "+13235550108", [block])
    alarm(confirmed, dispatcher)
    all_clear = alarm(confirmed, dispatcher, kind="all_clear", people_taken=0)
    lanes = set(
        Delivery.objects.filter(broadcast__topic=f"alert:{all_clear.pk}").values_list(
            "lane", flat=True
        )
    )
    assert lanes == {Lane.URGENT}


def test_urgent_deliveries_are_claimed_before_bulk(network, block, confirmed, dispatcher):
    for n in range(5):
        subscriber(network, "sms", f"+1323556{n:04d}", [block])
    alarm(confirmed, dispatcher)
    contact = subscriber(network, "email", "urgente@example.org", [])
    services.send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    first = Delivery.objects.get(pk=services.claim(1)[0])
    assert first.lane == Lane.URGENT


def test_an_expired_alert_is_not_sent(network, block, confirmed, dispatcher, twilio):
    subscriber(network, "sms", "+13235550109", [block])
    alert = alarm(confirmed, dispatcher, expires_in_minutes=5)
    Delivery.objects.update(due_at=timezone.now())
    type(alert).objects.filter(pk=alert.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    services.Broadcast.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    send_all()
    assert twilio.messages == []
    assert Delivery.objects.get().status == Status.EXPIRED


def test_taking_an_alert_down_stops_what_is_not_sent_yet(
    network, block, confirmed, dispatcher, twilio
):
    subscriber(network, "sms", "+13235550110", [block])
    cancel_alert(alarm(confirmed, dispatcher), dispatcher)
    send_all()
    assert twilio.messages == []


def test_a_provider_outage_loses_nothing(network, block, confirmed, dispatcher, twilio):
    from vecinos.fakes.base import Reply

    subscriber(network, "sms", "+13235550111", [block])
    alarm(confirmed, dispatcher)
    twilio.fail_next(Reply.json(503, {"message": "down"}))
    send_all()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.QUEUED, 1)
    Delivery.objects.update(due_at=timezone.now())
    send_all()
    assert Delivery.objects.get().status == Status.SENT
    assert len(twilio.received_by("+13235550111")) == 1


def test_a_permanent_refusal_is_recorded_and_not_retried(
    network, block, confirmed, dispatcher, twilio
):
    from vecinos.fakes.base import Reply

    subscriber(network, "sms", "+13235550112", [block])
    alarm(confirmed, dispatcher)
    twilio.fail_next(
        Reply.json(400, {"code": 21610, "message": "Attempt to send to unsubscribed recipient"})
    )
    send_all()
    delivery = Delivery.objects.get()
    assert delivery.status == Status.FAILED and "21610" in delivery.error


def test_only_the_message_on_the_wire_when_a_worker_died_goes_twice(
    network, block, confirmed, dispatcher, twilio
):
    numbers = [f"+1323557{n:04d}" for n in range(10)]
    for number in numbers:
        subscriber(network, "sms", number, [block])
    alarm(confirmed, dispatcher)
    claimed = services.load_claimed(services.claim(10))
    for delivery in claimed[:4]:
        services.deliver(delivery)
    # The fifth was handed to the provider, then the worker died before recording it.
    in_flight = claimed[4]
    from vecinos.messaging.channels import configured
    from vecinos.privacy.crypto import unseal

    configured()["sms"].send(
        unseal(in_flight.address_sealed),
        services.compose(in_flight),
        in_flight.idempotency_key,
    )
    assert services.claim(10) == []  # the dead worker's lease still holds
    later = timezone.now() + services.LEASE + timedelta(seconds=1)
    for delivery in services.load_claimed(services.claim(10, now=later)):
        services.deliver(delivery)
    # Twilio does not drop a repeat (DESIGN.md): the one on the wire goes again, no other.
    sent_to = unseal(in_flight.address_sealed)
    assert sorted(m["to"] for m in twilio.messages) == sorted([*numbers, sent_to])
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SENT}


def test_the_dispatcher_sees_progress_per_channel(
    network, block, confirmed, dispatcher, twilio, smtp
):
    subscriber(network, "sms", "+13235550113", [block])
    subscriber(network, "email", "vecina@example.org", [block])
    alert = alarm(confirmed, dispatcher)
    topic = f"alert:{alert.pk}"
    assert services.progress([topic])[topic] == {"sms": {"queued": 1}, "email": {"queued": 1}}
    send_all()
    assert services.progress([topic])[topic] == {"sms": {"sent": 1}, "email": {"sent": 1}}


def test_email_and_push_carry_a_signed_stop_link(network, block, confirmed, dispatcher, smtp):
    subscriber(network, "email", "vecina@example.org", [block])
    alarm(confirmed, dispatcher)
    send_all()
    assert "/es/stop/" in smtp.messages[0].get_content()


def test_backoff_grows_and_honors_retry_after():
    assert services.backoff_seconds(1, None) <= 3
    assert services.backoff_seconds(6, None) >= 32
    assert services.backoff_seconds(1, 60) == 60
    assert services.backoff_seconds(30, None) <= services.BACKOFF_MAX_SECONDS * 1.5


def test_a_providers_error_text_never_stores_the_address(
    network, block, confirmed, dispatcher, twilio
):
    from vecinos.fakes.base import Reply

    subscriber(network, "sms", "+13235550114", [block])
    alarm(confirmed, dispatcher)
    twilio.fail_next(
        Reply.json(400, {"code": 21211, "message": "The 'To' number +13235550114 is not valid"})
    )
    send_all()
    error = Delivery.objects.get().error
    assert "21211" in error and "5550114" not in error


def test_a_paced_channel_never_claims_more_than_it_can_send_within_the_lease(settings):
    set_channel_variables(settings, "sms", SMS_RATE="2")
    # 2 a second for a 60-second lease: a quarter of what fits, so a batch never outlives it.
    assert Sender().batch_size_now() == 30
    set_channel_variables(settings, "sms", SMS_RATE="")
    assert Sender(batch_size=200).batch_size_now() == 200


class PretendClock(Clock):
    """Time that passes only while a send waits for the window: pacing takes no real time."""

    def __init__(self) -> None:
        self.time = 0.0

    def now(self) -> float:
        return self.time

    async def sleep_on_loop(self, seconds: float) -> None:
        wake = self.time + seconds
        await asyncio.sleep(0)  # the other lanes ask meanwhile, as they would in a real wait
        self.time = max(self.time, wake)


class RecordingWindow(SlidingWindow):
    """The moments the window let a message go, not when it arrived: arrival adds jitter
    that would make this a timed test."""

    def __init__(self, rate: float) -> None:
        super().__init__(rate, PretendClock())
        self.granted: list[float] = []

    def reserve(self, amount: float) -> float:
        wait = super().reserve(amount)
        if not wait:
            self.granted.append(self.clock.now())
        return wait


def test_a_paced_sender_keeps_to_its_rate_in_every_second(
    network, block, confirmed, dispatcher, twilio
):
    for n in range(12):
        subscriber(network, "sms", f"+1323558{n:04d}", [block])
    alarm(confirmed, dispatcher)
    window = RecordingWindow(5)
    sender = Sender(threads=1)
    sender.windows["sms"] = window
    send_all(sender)
    granted = window.granted
    assert len(twilio.messages) == len(granted) == 12
    assert max(sum(1 for t in granted if s <= t < s + 1) for s in granted) <= 5
