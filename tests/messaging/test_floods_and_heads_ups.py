"""A flood from one source cannot raise a heads-up by itself and shows as one suspicious
cluster; a block takes only so many anonymous reports; a heads-up goes out when
independent neighbors agree (or a hotline volunteer enters the call), and is corrected
when it proves wrong."""

import pytest
from django.test import Client

from tests.conftest import HERE, staff_client
from tests.helpers import send_all, subscriber
from vecinos import geo
from vecinos.reports import floods
from vecinos.reports.errors import IncidentError
from vecinos.reports.intake import ReportInput, submit_report
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Event, Incident, Report, Source, Status

WANTS, DOES_NOT = "+13235550220", "+13235550221"


def report(cell, source_tag="", entered_by=None, **fields):
    source = Source.HOTLINE if entered_by else Source.WEB
    data = ReportInput(
        activity="home_door",
        cell=cell,
        source=source,
        language="es",
        source_tag=source_tag,
        entered_by=entered_by,
        **fields,
    )
    return submit_report(data)


@pytest.fixture
def neighbors(network, block):
    subscriber(network, "sms", WANTS, [block], heads_up=True)
    subscriber(network, "sms", DOES_NOT, [block])
    network.heads_up_sources = 2
    network.save()


def test_one_source_reporting_again_and_again_raises_no_heads_up(
    network, here_cell, neighbors, twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            incident = report(here_cell, source_tag="aaaa").incident
    send_all()
    assert twilio.received_by(WANTS) == []
    assert not incident.timeline.filter(event=Event.HEADS_UP_SENT).exists()


def test_two_independent_sources_raise_one_heads_up_to_those_who_asked(
    network, here_cell, neighbors, twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(here_cell, source_tag="aaaa")
        report(here_cell, source_tag="bbbb")
        report(here_cell, source_tag="cccc")
    send_all()
    assert len(twilio.received_by(WANTS)) == 1
    assert "SIN VERIFICAR" in twilio.received_by(WANTS)[0]
    assert twilio.received_by(DOES_NOT) == []


def test_a_hotline_volunteer_is_a_trusted_reporter(
    network, here_cell, neighbors, dispatcher, twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(here_cell, entered_by=dispatcher)
    send_all()
    assert len(twilio.received_by(WANTS)) == 1


def test_a_heads_up_that_proved_wrong_is_corrected_for_everyone_it_reached(
    network, here_cell, neighbors, dispatcher, twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report(here_cell, source_tag="aaaa")
        incident = report(here_cell, source_tag="bbbb").incident
    send_all()
    with django_capture_on_commit_callbacks(execute=True):
        verify_incident(incident, dispatcher, Status.UNFOUNDED, finding="local police")
    send_all()
    assert "Falsa alarma" in twilio.received_by(WANTS)[-1]
    assert twilio.received_by(DOES_NOT) == []


def test_heads_ups_are_off_unless_the_network_turns_them_on(
    network, here_cell, block, twilio, django_capture_on_commit_callbacks
):
    subscriber(network, "sms", WANTS, [block], heads_up=True)
    with django_capture_on_commit_callbacks(execute=True):
        report(here_cell, source_tag="aaaa")
        report(here_cell, source_tag="bbbb")
    send_all()
    assert twilio.received_by(WANTS) == []


def test_a_block_takes_only_so_many_anonymous_reports(network, here_cell, dispatcher, settings):
    settings.REPORTS_PER_AREA = 3
    for n in range(3):
        report(here_cell, source_tag=f"s{n}")
    with pytest.raises(IncidentError, match="urgente"):
        report(here_cell, source_tag="s9")
    report(here_cell, entered_by=dispatcher)  # a hotline call is never refused
    assert Report.objects.count() == 4
    form = {"activity": "home_door", "when": 0, "latitude": HERE[0], "longitude": HERE[1]}
    answer = Client().post("/es/report/", form)
    assert answer.status_code == 400 and "línea de respuesta rápida" in answer.content.decode()
    assert Report.objects.count() == 4


def test_a_flood_shows_as_one_suspicious_cluster(network, dispatcher):
    places = sorted(network.areas.get(name="Watts").cells)[:4]
    for cell in places:
        report(geo.center_child(cell, geo.REPORT), source_tag="flood")
    honest = report(geo.center_child(places[0], geo.REPORT), source_tag="honest")
    page = staff_client(dispatcher).get("/es/console/queue/live/").content.decode()
    assert "Posible inundación" in page
    flood = floods.floods(list(Incident.objects.all()))
    assert len(flood) == 1 and len(flood[0].incidents) == Incident.objects.count()
    assert honest.incident in flood[0].incidents  # it shares an incident with the flood
