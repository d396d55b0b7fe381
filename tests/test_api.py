"""The JSON API, end to end over HTTP: report → incident → verify → alert → feeds."""

import json

import pytest
from django.test import Client
from lxml import etree

from tests.conftest import FAR_AWAY, HERE
from vecinos.alerts.models import Alert
from vecinos.networks.services import create_token
from vecinos.reports.models import Incident, Report


def post(client, path, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


def report(client, **fields):
    body = {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], **fields}
    return post(client, "/api/v1/reports", body)


def test_the_whole_loop_over_http(network, api_dispatcher):
    neighbor = Client()
    first = report(neighbor, agents=7, details="seven agents outside the building")
    second = report(neighbor, activity="staging")
    assert first.status_code == second.status_code == 201
    incident_id = first.json()["incident"]
    assert second.json()["incident"] == incident_id

    queue = api_dispatcher.get("/api/v1/incidents").json()
    assert [(i["id"], i["reports"]) for i in queue] == [(incident_id, 2)]

    verified = post(
        api_dispatcher,
        f"/api/v1/incidents/{incident_id}/verify",
        {"outcome": "confirmed", "note": "verifier on scene"},
    )
    assert verified.json()["status"] == "confirmed"

    published = post(
        api_dispatcher, "/api/v1/alerts", {"incident": incident_id, "kind": "verified", "rings": 1}
    )
    assert published.status_code == 201
    alert_id = published.json()["id"]

    nearby = neighbor.get(
        "/api/v1/alerts", {"latitude": HERE[0], "longitude": HERE[1]}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert [a["id"] for a in nearby.json()] == [alert_id]
    assert nearby.json()[0]["certainty_label"] == "Visto por un verificador"
    assert str(alert_id) in neighbor.get("/alerts.atom").content.decode()
    cap = etree.fromstring(neighbor.get(nearby.json()[0]["cap_url"]).content)
    assert cap.tag.endswith("alert")

    assert post(api_dispatcher, f"/api/v1/alerts/{alert_id}/cancel", {}).status_code == 200
    assert neighbor.get("/api/v1/alerts", {"latitude": HERE[0], "longitude": HERE[1]}).json() == []


def test_a_report_by_cell_is_accepted(network, here_cell):
    response = report(Client(), latitude=None, longitude=None, cell=here_cell)
    assert response.status_code == 201


def test_the_coordinates_sent_are_never_stored(network):
    report(Client(), latitude=33.961234, longitude=-118.244321)
    stored = json.dumps(list(Report.objects.values()), default=str) + json.dumps(
        list(Incident.objects.values()), default=str
    )
    assert "33.96" not in stored and "118.24" not in stored


def test_a_report_outside_the_network_is_refused_in_spanish(network):
    response = post(
        Client(HTTP_ACCEPT_LANGUAGE="es"),
        "/api/v1/reports",
        {"activity": "checkpoint", "latitude": FAR_AWAY[0], "longitude": FAR_AWAY[1]},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Ese lugar está fuera del área que cubre esta red."
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"activity": "riot", "latitude": HERE[0], "longitude": HERE[1]},
        {"activity": "home_door"},
        {"activity": "home_door", "latitude": HERE[0]},
        {"activity": "home_door", "latitude": 95, "longitude": 0},
        {"activity": "home_door", "latitude": "north", "longitude": 0},
        {"activity": "home_door", "cell": "not-a-cell"},
        {"activity": "home_door", "cell": "8929a56dcc7ffff", "latitude": 1, "longitude": 1},
        {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], "details": "x" * 1001},
        {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], "agents": -1},
        {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], "observed_at": "ayer"},
        {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], "name": "Juan"},
        {
            "activity": "home_door",
            "latitude": HERE[0],
            "longitude": HERE[1],
            "observed_at": "2020-01-01T00:00:00Z",
        },
        [1, 2, 3],
        "just text",
    ],
)
def test_bad_reports_get_a_clear_4xx_and_change_nothing(network, body):
    response = post(Client(HTTP_ACCEPT_LANGUAGE="es"), "/api/v1/reports", body)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert not Report.objects.exists()


def test_field_errors_name_the_field_in_the_callers_language(network):
    response = post(
        Client(HTTP_ACCEPT_LANGUAGE="es"),
        "/api/v1/reports",
        {"activity": "home_door", "latitude": HERE[0], "longitude": HERE[1], "agents": "muchos"},
    )
    assert response.json()["errors"] == [
        {"field": "agents", "message": "Escriba un número entero."}
    ]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/incidents"),
        ("post", "/api/v1/incidents/1/verify"),
        ("post", "/api/v1/alerts"),
        ("post", "/api/v1/alerts/1/cancel"),
    ],
)
def test_dispatcher_endpoints_need_a_token(network, method, path):
    response = getattr(Client(), method)(path, content_type="application/json")
    assert response.status_code == 401


def test_a_token_of_a_non_dispatcher_is_forbidden(network, outsider):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(outsider)}")
    assert client.get("/api/v1/incidents").status_code == 403


def test_a_made_up_token_is_refused(network):
    client = Client(HTTP_AUTHORIZATION="Bearer vec_made-up")
    assert client.get("/api/v1/incidents").status_code == 401


def test_an_alert_for_an_unconfirmed_incident_is_a_conflict(network, api_dispatcher):
    incident_id = report(Client()).json()["incident"]
    response = post(api_dispatcher, "/api/v1/alerts", {"incident": incident_id, "kind": "verified"})
    assert response.status_code == 409
    assert not Alert.objects.exists()


def test_an_alert_for_a_missing_incident_is_not_found(network, api_dispatcher):
    response = post(api_dispatcher, "/api/v1/alerts", {"incident": 999, "kind": "verified"})
    assert response.status_code == 404


def test_alert_lookup_with_half_a_point_is_refused(network):
    assert Client().get("/api/v1/alerts", {"latitude": 33.9}).status_code == 422


def test_the_openapi_document_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/reports", "/api/v1/alerts", "/api/v1/incidents"} <= set(paths)


@pytest.mark.parametrize("body", ["{bad", "[1]", "null"])
def test_a_body_that_is_not_a_json_object_is_refused_in_spanish(network, body):
    response = Client(HTTP_ACCEPT_LANGUAGE="es").post(
        "/api/v1/reports", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert (
        response.json()["errors"][0]["message"]
        == "El cuerpo de la solicitud debe ser un objeto JSON."
    )
