from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

import zipcodes
from django.core.management.base import BaseCommand, CommandError

from vecinos import geo
from vecinos.networks import services


def _center(value: str) -> tuple[float, float]:
    try:
        latitude, longitude = (float(part) for part in value.split(","))
        geo.snap(latitude, longitude)
    except (ValueError, geo.InvalidLocation) as error:
        raise CommandError("--center takes LAT,LNG, e.g. 33.97,-118.25") from error
    return latitude, longitude


HOTLINE_HELP = "the phone number neighbors call, e.g. '(213) 555-0134'; '' for none"


class Command(BaseCommand):
    help = "Create a network (its name, languages and the place it covers) or change one."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a network")
        create.add_argument("name")
        create.add_argument("--languages", default="es,en", help="comma-separated, default first")
        place = create.add_mutually_exclusive_group(required=True)
        place.add_argument("--zip", nargs="+", metavar="ZIP", help="US ZIP codes it covers")
        place.add_argument("--center", metavar="LAT,LNG", help="center of a circle it covers")
        create.add_argument("--radius-km", type=float, help="with --center: radius in km")
        create.add_argument("--hotline", default="", help=HOTLINE_HELP)
        change = actions.add_parser("set", help="change a network")
        change.add_argument("name")
        change.add_argument("--hotline", required=True, help=HOTLINE_HELP)
        actions.add_parser("list", help="list networks")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for network in services.Network.objects.all():
                self.stdout.write(f"{network.pk}\t{network.name}\t{','.join(network.languages)}")
            return
        if options["action"] == "set":
            self._set(options["name"], options["hotline"])
            return
        languages = options["languages"].split(",")
        try:
            if options["zip"]:
                coverage = services.coverage_from_zips(options["zip"])
                areas = {self._zip_name(z): geo.zip_cells(z, geo.NEIGHBOR) for z in options["zip"]}
            else:
                radius = options["radius_km"]
                if radius is None or not 0 < radius <= 100:
                    raise CommandError("--center needs --radius-km between 0 and 100")
                latitude, longitude = _center(options["center"])
                coverage = geo.cells_around(latitude, longitude, radius, geo.COVERAGE)
                areas = {}
            network = services.create_network(
                options["name"], languages, coverage, areas, hotline=options["hotline"]
            )
        except services.SetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Created network {network.name!r} ({network.pk}): {len(coverage)} cells, "
            f"{network.areas.count()} areas, languages {','.join(network.languages)}"
        )

    def _set(self, name: str, hotline: str) -> None:
        network = services.Network.objects.filter(name=name).first()
        if network is None:
            raise CommandError(f"no network named {name!r}")
        try:
            services.set_hotline(network, hotline)
        except services.SetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Network {network.name!r}: hotline {network.hotline or 'none'}")

    @staticmethod
    def _zip_name(zip_code: str) -> str:
        found = zipcodes.matching(zip_code.strip())
        return f"{zip_code.strip()} {found[0]['city'].title()}" if found else zip_code
