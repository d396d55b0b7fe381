from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from vecinos.web import demo, demo_providers
from vecinos.web.management.commands.serve import (
    add_address_arguments,
    follow_address,
    prepare,
    serve_site,
)


class Command(BaseCommand):
    help = "Seed a synthetic demo network (if there is none yet) and serve site and worker."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_address_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        prepare(self)
        # Synthetic data, logins printed below: the demo console asks no authenticator code.
        # Set before serving: the server threads read this one settings object.
        settings.REQUIRE_TWO_FACTOR = False
        # Before seeding: the seeded dispatches carry links back to this server.
        follow_address(options["host"], options["port"])
        fakes = demo_providers.start()
        if fakes:
            self.stdout.write(
                f"Fake providers for: {', '.join(fakes)} (nothing leaves this machine)"
            )
        seeded, logins = demo.ensure_seeded()
        if seeded:
            self.stdout.write("Seeded the demo network (all data is synthetic).")
        base = f"http://{options['host']}:{options['port']}"
        self.stdout.write(f"Neighbors: {base}/es/   Console: {base}/es/console/")
        self.stdout.write(f"Demo phone (what subscribers received): {base}/es/demo/phone/")
        if logins:
            self.stdout.write("Console logins (user password):")
            self.stdout.write(logins.rstrip())
        serve_site(options["host"], options["port"], with_worker=True)
