"""What a neighbor's phone shows and keeps: the map pin loads, "near me" leaves no trace."""

import pytest

pytestmark = pytest.mark.e2e


def test_the_pin_on_the_report_map_is_an_image_that_loads(phone):
    missing = []
    phone.on(
        "response", lambda r: missing.append(r.url) if "marker" in r.url and not r.ok else None
    )
    phone.goto("/es/report/")
    phone.get_by_role("button", name="Elegir en el mapa").click()
    phone.locator("#pick-map .leaflet-tile-pane").wait_for(state="attached")
    phone.locator("#pick-map").click()
    pin = phone.locator("#pick-map img.leaflet-marker-icon")
    pin.wait_for()
    phone.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=pin.element_handle())
    assert missing == []


def test_near_me_keeps_the_place_out_of_the_address_and_the_history(phone):
    phone.goto("/es/alerts/")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Cerca de mí").click()
    assert "Se muestran las alertas que cubren el lugar que eligió." in phone.content()
    assert "lat" not in phone.url and "33.97" not in phone.url
    assert "lat" not in phone.evaluate("document.referrer + location.href")
