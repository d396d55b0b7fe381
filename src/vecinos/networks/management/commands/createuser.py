from __future__ import annotations

import secrets
import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vecinos.networks import services
from vecinos.networks.models import Role


class Command(BaseCommand):
    help = "Create a staff account. Without --password-stdin a password is generated and printed."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        generated = not options["password_stdin"]
        password = secrets.token_urlsafe(12) if generated else sys.stdin.readline().rstrip("\n")
        try:
            validate_password(password)
            user = services.create_staff(options["username"], Role(options["role"]), password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except services.SetupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Created {options['role']} {user.username!r}.")
        if generated:
            self.stdout.write(f"Password: {password}")
