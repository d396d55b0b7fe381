from __future__ import annotations

import signal

from django.core.management.base import BaseCommand

from vecinos.worker import Worker


class Command(BaseCommand):
    help = "Run the background worker until SIGTERM or Ctrl-C."

    def handle(self, *args: object, **options: object) -> None:
        worker = Worker()
        signal.signal(signal.SIGTERM, lambda *_: worker.stop())
        try:
            worker.run()
        except KeyboardInterrupt:
            worker.stop()
