"""The ``vecinos`` command: every Django management command, under one name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vecinos.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vecinos", *(sys.argv[1:] if argv is None else argv)])
