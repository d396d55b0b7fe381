"""An incident's life: claim, verify, merge, split, end and close."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.helpers import incident_at, report_at
from vecinos import geo
from vecinos.reports import closing, clustering, lifecycle
from vecinos.reports.errors import IncidentError
from vecinos.reports.models import Event, Incident, Report, Status


def test_claiming_an_incident_starts_verification(network, here_cell, dispatcher):
    incident = lifecycle.claim_incident(incident_at(here_cell), dispatcher)
    assert incident.claimed_by == dispatcher
    assert incident.status == Status.VERIFYING


def test_a_second_dispatcher_cannot_verify_a_claimed_incident(
    network, here_cell, dispatcher, other_dispatcher
):
    incident = lifecycle.claim_incident(incident_at(here_cell), dispatcher)
    with pytest.raises(IncidentError, match="ana"):
        lifecycle.verify_incident(incident, other_dispatcher, Status.CONFIRMED)
    assert Incident.objects.get(pk=incident.pk).status == Status.VERIFYING


def test_taking_over_is_explicit_and_recorded(network, here_cell, dispatcher, other_dispatcher):
    incident = lifecycle.claim_incident(incident_at(here_cell), dispatcher)
    incident = lifecycle.claim_incident(incident, other_dispatcher, take_over=True)
    assert incident.claimed_by == other_dispatcher
    notes = incident.timeline.filter(event=Event.RELEASED).values_list("note", flat=True)
    assert list(notes) == ["from ana"]


def test_an_unfounded_incident_says_what_it_really_was(network, here_cell, dispatcher):
    incident = lifecycle.verify_incident(
        incident_at(here_cell), dispatcher, Status.UNFOUNDED, finding="local police"
    )
    assert (incident.status, incident.finding) == (Status.UNFOUNDED, "local police")


def test_an_unknown_outcome_is_refused(network, here_cell, dispatcher):
    with pytest.raises(IncidentError):
        lifecycle.verify_incident(incident_at(here_cell), dispatcher, "ended")


def test_merging_moves_reports_and_removes_the_duplicate(network, here_cell, dispatcher):
    watts = geo.snap(33.940, -118.242)
    kept, duplicate = incident_at(here_cell), incident_at(watts)
    merged = clustering.merge_incidents(kept, duplicate, dispatcher)
    assert merged.reports.count() == 2
    assert not Incident.objects.filter(pk=duplicate.pk).exists()
    assert merged.timeline.filter(event=Event.MERGED).exists()


def test_an_incident_cannot_be_merged_into_itself(network, here_cell, dispatcher):
    incident = incident_at(here_cell)
    with pytest.raises(IncidentError):
        clustering.merge_incidents(incident, incident, dispatcher)


def test_splitting_moves_chosen_reports_to_a_new_incident(network, here_cell, dispatcher):
    first = report_at(here_cell, minutes_ago=20)
    second = report_at(here_cell, minutes_ago=5)
    new = clustering.split_incident(first.incident, [second.pk], dispatcher)
    assert list(new.reports.all()) == [second]
    assert list(Incident.objects.get(pk=first.incident_id).reports.all()) == [first]


def test_splitting_every_report_away_is_refused(network, here_cell, dispatcher):
    report = report_at(here_cell)
    with pytest.raises(IncidentError):
        clustering.split_incident(report.incident, [report.pk], dispatcher)


def test_ending_records_how_many_people_were_taken(network, here_cell, dispatcher):
    incident = lifecycle.end_incident(incident_at(here_cell), dispatcher, people_taken=0)
    assert (incident.status, incident.people_taken) == (Status.ENDED, 0)


def test_closing_erases_the_precise_details(network, here_cell, dispatcher):
    report = report_at(here_cell, details="blue door, second floor", uniform="vests")
    lifecycle.end_incident(report.incident, dispatcher, people_taken=1)
    closing.close_incident(report.incident, dispatcher)
    report.refresh_from_db()
    assert (report.details, report.uniform) == ("", "")
    assert report.cell == geo.coarsen(here_cell, geo.NEIGHBOR)


def test_an_open_incident_cannot_be_closed(network, here_cell, dispatcher):
    with pytest.raises(IncidentError):
        closing.close_incident(incident_at(here_cell), dispatcher)


def test_settled_incidents_close_by_themselves_after_a_day(network, here_cell, dispatcher):
    incident = lifecycle.end_incident(incident_at(here_cell), dispatcher, people_taken=None)
    assert closing.close_settled_incidents() == 0
    later = timezone.now() + closing.CLOSE_AFTER + timedelta(minutes=1)
    assert closing.close_settled_incidents(now=later) == 1
    assert Incident.objects.get(pk=incident.pk).status == Status.CLOSED
    assert Report.objects.get(incident=incident).details == ""
