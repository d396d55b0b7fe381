"""The synthetic demo site served on loopback and Debian's Chromium to look at it, for the
commands that measure pages and take screenshots."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.core.management import call_command
from waitress.server import create_server

from vecinos.web import demo

if TYPE_CHECKING:
    # Playwright comes with the development tools only; it is imported when a browser starts.
    from playwright.sync_api import Browser, ViewportSize

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE: ViewportSize = {"width": 390, "height": 844}


@contextmanager
def demo_site() -> Iterator[str]:
    """The demo network served from this process; yields its base URL."""
    call_command("collectstatic", interactive=False, verbosity=0)
    demo.ensure_seeded()
    # Only now: WhiteNoise indexes the collected files when the application is built.
    from vecinos.wsgi import application

    server = create_server(application, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        # types-waitress leaves out effective_port, which every one-socket server has.
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()


@contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
