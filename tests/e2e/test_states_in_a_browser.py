"""What people see when the text is hostile and when an alarm was false: one long word never
widens a phone's page past its buttons, and a retracted alarm says FALSE ALARM first."""

import re

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.test_responders_in_a_browser import (
    WORDS,
    last_text,
    link_in,
    sign_up,
    vet_train_and_activate,
)

pytestmark = pytest.mark.e2e

LONG_WORD = "x" * 1000
LONG_LINK = "https://example.org/" + "a" * 250 + "?utm=" + "b" * 20
FITS = "document.documentElement.scrollWidth <= 390"


@pytest.fixture
def dispatcher_phone(browser, site, dispatcher_session):
    """The dispatcher's console on a phone-sized window."""
    context = browser.new_context(
        viewport=PHONE, base_url=site.url, storage_state=dispatcher_session
    )
    yield context.new_page()
    context.close()


def report_with_a_long_word(phone) -> None:
    phone.context.set_geolocation({"latitude": 33.9690, "longitude": -118.2420})
    phone.goto("/es/report/")
    phone.get_by_label("Un retén").check()
    phone.get_by_role("button", name="Usar mi ubicación").click()
    phone.wait_for_function("document.querySelector('#id_latitude').value !== ''")
    phone.get_by_text("Más detalles (opcional)").click()
    phone.get_by_label("¿Por qué cree que son agentes de inmigración?").fill(LONG_LINK)
    phone.get_by_label("Algo más").fill(LONG_WORD)
    phone.get_by_role("button", name="Enviar reporte").click()
    phone.get_by_role("heading", name="Gracias. Su reporte fue enviado.").wait_for()


def test_one_long_word_never_widens_the_incident_or_the_dispatch_page(
    phone, coordinator_laptop, dispatcher_phone, site
):
    words = {**WORDS["es"], "name": "Rocío", "number": "+13235550191", "typed": "(323) 555-0191"}
    sign_up(phone, site, "es", words)
    vet_train_and_activate(coordinator_laptop, "es", words)
    report_with_a_long_word(phone)

    dispatcher_phone.goto("/es/console/")
    # Other browser tests report a checkpoint too: this one's incident is the newest.
    links = dispatcher_phone.locator("tr", has_text="Un retén").get_by_role("link")
    hrefs = [links.nth(n).get_attribute("href") or "" for n in range(links.count())]
    incidents = [href for href in hrefs if re.search(r"/incidents/\d+/$", href)]
    dispatcher_phone.goto(max(incidents, key=lambda href: int(href.rstrip("/").split("/")[-1])))
    dispatcher_phone.get_by_text(LONG_WORD[:50]).first.wait_for()
    assert dispatcher_phone.evaluate(FITS)
    dispatcher_phone.get_by_role("button", name=words["ask"]).click()
    dispatcher_phone.locator(".messages").get_by_text(re.compile(words["asked"])).wait_for()
    assert dispatcher_phone.evaluate(FITS)

    phone.goto(link_in(last_text(site, phone, words["number"], words["dispatch"])))
    phone.get_by_text(LONG_WORD[:50]).first.wait_for()
    assert phone.evaluate(FITS)
    going = phone.get_by_role("button", name=words["go"])
    assert going.is_visible()
    going.click(trial=True)  # nothing covers it: a thumb could tap it
    going.click()
    phone.get_by_text(words["going"]).wait_for()


RETRACTED = """
from django.contrib.auth.models import User
from vecinos import geo
from vecinos.alerts import corrections, publishing
from vecinos.reports.lifecycle import verify_incident
from tests.helpers import incident_at
ana = User.objects.get(username="ana")
incident = verify_incident(incident_at(geo.snap(33.9615, -118.2530, geo.REPORT)), ana, "confirmed")
alarm = publishing.publish_alert(incident, ana, publishing.AlertRequest(kind="verified"))
retraction = corrections.retract(incident, ana, "Una obra de la ciudad")
print(alarm.pk, retraction.pk)
"""


def test_a_forwarded_link_to_a_retracted_alarm_says_false_alarm_first(phone, site):
    alarm, retraction = site.manage("shell", "-c", RETRACTED).split()[-2:]
    phone.goto(f"/es/alerts/{alarm}/")
    first = phone.locator("main h1, main h2").first
    assert first.inner_text() == "FALSA ALARMA"
    assert not phone.get_by_text("Visto por un verificador").is_visible()
    phone.get_by_role("link", name=re.compile("Leer la corrección")).click()
    phone.wait_for_url(f"**/es/alerts/{retraction}/")
    assert not phone.get_by_text("Visto por un verificador").is_visible()
