"""A possible flood is a warning on the incidents, in the queue and on their page: an
incident that one source also reported never leaves the queue nor the open count."""

import pytest

from tests.conftest import staff_client
from vecinos import geo
from vecinos.alerts import publishing
from vecinos.alerts.models import Kind
from vecinos.reports.intake import ReportInput, submit_report
from vecinos.reports.lifecycle import claim_incident, verify_incident
from vecinos.reports.models import Incident, Source, Status


@pytest.fixture
def flooded(network, dispatcher):
    """Three incidents from one source; the first confirmed, claimed, with an alert out."""
    places = sorted(network.areas.get(name="Watts").cells)[:3]
    for cell in places:
        data = ReportInput(
            activity="home_door",
            cell=geo.center_child(cell, geo.REPORT),
            source=Source.WEB,
            language="es",
            source_tag="flood",
        )
        submit_report(data)
    live = verify_incident(Incident.objects.order_by("pk").first(), dispatcher, Status.CONFIRMED)
    claim_incident(live, dispatcher)
    publishing.publish_alert(live, dispatcher, publishing.AlertRequest(kind=Kind.VERIFIED))
    return live


def test_flooded_incidents_stay_in_the_queue_and_are_counted(flooded, dispatcher):
    page = staff_client(dispatcher).get("/es/console/queue/live/").content.decode()
    table = page.split("</table>")[0]
    assert "3 incidentes abiertos" in table
    assert f'href="/es/console/incidents/{flooded.pk}/"' in table
    assert table.count('class="badge flood-flag"') == 3


def test_the_incident_page_warns_of_a_possible_flood(flooded, dispatcher):
    page = staff_client(dispatcher).get(f"/es/console/incidents/{flooded.pk}/").content.decode()
    assert "Posible inundación" in page
