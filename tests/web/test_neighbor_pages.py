"""What a neighbor sees, on a phone, in Spanish or English, with no account."""

import pytest
from django.test import Client

from tests.conftest import FAR_AWAY, HERE
from tests.helpers import incident_at
from vecinos.alerts.publishing import AlertRequest, publish_alert
from vecinos.networks.models import Area
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Report, Source, Status

NEIGHBOR_PAGES = ["/{}/", "/{}/report/", "/{}/report/sent/", "/{}/alerts/", "/{}/rights/"]


def test_the_root_picks_the_language_the_browser_asks_for(network):
    assert Client(HTTP_ACCEPT_LANGUAGE="en-US,en").get("/")["Location"] == "/en/"
    assert Client(HTTP_ACCEPT_LANGUAGE="es-MX,es").get("/")["Location"] == "/es/"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("page", NEIGHBOR_PAGES)
def test_every_neighbor_page_opens_in_both_languages(network, page, language):
    response = Client().get(page.format(language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_a_neighbor_reports_from_their_rounded_location(network, neighbor):
    response = neighbor.post(
        "/es/report/",
        {
            "activity": "home_door",
            "latitude": "33.960",
            "longitude": "-118.244",
            "when": "15",
            "agents": "7",
            "why_immigration": "ICE en los chalecos",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/es/report/sent/"
    report = Report.objects.get()
    assert (report.source, report.agents, report.language) == (Source.WEB, 7, "es")


def test_a_neighbor_without_location_names_the_neighborhood(network, neighbor):
    area = Area.objects.get(name="Watts")
    neighbor.post("/es/report/", {"activity": "checkpoint", "area": area.pk, "when": "0"})
    assert Report.objects.get().incident.area == area


def test_the_sent_page_tells_what_happens_next_and_the_door_script(network, neighbor):
    page = neighbor.get("/es/report/sent/").content.decode()
    assert "Qué pasa ahora" in page
    assert "No abra la puerta." in page
    assert "orden firmada por un juez" in page


def test_a_report_with_no_place_is_refused_in_spanish(network, neighbor):
    response = neighbor.post("/es/report/", {"activity": "home_door", "when": "0"})
    assert response.status_code == 400
    assert "Díganos dónde" in response.content.decode()
    assert not Report.objects.exists()


def test_a_report_from_outside_the_network_is_refused_and_says_so(network):
    response = Client().post(
        "/en/report/",
        {"activity": "home_door", "latitude": FAR_AWAY[0], "longitude": FAR_AWAY[1], "when": "0"},
    )
    assert response.status_code == 400
    assert "outside the area this network covers" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"activity": "riot", "latitude": HERE[0], "longitude": HERE[1], "when": "0"},
        {"activity": "home_door", "latitude": "abc", "longitude": HERE[1], "when": "0"},
        {"activity": "home_door", "latitude": "999", "longitude": HERE[1], "when": "0"},
        {"activity": "home_door", "area": "99999", "when": "0"},
        {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], "when": "5000"},
        {
            "activity": "home_door",
            "latitude": HERE[0],
            "longitude": HERE[1],
            "when": "0",
            "details": "x" * 1001,
        },
    ],
)
def test_bad_form_input_is_refused_and_changes_nothing(network, neighbor, data):
    assert neighbor.post("/es/report/", data).status_code == 400
    assert not Report.objects.exists()


def test_active_alerts_show_certainty_area_and_expiry(network, here_cell, dispatcher, neighbor):
    incident = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    alert = publish_alert(incident, dispatcher, AlertRequest(kind="verified"))
    page = neighbor.get("/es/alerts/").content.decode()
    assert alert.texts["es"]["headline"] in page
    assert "Visto por un verificador" in page
    assert "vence" in page
    assert 'id="alert-shapes"' in page


def test_alerts_can_be_narrowed_to_a_neighborhood(network, here_cell, dispatcher, neighbor):
    incident = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    alert = publish_alert(incident, dispatcher, AlertRequest(kind="verified", rings=1))
    watts = Area.objects.get(name="Watts")
    page = neighbor.get("/es/alerts/", {"area": watts.pk}).content.decode()
    assert alert.texts["es"]["headline"] not in page
    assert "No hay alertas activas" in page


def test_the_rumor_check_puts_a_false_alarm_to_rest(network, here_cell, dispatcher, neighbor):
    verify_incident(incident_at(here_cell), dispatcher, Status.UNFOUNDED, finding="policía local")
    page = neighbor.get("/es/alerts/").content.decode()
    assert "Falsa alarma" in page and "policía local" in page


def test_an_alert_page_links_its_cap_document(network, here_cell, dispatcher, neighbor):
    incident = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    alert = publish_alert(incident, dispatcher, AlertRequest(kind="verified"))
    page = neighbor.get(f"/es/alerts/{alert.pk}/").content.decode()
    assert f"/alerts/{alert.pk}.cap" in page


def test_a_missing_page_is_a_friendly_404(network, neighbor):
    response = neighbor.get("/es/alerts/999/")
    assert response.status_code == 404
    assert "Esta página no existe." in response.content.decode()


def test_pages_carry_no_inline_script(network, neighbor):
    for page in NEIGHBOR_PAGES:
        html = neighbor.get(page.format("es")).content.decode()
        for tag in html.split("<script")[1:]:
            assert " src=" in tag.split(">")[0] or 'type="application/json"' in tag


def test_a_stale_form_gives_the_report_back_instead_of_losing_it(network):
    stale = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="es")
    response = stale.post(
        "/es/report/", {"activity": "home_door", "details": "siete agentes", "when": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Su reporte todavía no se envió" in page
    assert "siete agentes" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not Report.objects.exists()


def test_other_sites_never_learn_where_a_neighbor_came_from(network, neighbor):
    # "same-origin", not "no-referrer": the latter makes browsers send "Origin: null"
    # on our own forms, which CSRF protection then refuses.
    assert neighbor.get("/es/report/")["Referrer-Policy"] == "same-origin"


def test_pages_forbid_inline_scripts_and_foreign_scripts(network, neighbor):
    policy = neighbor.get("/es/report/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
