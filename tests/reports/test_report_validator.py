"""The report form, fed everything a phone, a script or a fuzzer could send: it answers
with field errors or a cell, never with an exception, and never keeps more precision
than a rounded point."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import HERE
from vecinos import geo
from vecinos.reports.forms import ReportForm
from vecinos.reports.models import Activity, Report

anything = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats())
fields = st.fixed_dictionaries(
    {},
    optional={
        "activity": st.one_of(st.sampled_from(Activity.values), st.text(max_size=20)),
        "latitude": anything,
        "longitude": anything,
        "area": anything,
        "when": anything,
        "agents": anything,
        "vehicles": anything,
        "why_immigration": st.text(max_size=400),
        "uniform": st.text(max_size=300),
        "equipment": st.text(max_size=300),
        "details": st.text(max_size=1200),
    },
)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(data=fields)
def test_any_input_gives_errors_or_a_cell_never_an_exception(network, data):
    form = ReportForm({k: "" if v is None else str(v) for k, v in data.items()})
    if form.is_valid():
        assert geo.parse_cell(form.cleaned_data["cell"], geo.REPORT)
        assert form.cleaned_data["activity"] in Activity.values
    else:
        assert form.errors


@SETTINGS
@given(
    north=st.floats(min_value=-0.02, max_value=0.02),
    east=st.floats(min_value=-0.02, max_value=0.02),
)
def test_a_point_is_kept_only_as_the_cell_of_its_rounded_value(network, north, east):
    latitude, longitude = HERE[0] + north, HERE[1] + east
    form = ReportForm(
        {"activity": "home_door", "when": 0, "latitude": latitude, "longitude": longitude}
    )
    assert form.is_valid(), form.errors
    rounded = geo.snap(round(latitude, 3), round(longitude, 3), geo.REPORT)
    assert form.cleaned_data["cell"] == rounded


@pytest.mark.parametrize(
    "form",
    [
        {"activity": "home_door", "latitude": "nan", "longitude": "-118.2"},
        {"activity": "home_door", "latitude": "1e309", "longitude": "-118.2"},
        {"activity": "home_door", "latitude": "40.7", "longitude": "-74.0"},  # not covered
        {"activity": "<script>", "area": "1"},
        {"activity": "home_door", "agents": "-1", "area": "1"},
        {"activity": "home_door", "details": "x" * 1001, "area": "1"},
    ],
)
def test_bad_reports_get_a_spanish_error_and_store_nothing(network, form):
    answer = Client().post("/es/report/", form)
    assert answer.status_code == 400
    assert "error" in answer.content.decode()
    assert not Report.objects.exists()
