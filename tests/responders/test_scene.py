"""At the scene: a responder finds the place, sees what was reported and who else is going,
and can call for help; the dispatcher adds where exactly, and hears the call for help."""

import pytest
from django.test import Client

from tests.conftest import staff_client
from tests.helpers import incident_at, send_all
from vecinos import geo
from vecinos.reports.closing import close_incident
from vecinos.reports.clustering import merge_incidents
from vecinos.reports.lifecycle import end_incident
from vecinos.reports.models import Event, Report
from vecinos.responders import answers, callouts, checkins, links
from vecinos.responders.models import Dispatch, Skill


def _path(dispatch: Dispatch) -> str:
    return links.dispatch_url(dispatch).split("8000", 1)[-1]


@pytest.fixture
def lupe(network, here_cell, responder_at):
    """Lupe, asked to an incident reported with every detail a neighbor can give."""
    responder_at("Lupe", 0)
    incident = incident_at(
        here_cell,
        agents=4,
        vehicles=2,
        uniform="green vests, ERO on the back",
        why_immigration="ICE written on the vests",
        equipment="a battering ram",
        details="they knocked at the blue door",
    )
    callouts.call_out(incident, Skill.VERIFIER, wanted=2)
    return Dispatch.objects.get()


def test_the_dispatch_page_shows_the_cell_on_a_map_with_a_link_for_the_maps_app(lupe):
    page = Client().get(_path(lupe)).content.decode()
    latitude, longitude = geo.center(lupe.callout.incident.cell)
    assert f'href="geo:{latitude:.5f},{longitude:.5f}' in page
    assert 'id="scene-shape"' in page and 'id="scene-map"' in page
    assert "vendor/leaflet/leaflet.js" in page


def test_the_dispatch_page_shows_everything_that_was_reported(lupe):
    page = Client().get(_path(lupe)).content.decode()
    for words in ("2 vehicles", "green vests, ERO on the back", "ICE written on the vests"):
        assert words in page
    assert "a battering ram" in page and "they knocked at the blue door" in page


def test_the_dispatcher_says_where_exactly_and_the_responder_sees_it(lupe, dispatcher):
    incident = lupe.callout.incident
    note = {"where_note": "Behind the laundromat on 72nd St"}
    staff_client(dispatcher).post(f"/en/console/incidents/{incident.pk}/where/", note)
    incident.refresh_from_db()
    assert incident.where_note == "Behind the laundromat on 72nd St"
    assert incident.timeline.filter(event=Event.WHERE_NOTED, actor=dispatcher).exists()
    assert "Behind the laundromat on 72nd St" in Client().get(_path(lupe)).content.decode()


def test_only_a_dispatcher_may_say_where_exactly(lupe, organizer):
    incident = lupe.callout.incident
    note = {"where_note": "somewhere"}
    staff_client(organizer).post(f"/en/console/incidents/{incident.pk}/where/", note)
    Client().post(f"/en/console/incidents/{incident.pk}/where/", note)
    incident.refresh_from_db()
    assert incident.where_note == ""


def test_where_exactly_and_the_landmark_are_erased_on_close(lupe, dispatcher):
    incident = lupe.callout.incident
    incident.where_note = "Behind the laundromat"
    incident.save()
    incident.reports.update(landmark="72nd and Compton")
    end_incident(incident, dispatcher, None)
    close_incident(incident, dispatcher)
    incident.refresh_from_db()
    assert incident.where_note == "" and incident.reports.get().landmark == ""


def test_the_dispatch_text_names_the_place_by_the_first_words_of_the_note(
    network, here_cell, responder_at, twilio
):
    responder_at("Lupe", 0, number="+13235550190")
    incident = incident_at(here_cell)
    incident.where_note = "Corner of 72nd and Compton, the blue house with the fence"
    incident.save()
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    send_all()
    text = twilio.received_by("+13235550190")[-1]
    assert "Corner of 72nd and Compton" in text and "fence" not in text


def test_a_hotline_call_keeps_the_cross_street_until_close(network, dispatcher, here_cell):
    call = {"activity": "checkpoint", "area": network.areas.first().pk, "when": "0"}
    call["landmark"] = "Florence Ave and Holmes, by the church"
    staff_client(dispatcher).post("/en/console/hotline/", call)
    report = Report.objects.get()
    assert report.landmark == "Florence Ave and Holmes, by the church"


def test_a_responder_calls_for_help_and_the_dispatcher_sees_it_everywhere(lupe, dispatcher):
    answers.answer(lupe, accept=True)
    page = Client().post(_path(lupe), {"action": "help"}, follow=True).content.decode()
    assert "The dispatcher was told" in page
    incident = lupe.callout.incident
    incident.refresh_from_db()
    assert incident.help_needed_at is not None
    assert incident.timeline.get(event=Event.HELP_NEEDED).note == "Lupe"
    console = staff_client(dispatcher)
    assert "needs help now" in console.get(f"/en/console/incidents/{incident.pk}/").content.decode()
    assert "needs help now" in console.get("/en/console/queue/live/").content.decode()


def test_the_dispatcher_marks_the_call_for_help_answered(lupe, dispatcher):
    answers.answer(lupe, accept=True)
    checkins.call_for_help(lupe)
    incident = lupe.callout.incident
    staff_client(dispatcher).post(f"/en/console/incidents/{incident.pk}/help-answered/")
    incident.refresh_from_db()
    assert incident.help_needed_at is None
    assert incident.timeline.filter(event=Event.HELP_ANSWERED, actor=dispatcher).exists()


def test_a_merge_keeps_the_call_for_help_and_where_exactly(lupe, dispatcher, here_cell):
    answers.answer(lupe, accept=True)
    checkins.call_for_help(lupe)
    source = lupe.callout.incident
    source.refresh_from_db()
    source.where_note = "green gate"
    source.save()
    target = incident_at(geo.disk(here_cell, 3)[-1], minutes_ago=200)
    merged = merge_incidents(target, source, dispatcher)
    assert merged.help_needed_at is not None and merged.where_note == "green gate"


def test_only_a_responder_on_the_way_can_call_for_help(lupe):
    Client().post(_path(lupe), {"action": "help"})
    lupe.callout.incident.refresh_from_db()
    assert lupe.callout.incident.help_needed_at is None


def test_a_responder_sees_how_many_others_are_going(lupe, responder_at):
    answers.answer(lupe, accept=True)
    responder_at("Toño", 0)
    responder_at("Rosa", 0)
    callouts.call_out(lupe.callout.incident, Skill.VERIFIER, wanted=2)
    for dispatch in Dispatch.objects.exclude(pk=lupe.pk):
        answers.answer(dispatch, accept=True)
    page = Client().get(_path(lupe)).content.decode()
    assert "2 other responders are going or on scene" in page
    assert "Toño" not in page


def test_a_stale_tab_after_checking_in_says_so(lupe):
    answers.answer(lupe, accept=True)
    checkins.check_in_safe(lupe)
    stale = Client().post(_path(lupe), {"action": "update", "finding": "nobody"}, follow=True)
    page = stale.content.decode()
    assert "Accept the dispatch first" not in page
    assert "You already checked in safe" in page
