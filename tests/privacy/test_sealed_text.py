"""Free text about a person is sealed at rest: what the database holds is not what was said."""

import pytest
from django.db import connection

from tests.helpers import report_at
from vecinos.networks.models import Network


def raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_a_reports_words_are_sealed_and_read_back(network, here_cell):
    report = report_at(here_cell, details="Juana, second floor", uniform="vests")
    assert raw("reports_report", "details") != ["Juana, second floor"]
    assert all(value.startswith("v1:") for value in raw("reports_report", "details"))
    report.refresh_from_db()
    assert (report.details, report.uniform, report.equipment) == (
        "Juana, second floor",
        "vests",
        "",
    )


def test_a_responders_name_and_hours_are_sealed(network, responder_at):
    responder = responder_at("Guadalupe Secreta", 0)
    assert "Guadalupe Secreta" not in " ".join(raw("responders_responder", "alias"))
    assert "evenings" not in " ".join(raw("responders_responder", "usually_free"))
    responder.refresh_from_db()
    assert responder.alias == "Guadalupe Secreta"


def test_erasing_still_empties_the_field(network, here_cell, dispatcher):
    from vecinos.reports.closing import close_incident
    from vecinos.reports.lifecycle import end_incident

    incident = report_at(here_cell, details="Juana").incident
    end_incident(incident, dispatcher, 0)
    close_incident(incident, dispatcher)
    assert raw("reports_report", "details") == [""]
    assert set(raw("reports_timelineentry", "note")) <= {""}


@pytest.mark.django_db(transaction=True)
def test_words_stored_before_sealing_existed_are_sealed_by_the_migration():
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", "reports", "0002", verbosity=0)
    try:
        Network.objects.create(name="Red", languages=["es"], coverage=[])  # not rolled back
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO reports_incident (network_id, status, activity, cell, opened_at,"
                " last_observed_at, finding, status_changed_at) SELECT id, 'reported', 'other',"
                " '89291a', %s, %s, '', %s FROM networks_network",
                [timezone.now()] * 3,
            )
            cursor.execute(
                "INSERT INTO reports_timelineentry (incident_id, at, event, note)"
                " SELECT id, %s, 'opened', 'Juana called' FROM reports_incident",
                [timezone.now()],
            )
    finally:
        call_command("migrate", verbosity=0)
    assert raw("reports_timelineentry", "note")[0].startswith("v1:")
    from vecinos.reports.models import TimelineEntry

    assert TimelineEntry.objects.get().note == "Juana called"
