"""One click retracts a false alarm: the incident is marked unfounded and the retraction
goes first in line to everyone the alarm reached; the rest of the alarm never leaves."""

from tests.conftest import staff_client
from tests.helpers import incident_at, subscriber
from vecinos import geo
from vecinos.alerts import publishing
from vecinos.alerts.models import Kind
from vecinos.messaging.models import Delivery
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status


def publish(incident, user, kind=Kind.VERIFIED):
    return publishing.publish_alert(incident, user, publishing.AlertRequest(kind=kind))


def test_one_click_retracts_a_false_alarm_first_to_everyone_it_reached(
    network, block, confirmed, dispatcher, twilio
):
    from vecinos.messaging import services as outbox
    from vecinos.messaging.models import Lane
    from vecinos.messaging.models import Status as Sent

    for n in range(200):
        subscriber(network, "sms", f"+132355{n:05d}", [block])
    alarm = publish(confirmed, dispatcher)
    for claimed in outbox.load_claimed(outbox.claim(100)):  # half the alarm is out
        outbox.deliver(claimed)
    watts = sorted(network.areas.get(name="Watts").cells)[0]
    for n in range(150):
        subscriber(network, "sms", f"+132356{n:05d}", [watts])
    other = verify_incident(
        incident_at(geo.center_child(watts, geo.REPORT)), dispatcher, Status.CONFIRMED
    )
    publish(other, dispatcher)  # 150 more of bulk waiting in line
    assert Delivery.objects.filter(status="queued").count() == 250

    staff_client(dispatcher).post(
        f"/es/console/incidents/{confirmed.pk}/retract/",
        {"finding": "policía local", "confirmed": "1"},
    )

    confirmed.refresh_from_db()
    assert confirmed.status == Status.UNFOUNDED and confirmed.finding == "policía local"
    next_out = outbox.load_claimed(outbox.claim(100))
    assert all(c.broadcast.lane == Lane.URGENT for c in next_out)  # first in line
    reached = {c.contact_id for c in next_out}
    alarmed = set(
        Delivery.objects.filter(broadcast__topic=f"alert:{alarm.pk}", status=Sent.SENT).values_list(
            "contact_id", flat=True
        )
    )
    assert len(reached & alarmed) / len(alarmed) >= 0.99
    assert not Delivery.objects.filter(
        broadcast__topic=f"alert:{alarm.pk}", status=Sent.QUEUED
    ).exists()  # the rest of the alarm never leaves
