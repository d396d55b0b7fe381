"""The permission matrix, written down here and tested by walking every URL of the project.

A URL missing from MATRIX fails the test: every new page must say who may use it.
"""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.conftest import staff_client
from tests.helpers import incident_at
from vecinos.alerts.models import AlertTemplate
from vecinos.alerts.publishing import AlertRequest, publish_alert
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status
from vecinos.responders import answers, callouts, checkins
from vecinos.responders.models import Skill

PUBLIC, READ, STAFF, COORDINATOR = "public", "read", "staff", "coordinator"
SIGNED, DEMO = "signed", "demo"
MATRIX = {
    "home": PUBLIC,
    "reports:report": PUBLIC,
    "reports:sent": PUBLIC,
    "rights": PUBLIC,
    "neighbors:subscribe": PUBLIC,
    "neighbors:confirm": PUBLIC,
    "neighbors:resend": PUBLIC,
    "neighbors:stop": SIGNED,
    "alerts:list": PUBLIC,
    "alerts:detail": PUBLIC,
    "alerts-atom": PUBLIC,
    "alert-cap": PUBLIC,
    "service-worker": PUBLIC,
    "demo-phone": DEMO,
    "console:login": PUBLIC,
    "console:two-factor": READ,
    "console:invitations": COORDINATOR,
    "console:join": SIGNED,
    "console:logout": PUBLIC,
    "console:queue": READ,
    "console:queue-live": READ,
    "console:hotline": STAFF,
    "console:incident": READ,
    "console:claim": STAFF,
    "console:release": STAFF,
    "console:verify": STAFF,
    "console:end": STAFF,
    "console:close": STAFF,
    "console:merge": STAFF,
    "console:split": STAFF,
    "console:where": STAFF,
    "console:help-answered": STAFF,
    "console:publish": STAFF,
    "console:retract": STAFF,
    "console:cancel-alert": STAFF,
    "console:confirm-alert": STAFF,
    "console:alert-progress": READ,
    "console:segments": STAFF,
    "console:templates": COORDINATOR,
    "console:template": COORDINATOR,
    "console:audit": COORDINATOR,
    "responders:join": PUBLIC,
    "responders:join-confirm": PUBLIC,
    "responders:guide": PUBLIC,
    "responders:home": SIGNED,
    "responders:dispatch": SIGNED,
    "console:responders": COORDINATOR,
    "console:responder": COORDINATOR,
    "console:responder-training": COORDINATOR,
    "console:dispatch-policy": COORDINATOR,
    "console:incident-responders": READ,
    "console:call-out": STAFF,
    "console:use-update": STAFF,
    "hook-sms": SIGNED,
    "hook-sms-status": SIGNED,
    "hook-telegram": SIGNED,
    "hook-whatsapp": SIGNED,
}
MAY = {
    PUBLIC: {"anonymous", "outsider", "organizer", "dispatcher", "coordinator"},
    READ: {"organizer", "dispatcher", "coordinator"},  # the console's pages that only show
    STAFF: {"dispatcher", "coordinator"},
    COORDINATOR: {"coordinator"},
    SIGNED: set(),  # only with a valid signature or token, tested beside each one
    DEMO: set(),  # exists only while `vecinos demo` runs its fake providers
}


def named_urls(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from named_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


def test_every_url_has_a_row_in_the_matrix():
    names = {name for name, _ in named_urls() if not name.startswith("api:")}
    assert names == set(MATRIX)


@pytest.fixture
def objects(network, here_cell, dispatcher, responder_at):
    incident = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    alert = publish_alert(incident, dispatcher, AlertRequest(kind="verified"))
    responder = responder_at("Lupe", 0)
    callouts.call_out(incident, Skill.VERIFIER, wanted=1)
    dispatch = responder.dispatches.get()
    answers.answer(dispatch, accept=True)
    update = checkins.post_update(dispatch, checkins.Update(finding="detained"))
    return {
        "incident": incident.pk,
        "alert": alert.pk,
        "template": AlertTemplate.objects.first().pk,
        "responder": responder.pk,
        "update": update.pk,
        "network": network.pk,
    }


# Which object a URL with a primary key is about, by the words in its name.
KINDS = [("template", "template"), ("alert", "alert"), ("update", "update")]


def url_of(name, pattern, objects):
    converters = pattern.pattern.converters
    if not converters:
        return reverse(name)
    if "token" in converters:
        return reverse(name, kwargs={"token": "unsigned"})
    if name in ("console:responder", "console:responder-training"):
        return reverse(name, kwargs={"pk": objects["responder"]})
    if name == "console:dispatch-policy":
        return reverse(name, kwargs={"pk": objects["network"]})
    kind = next((kind for word, kind in KINDS if word in name), "incident")
    return reverse(name, kwargs={"pk": objects[kind]})


@pytest.fixture
def personas(network, outsider, organizer, dispatcher, coordinator):
    clients = {"anonymous": Client(), "outsider": Client()}
    clients["outsider"].force_login(outsider)
    clients["organizer"] = staff_client(organizer)
    clients["dispatcher"] = staff_client(dispatcher)
    clients["coordinator"] = staff_client(coordinator)
    return clients


def refused(response) -> bool:
    to_login = response.status_code == 302 and "/console/login/?next=" in response["Location"]
    return to_login or response.status_code in (403, 404, 405)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_may_use_each_url(name, objects, personas):
    pattern = dict(named_urls())[name]
    url = url_of(name, pattern, objects)
    for persona, client in personas.items():
        answers = [client.get(url), client.post(url)]
        if persona in MAY[MATRIX[name]]:
            assert not all(refused(a) for a in answers), (name, persona)
        else:
            assert all(refused(a) for a in answers), (
                name,
                persona,
                [a.status_code for a in answers],
            )
