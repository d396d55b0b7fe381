from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from argparse import SUPPRESS, ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Given to the run in the scratch data directory; not for people to type.
INNER = "--inner"
NEIGHBOR_PAGES = {
    "home": "/es/",
    "report": "/es/report/",
    "alerts": "/es/alerts/",
    "rights": "/es/rights/",
    "subscribe": "/es/subscribe/",
    "responders": "/es/responders/join/",
}


class Command(BaseCommand):
    help = "Screenshots of the neighbor pages (phone, Spanish) and the console, from the demo."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
        parser.add_argument(INNER, action="store_true", help=SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"]).resolve()
        if not options["inner"]:
            # The demo data goes into a throwaway data directory, never the real one.
            with tempfile.TemporaryDirectory(prefix="vecinos-shots-") as scratch:
                # Synthetic demo data, as `vecinos demo` serves it: no authenticator code.
                env = {
                    **os.environ,
                    "VECINOS_DATA_DIR": scratch,
                    "VECINOS_REQUIRE_TWO_FACTOR": "false",
                }
                env.pop("VECINOS_DATABASE_URL", None)
                command = [
                    sys.executable,
                    "-c",
                    "from vecinos.cli import main; main()",
                    "screenshots",
                    "--out",
                    str(out),
                    INNER,
                ]
                sys.exit(subprocess.run(command, env=env, check=False).returncode)  # noqa: S603
        call_command("migrate", interactive=False, verbosity=0)
        from vecinos.web import browse, demo

        out.mkdir(parents=True, exist_ok=True)
        with browse.demo_site() as base, browse.chromium() as browser:
            phone = browser.new_page(viewport=browse.PHONE)
            for name, path in NEIGHBOR_PAGES.items():
                phone.goto(base + path, wait_until="networkidle")
                phone.screenshot(path=out / f"{name}.png", full_page=True)
            laptop = browser.new_page(viewport={"width": 1280, "height": 800})
            user, password = demo.logins_file().read_text().split("\n")[0].split()
            laptop.goto(base + "/es/console/")
            laptop.fill("#id_username", user)
            laptop.fill("#id_password", password)
            laptop.click("button[type=submit]")
            laptop.wait_for_load_state("networkidle")
            laptop.screenshot(path=out / "console.png", full_page=True)
        self.stdout.write(f"Screenshots in {out}")
