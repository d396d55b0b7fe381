"""Help a neighbor can reach from any page: the hotline, "near me" without a trace, the map."""

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from tests.conftest import HERE
from vecinos.neighbors import messages
from vecinos.networks.models import Network

NEIGHBOR_PAGES = [
    "/es/",
    "/es/report/",
    "/es/alerts/",
    "/es/rights/",
    "/es/subscribe/",
    "/es/no-such-page/",
]


@pytest.mark.parametrize("page", NEIGHBOR_PAGES)
def test_every_neighbor_page_offers_the_hotline_to_tap(network, neighbor, page):
    Network.objects.update(hotline="+1 323 555 0199")
    html = neighbor.get(page).content.decode()
    assert 'href="tel:+13235550199"' in html and "+1 323 555 0199" in html


def test_no_hotline_block_when_the_network_has_none(network, neighbor):
    assert "tel:" not in neighbor.get("/es/").content.decode()


def test_the_help_answer_names_the_hotline(network):
    Network.objects.update(hotline="+1 323 555 0199")
    with translation.override("es"):
        assert "+1 323 555 0199" in messages.help_text()


def test_the_help_answer_without_a_hotline_names_none(network):
    with translation.override("en"):
        assert "call" not in messages.help_text().lower()


def test_near_me_is_posted_and_never_put_in_the_address(network, neighbor):
    response = neighbor.post("/es/alerts/", {"lat": HERE[0], "lng": HERE[1]})
    assert response.status_code == 200 and response.context["near_me"]
    script = finders.find("vecinos/alerts.js")
    with open(script, encoding="utf-8") as source:
        code = source.read()
    assert "?lat=" not in code and "location.search" not in code


def test_the_report_map_pin_comes_from_static(network, neighbor):
    html = neighbor.get("/es/report/").content.decode()
    assert 'data-marker-icon="/static/vecinos/vendor/leaflet/images/marker-icon' in html
    assert finders.find("vecinos/vendor/leaflet/images/marker-icon.png")
