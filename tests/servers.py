"""Running the real `vecinos` command for the tests that need a real server."""

from __future__ import annotations

import socket
import subprocess
import sys
from typing import IO

COMMAND = [sys.executable, "-c", "from vecinos.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def vecinos(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    """Run one `vecinos` subcommand to its end; returns what it printed."""
    done = subprocess.run(
        [*COMMAND, *args], env=env, input=stdin, capture_output=True, text=True, check=True
    )
    return done.stdout


def serve(
    env: dict[str, str], port: int, output: IO | int = subprocess.DEVNULL
) -> subprocess.Popen:
    """`vecinos serve` (site and worker) in the background."""
    return subprocess.Popen(
        [*COMMAND, "serve", "--port", str(port)], env=env, stdout=output, stderr=subprocess.STDOUT
    )
