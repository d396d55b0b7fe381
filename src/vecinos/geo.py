"""Every location in Vecinos is an H3 cell, never a coordinate.

Resolutions (DESIGN.md rule 1):
- REPORT (9): a report's place, about 0.1 km², enough to send a verifier to a block.
- NEIGHBOR (8): neighbors, responders and alert areas, about 0.7 km².
- COVERAGE (7): the outline of what a network serves, about 5 km².
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import h3
import zipcodes

REPORT = 9
NEIGHBOR = 8
COVERAGE = 7

# A ZIP code is published as a centroid; we take it as a disk of this radius.
ZIP_RADIUS_KM = 2.5


class InvalidLocation(ValueError):
    """Raised for coordinates off the globe, malformed cells and unknown ZIP codes."""


def snap(latitude: float, longitude: float, resolution: int = REPORT) -> str:
    """The cell containing a point; the point itself is forgotten by the caller."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise InvalidLocation("not a number")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidLocation("off the globe")
    return h3.latlng_to_cell(latitude, longitude, resolution)


def parse_cell(cell: str, resolution: int | None = None) -> str:
    """A valid cell at ``resolution`` (coarsened to it when finer), or InvalidLocation."""
    if not isinstance(cell, str) or len(cell) > 16 or not h3.is_valid_cell(cell):
        raise InvalidLocation("not an H3 cell")
    if resolution is None:
        return cell
    actual = h3.get_resolution(cell)
    if actual < resolution:
        raise InvalidLocation("cell too coarse")
    return h3.cell_to_parent(cell, resolution) if actual > resolution else cell


def coarsen(cell: str, resolution: int) -> str:
    if h3.get_resolution(cell) <= resolution:
        return cell
    return h3.cell_to_parent(cell, resolution)


def center_child(cell: str, resolution: int) -> str:
    return h3.cell_to_center_child(cell, resolution)


def children(cell: str, resolution: int) -> list[str]:
    return list(h3.cell_to_children(cell, resolution))


def disk(cell: str, rings: int) -> list[str]:
    """The cell and every cell within ``rings`` steps of it."""
    return list(h3.grid_disk(cell, rings))


def grid_distance(a: str, b: str) -> int | None:
    """Steps between two cells of one resolution; None where H3 cannot tell (far apart)."""
    try:
        return h3.grid_distance(a, b)
    except h3.H3BaseException:
        return None


def rings_for_radius(radius_km: float, resolution: int) -> int:
    spacing_km = h3.average_hexagon_edge_length(resolution, "km") * math.sqrt(3)
    return max(0, math.ceil(radius_km / spacing_km))


def cells_around(latitude: float, longitude: float, radius_km: float, resolution: int) -> set[str]:
    return set(disk(snap(latitude, longitude, resolution), rings_for_radius(radius_km, resolution)))


def zip_cells(zip_code: str, resolution: int = COVERAGE) -> set[str]:
    """Cells for a US ZIP code, from the ZIP centroids packaged with ``zipcodes`` (offline)."""
    try:
        matches = zipcodes.matching(zip_code.strip())
    except (TypeError, ValueError) as error:
        raise InvalidLocation("not a ZIP code") from error
    if not matches:
        raise InvalidLocation("unknown ZIP code")
    found = matches[0]
    return cells_around(float(found["lat"]), float(found["long"]), ZIP_RADIUS_KM, resolution)


def center(cell: str) -> tuple[float, float]:
    return h3.cell_to_latlng(cell)


def covers(cells: Iterable[str], cell: str) -> bool:
    """Whether ``cell`` lies inside a set of cells that are all of one resolution."""
    cell_set = cells if isinstance(cells, set | frozenset) else set(cells)
    if not cell_set:
        return False
    resolution = h3.get_resolution(next(iter(cell_set)))
    return coarsen(cell, resolution) in cell_set


def outlines(cells: Iterable[str]) -> list[list[tuple[float, float]]]:
    """Closed outer rings (lat, lng) of the shape the cells make; one per separate piece."""
    shape = h3.cells_to_h3shape(list(cells))
    polygons = shape.polys if isinstance(shape, h3.LatLngMultiPoly) else [shape]
    rings = []
    for polygon in polygons:
        ring = list(polygon.outer)
        rings.append([*ring, ring[0]])
    return rings
