"""From "I want to defend my neighbors" to an active responder, as a coordinator sees it."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import ring_cell, sign_up, staff_client
from tests.helpers import send_all
from tests.messaging.test_subscriptions import code_sent_to
from vecinos.responders import pipeline
from vecinos.responders.errors import ResponderError
from vecinos.responders.models import Availability, Responder, Skill, Stage

PHONE = "+13235550160"


def join_form(**fields):
    form = {
        "alias": "Lupe",
        "channel": "sms",
        "address": PHONE,
        "language": "es",
        "languages": ["es", "en"],
        "other_languages": "Zapoteco",
        "skills": ["verifier", "driver"],
        "usually_free": "fines de semana",
        "zip_code": "90001",
    }
    return {**form, **fields}


def test_a_neighbor_signs_up_on_the_web_and_confirms_with_the_code(network, twilio):
    page = Client().post("/es/responders/join/", join_form())
    assert page.status_code == 200 and "código" in page.content.decode()
    send_all()
    responder = Responder.objects.get()
    assert responder.stage == Stage.SIGNED_UP and responder.alias == "Lupe"
    assert responder.languages == ["es", "en", "Zapoteco"]
    assert responder.areas.exists() and responder.contact.confirmed_at is None
    code = code_sent_to(twilio.received_by(PHONE))
    data = {"channel": "sms", "address": PHONE, "code": code}
    done = Client().post("/es/responders/join/confirm/", data)
    assert done.status_code == 200
    responder.contact.refresh_from_db()
    assert responder.contact.confirmed_at is not None
    assert not responder.contact.areas.exists()  # a responder is not made a subscriber


def test_signing_up_asks_nothing_about_immigration_status(network):
    page = Client().get("/es/responders/join/").content.decode()
    form = page[page.index("<form") : page.index("</form>")]
    asked = set(re.findall(r'name="([a-z_]+)"', form)) - {"csrfmiddlewaretoken"}
    assert asked == {
        "alias",
        "channel",
        "address",
        "language",
        "languages",
        "other_languages",
        "skills",
        "usually_free",
        "areas",
        "zip_code",
        "latitude",
        "longitude",
    }


def test_a_bad_sign_up_gets_its_errors_in_spanish_and_stores_nothing(network):
    page = Client().post("/es/responders/join/", join_form(address="abc", skills=[]))
    assert page.status_code == 400
    assert "Esto no es un número de teléfono." in page.content.decode()
    assert not Responder.objects.exists()


def test_signing_up_twice_does_not_tell_who_is_a_responder(network, here_cell, twilio):
    first = sign_up(network, "Lupe", PHONE, ring_cell(here_cell, 0))
    second = sign_up(network, "Someone else", PHONE, ring_cell(here_cell, 0))
    assert second.pk == first.pk and second.alias == "Lupe"


def test_the_coordinator_moves_a_responder_through_the_pipeline(
    network, here_cell, coordinator, twilio
):
    responder = sign_up(network, "Lupe", PHONE, ring_cell(here_cell, 0))
    with pytest.raises(ResponderError):
        pipeline.record_training(responder, Skill.VERIFIER, timezone.localdate(), None, coordinator)
    pipeline.vet(responder, coordinator)
    pipeline.record_training(responder, Skill.VERIFIER, timezone.localdate(), None, coordinator)
    responder.refresh_from_db()
    assert responder.stage == Stage.TRAINED
    with pytest.raises(ResponderError, match="confirmado"):
        pipeline.activate(responder, coordinator)
    responder.contact.confirmed_at = timezone.now()
    responder.contact.save()
    pipeline.activate(responder, coordinator)
    responder.refresh_from_db()
    assert responder.stage == Stage.ACTIVE and responder.availability == Availability.AVAILABLE
    pipeline.rest(responder)
    assert pipeline.pipeline()[Stage.RESTING] == 1
    send_all()
    assert "/r/" in twilio.received_by(PHONE)[-1]  # the personal page's link


def test_an_expired_training_does_not_make_anyone_active(network, here_cell, coordinator):
    responder = sign_up(network, "Lupe", PHONE, ring_cell(here_cell, 0))
    responder.contact.confirmed_at = timezone.now()
    responder.contact.save()
    pipeline.vet(responder, coordinator)
    long_ago = timezone.localdate() - timedelta(days=400)
    pipeline.record_training(
        responder, Skill.VERIFIER, long_ago, long_ago + timedelta(days=365), coordinator
    )
    with pytest.raises(ResponderError, match="vigente"):
        pipeline.activate(responder, coordinator)


def test_the_console_shows_the_pipeline_with_counts(network, here_cell, coordinator):
    sign_up(network, "Lupe", PHONE, ring_cell(here_cell, 0))
    sign_up(network, "Toño", "+13235550161", ring_cell(here_cell, 1))
    page = staff_client(coordinator).get("/en/console/responders/").content.decode()
    assert "Signed up: 2" in page
    assert "Lupe" in page and "Toño" in page


def test_the_coordinator_vets_and_records_a_training_in_the_console(
    network, here_cell, coordinator
):
    responder = sign_up(network, "Lupe", PHONE, ring_cell(here_cell, 0))
    browser = staff_client(coordinator)
    url = f"/es/console/responders/{responder.pk}/"
    browser.post(url, {"action": "vet"})
    training = {"skill": "verifier", "completed_on": "2026-01-10", "expires_on": "2025-01-01"}
    answer = browser.post(url + "training/", training, follow=True)
    assert responder.trainings.count() == 0  # expires before it was completed
    assert answer.status_code == 200
    browser.post(url + "training/", {**training, "expires_on": ""})
    responder.refresh_from_db()
    assert responder.stage == Stage.TRAINED and responder.trainings.count() == 1


def test_a_new_link_makes_the_old_one_stop_working(network, responder_at):
    from vecinos.responders import links

    responder = responder_at("Lupe", 0)
    old = links.home_url(responder).split("8000", 1)[-1]
    assert Client().get(old).status_code == 200
    pipeline.new_link(responder)
    assert Client().get(old).status_code == 404


def test_the_coordinator_sets_how_the_network_dispatches(network, coordinator):
    browser = staff_client(coordinator)
    url = f"/es/console/networks/{network.pk}/dispatch-policy/"
    policy = {
        f"{network.pk}-auto_dispatch": "on",
        f"{network.pk}-responders_wanted": "3",
        f"{network.pk}-dispatch_window_minutes": "4",
        f"{network.pk}-checkin_minutes": "90",
        f"{network.pk}-confirm_above": "500",
        f"{network.pk}-alerts_per_hour": "6",
        f"{network.pk}-heads_up_sources": "2",
    }
    browser.post(url, policy)
    network.refresh_from_db()
    assert network.auto_dispatch and network.responders_wanted == 3
    assert (network.confirm_above, network.alerts_per_hour) == (500, 6)
    page = browser.post(url, {**policy, f"{network.pk}-dispatch_window_minutes": "0"}, follow=True)
    network.refresh_from_db()
    assert network.dispatch_window_minutes == 4 and page.status_code == 200
    assert "mayor o igual" in page.content.decode()  # the refusal, in Spanish


def test_the_responders_page_has_one_policy_form_outside_the_title(network, coordinator):
    page = staff_client(coordinator).get("/es/console/responders/").content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "<form" not in title and page.count("dispatch-policy") == 1
