from __future__ import annotations

from django.core.management.base import BaseCommand

from vecinos.privacy.retention import purge
from vecinos.reports.closing import close_settled_incidents


class Command(BaseCommand):
    help = "Delete everything past its retention now (the worker also does it every hour)."

    def handle(self, *args: object, **options: object) -> None:
        closed = close_settled_incidents()
        self.stdout.write(f"incidents closed and their details erased: {closed}")
        for kind, count in purge().items():
            self.stdout.write(f"{kind} deleted: {count}")
