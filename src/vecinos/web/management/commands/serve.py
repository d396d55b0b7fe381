from __future__ import annotations

import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from waitress import serve

from vecinos.worker import Worker


def prepare(command: BaseCommand) -> None:
    """Bring the database schema and static files up to date before serving."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    command.stdout.write(f"Data directory: {settings.DATA_DIR}")


def serve_site(host: str, port: int, with_worker: bool) -> None:
    """The site on waitress (which writes no access log, so no client address is logged)."""
    follow_address(host, port)
    # Imported only now: WhiteNoise indexes the static files once, when the app is built,
    # and they must have been collected by then.
    from vecinos.wsgi import application

    worker = Worker() if with_worker else None
    if worker:
        # A daemon thread: every job commits atomically, so being cut off at exit loses nothing.
        threading.Thread(target=worker.run, name="vecinos-worker", daemon=True).start()
    try:
        serve(application, host=host, port=port, threads=8, ident="vecinos")
    finally:
        if worker:
            worker.stop()


def follow_address(host: str, port: int) -> None:
    """Without a configured public address, links lead to where this server listens. Set
    before serving: the server threads and the worker read this one settings object."""
    if not settings.SITE_URL_GIVEN:
        settings.SITE_URL = f"http://{_reachable(host)}:{port}"


def _reachable(host: str) -> str:
    """Where a browser on this machine finds a server listening on ``host``."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 (naming it, not binding to it)
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def add_address_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")


class Command(BaseCommand):
    help = "Serve the site, with the worker in the same process unless --no-worker is given."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_address_arguments(parser)
        parser.add_argument(
            "--no-worker", action="store_true", help="serve only; run `vecinos worker` apart"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        prepare(self)
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/")
        serve_site(options["host"], options["port"], with_worker=not options["no_worker"])
