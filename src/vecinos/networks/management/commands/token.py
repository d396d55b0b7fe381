from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from vecinos.networks import services
from vecinos.privacy.audit import audit
from vecinos.privacy.models import Action


class Command(BaseCommand):
    help = "Create an API token for a staff account. The token is printed alone on the last line."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a token")
        create.add_argument("--user", required=True)
        create.add_argument(
            "--days", type=int, default=services.TOKEN_DAYS, help="how long it works (1-366)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user named {options['user']!r}")
        if not services.is_dispatcher(user):
            raise CommandError(f"{user.username!r} is neither dispatcher nor coordinator")
        try:
            token = services.create_token(user, options["days"])
        except services.SetupError as error:
            raise CommandError(str(error)) from error
        audit(None, Action.TOKEN_CREATED, user.username)
        self.stdout.write(
            f"Keep this token secret; it is shown only once and works {options['days']} days."
        )
        self.stdout.write(token)
