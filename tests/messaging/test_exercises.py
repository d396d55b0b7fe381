"""Practice on the real console without alarming anyone: an exercise reaches test
subscribers only, says so in every language, and changes nothing public."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import staff_client
from tests.helpers import send_all, subscriber
from vecinos.alerts import public, publishing
from vecinos.alerts.models import Kind
from vecinos.reports.models import Event, Status

REAL, TESTER = "+13235550210", "+13235550211"


@pytest.fixture
def neighbors(network, block):
    subscriber(network, "sms", REAL, [block])
    subscriber(network, "sms", TESTER, [block], language="en")
    call_command("test-subscribers", "add", TESTER)


def test_an_exercise_reaches_only_test_subscribers_and_says_so(
    confirmed, dispatcher, neighbors, twilio
):
    request = publishing.AlertRequest(kind=Kind.ALL_CLEAR, exercise=True)
    alert = publishing.publish_alert(confirmed, dispatcher, request)
    send_all()
    assert twilio.received_by(REAL) == []
    assert twilio.received_by(TESTER)[-1].startswith("[EXERCISE, NOT A REAL ALERT]")
    assert "[SIMULACRO" in alert.texts["es"]["headline"]
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CONFIRMED  # the practice all-clear ended nothing
    assert not public.active_alerts().exists()
    assert Client().get(f"/es/alerts/{alert.pk}/").status_code == 404
    assert confirmed.timeline.filter(event=Event.EXERCISE_SENT).exists()


def test_a_real_alert_does_not_reach_test_subscribers(confirmed, dispatcher, neighbors, twilio):
    publishing.publish_alert(confirmed, dispatcher, publishing.AlertRequest(kind=Kind.VERIFIED))
    send_all()
    assert twilio.received_by(REAL) and not twilio.received_by(TESTER)


def test_the_exercise_screen_looks_unmistakably_different(confirmed, dispatcher, neighbors):
    browser = staff_client(dispatcher)
    url = f"/es/console/incidents/{confirmed.pk}/publish/"
    real = browser.get(url + "?kind=verified").content.decode()
    practice = browser.get(url + "?kind=verified&exercise=1").content.decode()
    assert "SIMULACRO" not in real and "Publicar ahora" in real
    assert "SIMULACRO" in practice and "Publicar ahora" not in practice
    texts = {
        f"{part}_{code}": "Practice" for part in ("headline", "body") for code in "es en".split()
    }
    form = {"kind": "verified", "exercise": "1", "rings": 1, "expires_in_minutes": 60, **texts}
    browser.post(url, form)
    page = browser.get(f"/es/console/incidents/{confirmed.pk}/").content.decode()
    assert 'class="panel exercise"' in page


def test_test_subscribers_are_counted_never_listed(network, neighbors, capsys):
    call_command("test-subscribers", "count")
    out = capsys.readouterr().out
    assert out.strip() == "1 test subscribers" and TESTER not in out
