"""An incident is reported; the nearest trained responders are asked, ring by ring."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import staff_client
from tests.helpers import incident_at, send_all
from tests.messaging.test_inbound import text_in
from vecinos.reports.closing import close_incident
from vecinos.reports.lifecycle import end_incident
from vecinos.reports.models import Event, Status
from vecinos.responders import answers, callouts, checkins, links, pipeline
from vecinos.responders.models import (
    Availability,
    Callout,
    Dispatch,
    DispatchStatus,
    Reply,
    Skill,
)


@pytest.fixture
def incident(network, here_cell):
    return incident_at(here_cell)


def asked(callout):
    return {d.responder.alias for d in callout.dispatches.all()}


def test_the_nearest_available_trained_responders_are_asked_first(incident, responder_at):
    responder_at("far", 3)
    responder_at("next door", 0)
    responder_at("near", 1)
    busy = responder_at("busy next door", 0)
    pipeline.set_availability(busy, Availability.BUSY)
    responder_at("untrained for this", 0, skill=Skill.DRIVER)
    callout = callouts.call_out(incident, Skill.VERIFIER, wanted=2)
    assert asked(callout) == {"next door", "near"}
    assert [d.ring for d in callout.dispatches.order_by("ring")] == [0, 1]


def test_among_equally_near_the_less_recently_dispatched_goes_first(
    network, here_cell, incident, responder_at
):
    tired, rested = responder_at("tired", 1), responder_at("rested", 1)
    earlier = incident_at(here_cell, minutes_ago=200)
    callouts.call_out(earlier, Skill.VERIFIER, wanted=2)
    assert {d.responder for d in Dispatch.objects.all()} == {tired, rested}
    Dispatch.objects.filter(responder=rested).delete()
    callout = callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    assert asked(callout) == {"rested"}


def test_each_responder_gets_a_message_with_a_link_and_the_reply_words(
    incident, responder_at, twilio
):
    responder = responder_at("Lupe", 0, number="+13235550170")
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    send_all()
    text = twilio.received_by("+13235550170")[-1]
    assert "/r/d/" in text and "YES" in text and "never obstruct" in text
    assert responder.dispatches.get().status == DispatchStatus.ASKED


def test_when_too_few_accept_in_time_the_next_ring_is_asked_and_the_dispatcher_told(
    network, incident, responder_at
):
    responder_at("next door", 0)
    responder_at("ring two a", 2)
    responder_at("ring two b", 2)
    responder_at("ring four", 4)
    callout = callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    assert asked(callout) == {"next door"}
    window = timedelta(minutes=network.dispatch_window_minutes)
    assert callouts.timers() == 0  # the window is still open
    callouts.escalate_due(now=timezone.now() + window + timedelta(seconds=1))
    assert asked(callout) == {"next door", "ring two a", "ring two b"}  # the whole next ring
    assert incident.timeline.filter(event=Event.ESCALATED).exists()
    ring_two_a = next(d for d in Dispatch.objects.all() if d.responder.alias == "ring two a")
    answers.answer(ring_two_a, accept=True)
    callouts.escalate_due(now=timezone.now() + 3 * window)
    assert "ring four" not in asked(callout)


def test_when_nobody_is_left_to_ask_the_dispatcher_is_told(network, incident, responder_at):
    responder_at("next door", 0)
    callout = callouts.call_out(incident, Skill.VERIFIER, wanted=2)
    later = timezone.now() + timedelta(minutes=network.dispatch_window_minutes, seconds=1)
    callouts.escalate_due(now=later)
    callout.refresh_from_db()
    assert callout.done_at is not None
    assert incident.timeline.filter(event=Event.NO_RESPONDERS).exists()


def test_the_network_can_dispatch_verifiers_as_soon_as_a_report_comes_in(
    network, here_cell, responder_at, django_capture_on_commit_callbacks
):
    responder_at("next door", 0)
    network.auto_dispatch = True
    network.save()
    with django_capture_on_commit_callbacks(execute=True):
        incident = incident_at(here_cell)
    assert asked(incident.callouts.get()) == {"next door"}


def test_accept_and_decline_by_link(incident, responder_at):
    responder_at("Lupe", 0)
    responder_at("Toño", 1)
    callouts.call_out(incident, Skill.VERIFIER, wanted=2)
    lupe, tono = Dispatch.objects.order_by("ring")
    page = Client().post(_path(lupe), {"action": "accept"}, follow=True)
    assert "on the way" in page.content.decode()
    Client().post(_path(tono), {"action": "decline"})
    lupe.refresh_from_db()
    tono.refresh_from_db()
    assert lupe.status == DispatchStatus.ACCEPTED and tono.status == DispatchStatus.DECLINED
    assert lupe.responder.__class__.objects.get(pk=lupe.responder_id).availability == "busy"


@pytest.mark.parametrize(
    "word, language, expected",
    [("SI", "es", "Va en camino"), ("yes", "en", "You are on the way"), ("Sí", "es", "camino")],
)
def test_accept_by_text_in_both_languages(incident, responder_at, twilio, word, language, expected):
    responder_at("Lupe", 0, number="+13235550171", language=language)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    text_in(twilio, word, sender="+13235550171")
    assert Dispatch.objects.get().status == DispatchStatus.ACCEPTED
    send_all()
    assert expected in twilio.received_by("+13235550171")[-1]


def test_decline_by_text(incident, responder_at, twilio):
    responder_at("Lupe", 0, number="+13235550172", language="es")
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    text_in(twilio, "NO", sender="+13235550172")
    assert Dispatch.objects.get().status == DispatchStatus.DECLINED
    send_all()
    assert "Gracias por responder" in twilio.received_by("+13235550172")[-1]


def test_a_yes_from_an_unknown_number_gets_a_clear_answer_and_changes_nothing(network, twilio):
    text_in(twilio, "SI", sender="+13235550173")
    send_all()
    assert "no hay ningún aviso" in twilio.received_by("+13235550173")[-1].lower()
    assert not Dispatch.objects.exists()


def test_a_second_accept_changes_nothing(incident, responder_at):
    responder_at("Lupe", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    dispatch = Dispatch.objects.get()
    assert answers.answer(dispatch, accept=True) == Reply.ACCEPTED
    answered_at = Dispatch.objects.get().answered_at
    assert answers.answer(dispatch, accept=True) == Reply.ALREADY_GOING
    assert Dispatch.objects.get().answered_at == answered_at
    assert incident.timeline.filter(event=Event.RESPONDER_ACCEPTED).count() == 1


def test_an_accept_after_the_dispatch_was_filled_is_thanked_and_not_counted(incident, responder_at):
    responder_at("Lupe", 0)
    responder_at("Toño", 0)
    callout = callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    callouts.escalate_due(now=timezone.now() + timedelta(hours=1))  # nobody answered: ask more
    first, second = callout.dispatches.all()
    assert answers.answer(first, accept=True) == Reply.ACCEPTED
    assert answers.answer(second, accept=True) == Reply.FILLED
    second.refresh_from_db()
    assert second.status == DispatchStatus.NOT_NEEDED


def test_a_late_accept_on_a_closed_incident_changes_nothing(incident, responder_at, dispatcher):
    responder_at("Lupe", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    end_incident(incident, dispatcher, 0)
    close_incident(incident, dispatcher)
    dispatch = Dispatch.objects.get()
    assert answers.answer(dispatch, accept=True) == Reply.CLOSED
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.ASKED
    assert "Nothing more to do here" in Client().get(_path(dispatch)).content.decode()


def test_updates_from_the_scene_land_on_the_timeline_and_the_console(
    incident, responder_at, dispatcher
):
    responder_at("Lupe", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    dispatch = Dispatch.objects.get()
    Client().post(_path(dispatch), {"action": "accept"})
    update = {"action": "update", "finding": "confirmed", "agents": "7", "note": "two vans"}
    Client().post(_path(dispatch), update)
    entry = incident.timeline.get(event=Event.SCENE_UPDATE)
    assert "Lupe" in entry.note and "7" in entry.note and "two vans" in entry.note
    panel = staff_client(dispatcher).get(f"/en/console/incidents/{incident.pk}/responders/?list=1")
    assert "two vans" in panel.content.decode() and "Use in an alert" in panel.content.decode()


def test_an_update_feeds_the_alert_in_one_click(incident, responder_at, dispatcher):
    responder_at("Lupe", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    dispatch = Dispatch.objects.get()
    answers.answer(dispatch, accept=True)
    update = checkins.post_update(dispatch, checkins.Update(finding="confirmed", agents=7))
    browser = staff_client(dispatcher)
    services_claim(incident, dispatcher)
    answer = browser.post(f"/es/console/updates/{update.pk}/use/")
    assert answer.status_code == 302 and "kind=verified" in answer["Location"]
    incident.refresh_from_db()
    assert incident.status == Status.CONFIRMED
    assert browser.get(answer["Location"]).status_code == 200


def services_claim(incident, dispatcher):
    from vecinos.reports.lifecycle import claim_incident

    claim_incident(incident, dispatcher)


def test_a_responder_who_does_not_check_in_safe_is_flagged(network, incident, responder_at):
    responder_at("Lupe", 0)
    responder_at("Toño", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=2)
    lupe, tono = Dispatch.objects.all()
    answers.answer(lupe, accept=True)
    answers.answer(tono, accept=True)
    checkins.check_in_safe(tono)
    later = timezone.now() + timedelta(minutes=network.checkin_minutes, seconds=1)
    assert checkins.flag_missed_check_ins(now=later) == 1
    lupe.refresh_from_db()
    tono.refresh_from_db()
    assert lupe.overdue_at is not None and tono.overdue_at is None
    assert incident.timeline.get(event=Event.CHECKIN_OVERDUE).note == "Lupe"
    assert checkins.flag_missed_check_ins(now=later) == 0  # told once


def test_a_responder_cannot_open_an_incident_they_were_not_dispatched_to(
    network, here_cell, incident, responder_at
):
    responder_at("Lupe", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    dispatch = Dispatch.objects.get()
    other = incident_at(here_cell, minutes_ago=300, details="a secret detail")
    assert other.pk != incident.pk
    token = _path(dispatch).rstrip("/").rsplit("/", 1)[-1]
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert Client().get(f"/en/r/d/{forged}/").status_code == 404
    assert Client().get(f"/en/console/incidents/{other.pk}/").status_code == 302  # to login
    page = Client().get(_path(dispatch)).content.decode()
    assert "a secret detail" not in page


def test_a_responder_who_declined_no_longer_sees_the_details(network, here_cell, responder_at):
    responder_at("Lupe", 0)
    incident = incident_at(here_cell, details="behind the blue door")
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    dispatch = Dispatch.objects.get()
    assert "behind the blue door" in Client().get(_path(dispatch)).content.decode()
    answers.answer(dispatch, accept=False)
    assert "behind the blue door" not in Client().get(_path(dispatch)).content.decode()


def test_availability_by_text_and_by_one_tap(network, responder_at, twilio):
    responder = responder_at("Lupe", 0, number="+13235550174", language="es")
    text_in(twilio, "OCUPADO", sender="+13235550174")
    responder.refresh_from_db()
    assert responder.availability == Availability.BUSY
    home = links.home_url(responder).split("8000", 1)[-1]
    Client().post(home, {"availability": "available"})
    responder.refresh_from_db()
    assert responder.availability == Availability.AVAILABLE


def test_the_dispatcher_asks_for_responders_from_the_incident_page(
    incident, responder_at, dispatcher
):
    responder_at("Lupe", 0)
    browser = staff_client(dispatcher)
    browser.post(f"/es/console/incidents/{incident.pk}/call-out/", {"skill": "verifier"})
    assert Callout.objects.get().wanted == incident.network.responders_wanted
    bad = browser.post(
        f"/es/console/incidents/{incident.pk}/call-out/", {"skill": "x", "wanted": "0"}, follow=True
    )
    assert bad.status_code == 200 and Callout.objects.count() == 1


def _path(dispatch: Dispatch) -> str:
    return links.dispatch_url(dispatch).split("8000", 1)[-1]
