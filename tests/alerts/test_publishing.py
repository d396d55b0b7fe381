"""Publishing alerts: which may go out when, what they say, where, and until when."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.helpers import incident_at
from vecinos import geo
from vecinos.alerts import corrections, drafting, public, publishing
from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import AlertTemplate, Certainty, Kind
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status


def publish(incident, user, kind, **fields):
    return publishing.publish_alert(incident, user, publishing.AlertRequest(kind=kind, **fields))


def test_a_verified_alert_speaks_every_network_language(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    assert set(alert.texts) == {"es", "en"}
    assert "Florence-Firestone" in alert.texts["es"]["headline"]
    assert "No abran la puerta" in alert.texts["es"]["body"]
    assert "Do not open the door" in alert.texts["en"]["body"]
    assert alert.certainty == Certainty.OBSERVED


def test_an_unconfirmed_incident_gets_no_verified_alert(network, here_cell, dispatcher):
    with pytest.raises(AlertError):
        publish(incident_at(here_cell), dispatcher, Kind.VERIFIED)


def test_the_alert_area_is_rings_of_cells_around_the_incident(confirmed, dispatcher, here_cell):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED, rings=1)
    assert len(alert.cells) == 7
    assert geo.covers(alert.cells, here_cell)


def test_an_update_replaces_the_alert_it_follows(confirmed, dispatcher):
    first = publish(confirmed, dispatcher, Kind.VERIFIED)
    update = publish(confirmed, dispatcher, Kind.UPDATE)
    first.refresh_from_db()
    assert not first.is_active
    assert update.replaces == first
    assert list(public.active_alerts()) == [update]


def test_an_all_clear_ends_the_incident_and_records_the_outcome(confirmed, dispatcher):
    publish(confirmed, dispatcher, Kind.VERIFIED)
    all_clear = publish(confirmed, dispatcher, Kind.ALL_CLEAR, people_taken=0)
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.people_taken) == (Status.ENDED, 0)
    assert "No se llevaron a nadie" in all_clear.texts["es"]["body"]


def test_a_retraction_needs_the_incident_found_unfounded_first(confirmed, dispatcher):
    publish(confirmed, dispatcher, Kind.VERIFIED)
    with pytest.raises(AlertError):
        publish(confirmed, dispatcher, Kind.RETRACTION)
    verify_incident(confirmed, dispatcher, Status.UNFOUNDED, finding="policía local")
    retraction = publish(confirmed, dispatcher, Kind.RETRACTION)
    assert "policía local" in retraction.texts["es"]["body"]
    assert list(public.active_alerts()) == [retraction]


def test_an_alert_disappears_by_itself_when_it_expires(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED, expires_in_minutes=30)
    assert list(public.active_alerts()) == [alert]
    later = timezone.now() + timedelta(minutes=31)
    assert list(public.active_alerts(later)) == []


def test_alerts_are_found_by_a_cell_inside_their_area(confirmed, dispatcher, here_cell):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED, rings=1)
    far = geo.snap(33.940, -118.242)
    assert public.alerts_covering(here_cell) == [alert]
    assert public.alerts_covering(far) == []


def test_a_dispatcher_may_write_the_text_in_one_language(confirmed, dispatcher):
    texts = {"en": {"headline": "Agents on 73rd St", "body": "Stay inside."}}
    alert = publish(confirmed, dispatcher, Kind.VERIFIED, texts=texts)
    assert alert.texts["en"] == texts["en"]
    assert "Inmigración" in alert.texts["es"]["headline"]


def test_a_text_in_a_language_the_network_does_not_use_is_refused(confirmed, dispatcher):
    with pytest.raises(AlertError):
        publish(confirmed, dispatcher, Kind.VERIFIED, texts={"fr": {"headline": "x", "body": "y"}})


@pytest.mark.parametrize(
    "fields", [{"rings": 9}, {"rings": -1}, {"expires_in_minutes": 1}, {"certainty": "Unknown"}]
)
def test_out_of_range_requests_are_refused(confirmed, dispatcher, fields):
    with pytest.raises(AlertError):
        publish(confirmed, dispatcher, Kind.VERIFIED, **fields)


def test_cancelling_takes_an_alert_down_at_once(confirmed, dispatcher):
    alert = corrections.cancel_alert(publish(confirmed, dispatcher, Kind.VERIFIED), dispatcher)
    assert not alert.is_active
    with pytest.raises(AlertError):
        corrections.cancel_alert(alert, dispatcher)


def test_the_network_templates_shape_the_text(confirmed, dispatcher):
    AlertTemplate.objects.filter(kind=Kind.VERIFIED, language="es").update(
        headline="¡No abran la puerta! {area}"
    )
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    assert alert.texts["es"]["headline"] == "¡No abran la puerta! Florence-Firestone"


@pytest.mark.parametrize("text", ["{name} is here", "unclosed {area", "{0}"])
def test_templates_with_unknown_placeholders_are_refused(text):
    with pytest.raises(AlertError):
        drafting.check_template_text(text)


def test_a_network_language_without_a_template_falls_back_to_the_default(dispatcher, confirmed):
    confirmed.network.languages = ["es", "en", "zh-hans"]
    confirmed.network.save()
    texts = drafting.draft_texts(confirmed, Kind.VERIFIED)
    assert texts["zh-hans"] == texts["es"]
