from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand

from vecinos.worker import Worker


class Command(BaseCommand):
    help = "Run the background worker until SIGTERM or Ctrl-C."

    def handle(self, *args: Any, **options: Any) -> None:
        worker = Worker()
        signal.signal(signal.SIGTERM, lambda *_: worker.stop())
        try:
            worker.run()
        except KeyboardInterrupt:
            worker.stop()
