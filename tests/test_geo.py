import math

import h3
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vecinos import geo


def test_a_point_snaps_to_a_resolution_9_cell():
    cell = geo.snap(33.96, -118.244)
    assert h3.get_resolution(cell) == geo.REPORT


@pytest.mark.parametrize("point", [(91, 0), (0, 181), (math.nan, 0), (0, math.inf)])
def test_points_off_the_globe_are_refused(point):
    with pytest.raises(geo.InvalidLocation):
        geo.snap(*point)


def test_a_finer_cell_is_coarsened_to_the_resolution_asked():
    fine = geo.snap(33.96, -118.244, 11)
    assert geo.parse_cell(fine, geo.REPORT) == geo.snap(33.96, -118.244, geo.REPORT)


@pytest.mark.parametrize("text", ["", "hello", "8929a56dcc7fff", "x" * 40])
def test_malformed_cells_are_refused(text):
    with pytest.raises(geo.InvalidLocation):
        geo.parse_cell(text)


def test_a_coarser_cell_is_refused_where_a_block_is_needed():
    with pytest.raises(geo.InvalidLocation):
        geo.parse_cell(geo.snap(33.96, -118.244, 6), geo.REPORT)


def test_zip_codes_map_to_cells_offline():
    cells = geo.zip_cells("90001")
    assert geo.covers(cells, geo.snap(33.9731, -118.2479))


def test_an_unknown_zip_code_is_refused():
    with pytest.raises(geo.InvalidLocation):
        geo.zip_cells("00000")


def test_a_disk_of_cells_has_one_closed_outline():
    cells = geo.disk(geo.snap(33.96, -118.244, geo.NEIGHBOR), 2)
    (outline,) = geo.outlines(cells)
    assert outline[0] == outline[-1]
    assert len(cells) == 19


@given(st.floats(-89, 89), st.floats(-179.9, 179.9), st.integers(0, 3))
def test_a_disk_covers_every_cell_it_lists(latitude, longitude, rings):
    center = geo.snap(latitude, longitude, geo.NEIGHBOR)
    cells = geo.disk(center, rings)
    assert all(geo.covers(cells, cell) for cell in cells)
    assert geo.covers(cells, geo.center_child(center, geo.REPORT))
