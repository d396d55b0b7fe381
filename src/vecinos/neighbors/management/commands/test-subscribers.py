from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vecinos.neighbors import services
from vecinos.neighbors.models import ContactPoint


class Command(BaseCommand):
    help = (
        "Test subscribers get exercises and no real alert: add or remove one (a confirmed "
        "subscriber, by address), or count them. No address is ever listed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        for action in ("add", "remove"):
            actions.add_parser(action).add_argument("address")
        actions.add_parser("count")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "count":
            count = ContactPoint.objects.filter(is_test=True).count()
            self.stdout.write(f"{count} test subscribers")
            return
        changed = services.mark_for_exercises(options["address"], options["action"] == "add")
        if not changed:
            raise CommandError("no confirmed subscriber has this address")
        self.stdout.write(f"{changed} contact points changed")
