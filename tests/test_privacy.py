"""DESIGN.md rules 1, 3 and 6 from the first line: no address, agent string or coordinate kept."""

import json
import logging

from django.db import connection
from django.test import Client
from django.utils import translation

from tests.helpers import incident_at
from vecinos.reports.forms import ReportForm

IP = "203.0.113.77"
FORWARDED = "198.51.100.23"
AGENT = "Mozilla/5.0 (Linux; Android 8.1; Moto-Synthetic-Phone)"
LATITUDE, LONGITUDE = "33.961234", "-118.244321"


def everything_stored() -> str:
    """Every row of every table, as one string, like a seized copy of the database."""
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            dump.extend(json.dumps(row, default=str) for row in cursor.fetchall())
    return "\n".join(dump)


def test_a_day_of_use_leaves_no_address_agent_or_coordinate(network, dispatcher, caplog):
    caplog.set_level(logging.DEBUG)
    neighbor = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=FORWARDED)
    neighbor.post(
        "/es/report/",
        {"activity": "home_door", "latitude": LATITUDE, "longitude": LONGITUDE, "when": "0"},
    )
    neighbor.post(
        "/api/v1/reports",
        json.dumps({"activity": "staging", "latitude": LATITUDE, "longitude": LONGITUDE}),
        content_type="application/json",
    )
    neighbor.post("/es/alerts/", {"lat": LATITUDE, "lng": LONGITUDE})
    neighbor.get("/api/v1/alerts", {"latitude": LATITUDE, "longitude": LONGITUDE})
    neighbor.get("/es/no-such-page/")
    staff = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    staff.post("/es/console/login/", {"username": "ana", "password": "correct horse battery"})
    staff.get("/es/console/")

    stored, logged = everything_stored(), caplog.text
    for secret in (IP, FORWARDED, AGENT, "Moto-Synthetic", "33.9612", "118.2443"):
        assert secret not in stored, f"{secret} is in the database"
        assert secret not in logged, f"{secret} is in the logs"


def test_reports_have_no_field_for_status_or_officer_identity(network, here_cell):
    fields = {field.name for field in incident_at(here_cell).reports.model._meta.get_fields()}
    forbidden = {"immigration_status", "status_of_person", "badge", "badge_number", "officer_name"}
    assert fields & forbidden == set()


def test_the_report_form_asks_nothing_about_status_or_officers(network):
    with translation.override("en"):
        asked = " ".join(
            f"{name} {field.label} {field.help_text}"
            for name, field in ReportForm.base_fields.items()
        ).lower()
    for word in ("status", "citizen", "papers", "badge", "officer's name"):
        assert word not in asked
    assert "do not write names of neighbors or of officers" in asked


def test_a_source_sending_too_many_reports_is_slowed_down_in_its_language(network):
    from django.core.cache import cache

    from vecinos.reports.models import Report

    script = Client(REMOTE_ADDR=IP, HTTP_ACCEPT_LANGUAGE="es")
    body = json.dumps({"activity": "staging", "latitude": 33.96, "longitude": -118.244})
    answers = [
        script.post("/api/v1/reports", body, content_type="application/json").status_code
        for _ in range(6)
    ]
    assert answers == [201] * 5 + [429]
    refused = script.post("/api/v1/reports", body, content_type="application/json")
    assert "línea de respuesta rápida" in refused.json()["detail"]
    assert Report.objects.count() == 5
    other = Client(REMOTE_ADDR="198.51.100.99")
    assert other.post("/api/v1/reports", body, content_type="application/json").status_code == 201
    assert IP not in repr(cache._cache)  # buckets are keyed hashes, not addresses


def test_the_web_form_keeps_what_was_typed_when_slowed_down(network):
    script = Client(REMOTE_ADDR=IP, HTTP_ACCEPT_LANGUAGE="es")
    form = {
        "activity": "home_door",
        "latitude": "33.960",
        "longitude": "-118.244",
        "when": "0",
        "details": "seis agentes",
    }
    for _ in range(5):
        script.post("/es/report/", form)
    page = script.post("/es/report/", form).content.decode()
    assert "Demasiados reportes" in page and "seis agentes" in page
