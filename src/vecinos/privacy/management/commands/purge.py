from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from vecinos.privacy import retention


class Command(BaseCommand):
    help = "Delete everything past its retention now (the worker also does it every hour)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--list", action="store_true", help="print each rule, its period and what is due now"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list()
            return
        for name, erase in retention.ERASURES.items():
            self.stdout.write(f"{name}: {erase()}")
        for kind, count in retention.purge().items():
            self.stdout.write(f"{kind} deleted: {count}")

    def _list(self) -> None:
        rows = [("rule", "kept", "due now")]
        rows += [(rule.name, rule.period, str(count)) for rule, count in retention.due()]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = zip(row, widths, strict=True)
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
