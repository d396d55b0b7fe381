from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from vecinos.neighbors import services
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action


class Command(BaseCommand):
    help = "Everything Vecinos holds about one phone number, email or chat id."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("address")

    def handle(self, *args: Any, **options: Any) -> None:
        found = services.subject_report(options["address"])
        audit(None, Action.SUBJECT_REPORT, f"{len(found)} found")
        if not found:
            self.stdout.write("Nothing is held about this address.")
        for entry in found:
            self.stdout.write(
                f"{entry.channel}: {'subscribed' if entry.subscribed else 'not subscribed'}; "
                f"language {entry.language}; signed up on {entry.signed_up:%Y-%m-%d}; "
                f"areas: {', '.join(entry.areas) or 'none'}"
                + "".join(f"; {line}" for line in entry.more)
            )
