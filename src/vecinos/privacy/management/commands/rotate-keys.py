from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vecinos.privacy import rotation


class Command(BaseCommand):
    help = (
        "New encryption and index keys; every contact point and sealed text sealed again. "
        "Stop the web and worker processes first; back up the keys folder after."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reseal-only",
            action="store_true",
            help="keep the current keys (given in the environment, or after an interrupted "
            "rotation) and only seal everything again",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if not options["reseal_only"]:
                rotation.new_keys()
            counts = rotation.reseal()
        except rotation.RotationError as error:
            raise CommandError(str(error)) from error
        rotation.finish()
        for what, count in counts.items():
            self.stdout.write(f"{what}: {count}")
