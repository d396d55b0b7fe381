"""The clustering rule: same or neighboring cell, close in time, open incident."""

import pytest
from django.utils import translation

from tests.helpers import incident_at, report_at
from vecinos import geo
from vecinos.reports.clustering import CLUSTER_WINDOW
from vecinos.reports.errors import IncidentError
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Event, Status


def test_two_reports_of_one_door_make_one_incident(network, here_cell):
    first = report_at(here_cell, minutes_ago=10)
    second = report_at(here_cell, minutes_ago=2)
    assert first.incident == second.incident
    assert second.incident.reports.count() == 2
    assert list(second.incident.timeline.values_list("event", flat=True)) == [
        Event.OPENED,
        Event.REPORT_JOINED,
    ]


def test_a_report_from_the_next_block_joins_the_incident(network, here_cell):
    neighbor_cell = next(c for c in geo.disk(here_cell, 1) if c != here_cell)
    assert report_at(here_cell).incident == report_at(neighbor_cell).incident


def test_a_report_two_blocks_away_opens_its_own_incident(network, here_cell):
    two_away = next(c for c in geo.disk(here_cell, 2) if geo.grid_distance(c, here_cell) == 2)
    assert report_at(here_cell).incident != report_at(two_away).incident


def test_a_report_long_after_the_last_one_opens_a_new_incident(network, here_cell):
    minutes = int(CLUSTER_WINDOW.total_seconds() // 60)
    old = report_at(here_cell, minutes_ago=minutes + 30)
    assert report_at(here_cell).incident != old.incident


def test_a_report_does_not_join_an_incident_found_unfounded(network, here_cell, dispatcher):
    rumor = incident_at(here_cell)
    verify_incident(rumor, dispatcher, Status.UNFOUNDED, finding="local police")
    assert report_at(here_cell).incident != rumor


def test_the_incident_remembers_the_latest_sighting(network, here_cell):
    report_at(here_cell, minutes_ago=30)
    latest = report_at(here_cell, minutes_ago=5)
    assert latest.incident.last_observed_at == latest.observed_at


def test_a_place_outside_the_network_is_refused(network):
    with translation.override("en"), pytest.raises(IncidentError, match="outside"):
        report_at(geo.snap(40.7128, -74.0060))


def test_a_sighting_in_the_future_is_refused(network, here_cell):
    with pytest.raises(IncidentError):
        report_at(here_cell, minutes_ago=-60)


def test_a_sighting_older_than_a_day_is_refused(network, here_cell):
    with pytest.raises(IncidentError):
        report_at(here_cell, minutes_ago=25 * 60)
