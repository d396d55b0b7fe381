"""Staff join by invitation only: a coordinator hands over a single-use link, the new
dispatcher chooses a name and a password and sets up an authenticator. API tokens and
invitations expire, and the retention job deletes them."""

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from tests.conftest import staff_client
from vecinos.networks.models import ApiToken, Invitation, Role
from vecinos.networks.services import create_token, has_role, user_for_token
from vecinos.privacy.retention import purge


def invitation_link(coordinator, role="dispatcher") -> str:
    page = staff_client(coordinator).post("/es/console/invitations/", {"role": role})
    return re.search(r'id="invitation-link">https?://[^/]+([^<]+)<', page.content.decode()).group(1)


def test_a_coordinator_invites_and_the_new_dispatcher_sets_up_two_factor(network, coordinator):
    link = invitation_link(coordinator)
    newcomer = Client()
    answer = newcomer.post(link, {"username": "dora", "password": "a long passphrase here"})
    assert answer.status_code == 302 and "/console/two-factor/" in answer["Location"]
    from django.contrib.auth.models import User

    dora = User.objects.get(username="dora")
    assert has_role(dora, Role.DISPATCHER) and not has_role(dora, Role.COORDINATOR)
    assert newcomer.get("/es/console/").status_code == 302  # not before the authenticator
    assert Client().get(link).status_code == 404  # spent


def test_an_invitation_works_only_48_hours_and_never_twice(network, coordinator):
    link = invitation_link(coordinator)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(link).status_code == 404
    assert Client().get("/es/console/join/forged/").status_code == 404


def test_a_weak_password_or_a_taken_name_is_refused_in_spanish(network, coordinator, dispatcher):
    link = invitation_link(coordinator)
    weak = Client().post(link, {"username": "dora", "password": "short"})
    assert weak.status_code == 400 and "demasiado corta" in weak.content.decode()
    taken = Client().post(link, {"username": dispatcher.username, "password": "a long passphrase"})
    assert taken.status_code == 400 and "ocupado" in taken.content.decode()
    assert Client().get(link).status_code == 200  # still usable


def test_dispatchers_cannot_invite(network, dispatcher_client):
    answer = dispatcher_client.post("/es/console/invitations/", {"role": "coordinator"})
    assert answer.status_code == 403 and not Invitation.objects.exists()


def test_an_api_token_stops_working_when_it_expires_and_is_then_deleted(network, dispatcher):
    token = create_token(dispatcher, days=1)
    assert user_for_token(token) == dispatcher
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert user_for_token(token) is None
    assert purge(now=timezone.now() + timedelta(days=2))["api tokens"] == 1
