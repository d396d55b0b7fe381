from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from argparse import SUPPRESS, ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Given to the run in the scratch data directory; not for people to type.
INNER = "--inner"


class Command(BaseCommand):
    help = "Benchmarks, each printed beside a floor measured in the same run."

    def add_arguments(self, parser: ArgumentParser) -> None:
        benches = parser.add_subparsers(dest="bench", required=True)
        fanout = benches.add_parser("fanout", help="match, enqueue, claim and send an alert")
        fanout.add_argument("--subscribers", type=int, default=100_000)
        fanout.add_argument("--send", type=int, default=20_000, help="messages to send")
        fanout.add_argument("--json", action="store_true", help="print one JSON object")
        dispatch = benches.add_parser("dispatch", help="choose the responders for one incident")
        dispatch.add_argument("--responders", type=int, default=10_000)
        dispatch.add_argument("--incidents", type=int, default=1_000, help="incidents under way")
        dispatch.add_argument("--json", action="store_true", help="print one JSON object")
        pages = benches.add_parser("pages", help="bytes and slow-3G load time of neighbor pages")
        pages.add_argument("--json", action="store_true", help="print one JSON object")
        for bench in (fanout, dispatch, pages):
            bench.add_argument(INNER, action="store_true", help=SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["inner"]:
            self._run_in_scratch_database()
            return
        call_command("migrate", interactive=False, verbosity=0)
        if options["bench"] == "pages":
            from vecinos.benchmarks import pages as pagebench

            pages = pagebench.run()
            self.stdout.write(json.dumps(pages) if options["json"] else pagebench.table(pages))
            return
        if options["bench"] == "dispatch":
            from vecinos.benchmarks import dispatch as dispatch_bench

            figures = dispatch_bench.run(options["responders"], options["incidents"])
            text = json.dumps(figures) if options["json"] else dispatch_bench.table(figures)
            self.stdout.write(text)
            return
        from vecinos.benchmarks import fanout as bench

        figures = bench.run(options["subscribers"], options["send"])
        self.stdout.write(json.dumps(figures) if options["json"] else self._table(figures))

    def _run_in_scratch_database(self) -> None:
        """Never touch the network's own data: run again in a throwaway data directory."""
        with tempfile.TemporaryDirectory(prefix="vecinos-bench-") as scratch:
            env = {**os.environ, "VECINOS_DATA_DIR": scratch}
            env.pop("VECINOS_DATABASE_URL", None)
            command = [
                sys.executable,
                "-c",
                "from vecinos.cli import main; main()",
                *sys.argv[1:],
                INNER,
            ]
            completed = subprocess.run(command, env=env, check=False)  # noqa: S603
            if completed.returncode:
                sys.exit(completed.returncode)

    @staticmethod
    def _table(f: dict) -> str:
        def ratio(ours: float, floor: float) -> str:
            return f"{ours / floor:.2f}×" if floor else "n/a"

        enqueue = ratio(f["enqueue_s"], f["floor_enqueue_s"])
        claim = ratio(f["claim_batch_per_s"], f["claim_single_per_s"])
        send = ratio(f["send_per_s"], f["floor_send_per_s"])
        lines = [
            f"subscribers              {f['subscribers']:>9,}",
            f"match + enqueue          {f['enqueue_s']:>9.3f} s      "
            f"floor {f['floor_enqueue_s']:.3f} s (bare INSERT … SELECT): {enqueue}",
            f"claim in batches of 500  {f['claim_batch_per_s']:>9,} rows/s "
            f"one at a time {f['claim_single_per_s']:,} rows/s: {claim}",
            f"send to the fake SMS     {f['send_per_s']:>9,} msg/s  "
            f"floor {f['floor_send_per_s']:,} msg/s (bare async client loop): {send}",
            f"publish → first message  {f['first_message_s']:>9.3f} s",
            f"peak memory growth       {f['peak_rss_mb']:>9.1f} MB",
            f"limited to {f['rate_limit_per_s']}/s          busiest second {f['busiest_second']}, "
            f"{f['rate_used']:.1%} of the limit used",
            f"idle worker              {f['idle_queries_per_s']:>9.2f} queries/s",
        ]
        return "\n".join(lines)
