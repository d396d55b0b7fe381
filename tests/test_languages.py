"""Languages are data: a language added from files alone (tests/data/languages/ht) gets
its alert templates, its keywords and its catalog, with no code change."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.helpers import subscriber
from vecinos import geo, languages
from vecinos.alerts.models import AlertTemplate
from vecinos.messaging.inbound import receive
from vecinos.messaging.models import Broadcast
from vecinos.networks.services import create_network

ADDED = Path(__file__).parent / "data" / "languages"
PHONE = "+13235550177"


@pytest.fixture
def creole(settings, tmp_path):
    catalog = tmp_path / "ht" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    polib.pofile(str(ADDED / "ht" / "django.po")).save_as_mofile(str(catalog / "django.mo"))
    settings.LANGUAGE_DIRS = [*settings.LANGUAGE_DIRS, ADDED]
    settings.LANGUAGES = languages.choices(settings.LANGUAGE_DIRS)
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]


@pytest.fixture
def creole_network(db, creole):
    coverage = geo.cells_around(33.960, -118.244, 6, geo.COVERAGE)
    return create_network("Vwazen", ["ht", "es"], coverage)


def test_an_added_language_is_offered(creole, settings):
    assert ("ht", "Kreyòl ayisyen") in settings.LANGUAGES
    assert settings.LANGUAGES[0] == ("es", "Español")


def test_a_network_in_an_added_language_starts_with_its_alert_templates(creole_network):
    template = AlertTemplate.objects.get(network=creole_network, kind="verified", language="ht")
    assert template.headline == "Imigrasyon nan {area}"


def test_an_added_language_keywords_work_and_the_answer_is_in_it(creole_network):
    contact = subscriber(creole_network, "sms", PHONE, [], language="ht")
    receive("sms", PHONE, "sispann")
    contact.refresh_from_db()
    assert contact.stopped_at is not None
    assert Broadcast.objects.get(topic=f"reply:{contact.pk}").texts == {
        "ht": "Vecinos: ou p ap resevwa lòt mesaj. ANTRE pou retounen."
    }


def test_the_fallback_chain_is_the_recipient_then_the_network_default_then_the_rest():
    assert languages.chain("ht", ["es", "en"]) == ["ht", "es", "en"]
    assert languages.pick({"en": "hi", "es": "hola"}, "ht", ["es", "en"]) == "hola"
    assert languages.pick({"en": "hi"}, "ht", ["es"]) == "hi"


def test_pages_are_served_in_an_added_language(creole_network, client):
    page = client.get("/ht/")
    assert page.status_code == 200 and 'lang="ht"' in page.content.decode()


def test_every_page_offers_the_added_language_by_its_own_name(creole_network, client):
    assert "Kreyòl ayisyen" in client.get("/es/").content.decode()
