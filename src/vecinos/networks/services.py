"""Setting up a network and its staff."""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from datetime import timedelta

import phonenumbers
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import geo
from vecinos.networks.models import ApiToken, Area, Invitation, Network, Role
from vecinos.networks.signals import network_created

TOKEN_PREFIX = "vec_"  # noqa: S105 (a public marker, not a secret)
TOKEN_DAYS = 90
INVITATION_LASTS = timedelta(hours=48)


class SetupError(ValueError):
    """A network or account cannot be created as asked; the message says why."""


def validate_languages(languages: list[str]) -> list[str]:
    codes = [code.strip().lower() for code in languages if code.strip()]
    if not codes:
        raise SetupError("at least one language is needed")
    # A language this installation has: its folder under settings.LANGUAGE_DIRS and catalog.
    unknown = [code for code in codes if code not in dict(settings.LANGUAGES)]
    if unknown:
        raise SetupError(f"unknown language code(s): {', '.join(unknown)}")
    if len(set(codes)) != len(codes):
        raise SetupError("a language is listed twice")
    return codes


def validate_hotline(raw: str) -> str:
    """A phone number as a neighbor dials it from abroad too, or "" for none."""
    if not raw.strip():
        return ""
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException as error:
        raise SetupError(f"the hotline {raw!r} is not a phone number") from error
    if not phonenumbers.is_valid_number(number):
        raise SetupError(f"the hotline {raw!r} is not a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def set_hotline(network: Network, raw: str) -> Network:
    network.hotline = validate_hotline(raw)
    network.save(update_fields=["hotline"])
    return network


def hotline() -> str:
    """The number a neighbor calls: the installation's first network with one, or ""."""
    network = Network.objects.exclude(hotline="").order_by("pk").first()
    return network.hotline if network else ""


def tel_uri(number: str) -> str:
    """A tap-to-call link (RFC 3966): the digits and the leading +, no spaces or dashes."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


@transaction.atomic
def create_network(
    name: str,
    languages: list[str],
    coverage: set[str],
    areas: dict[str, set[str]] | None = None,
    is_demo: bool = False,
    hotline: str = "",
) -> Network:
    """A network covering ``coverage`` (cells at geo.COVERAGE) with named areas (geo.NEIGHBOR)."""
    if Network.objects.filter(name=name).exists():
        raise SetupError(f"a network named {name!r} exists already")
    if not coverage:
        raise SetupError("the network covers no place")
    network = Network.objects.create(
        name=name,
        languages=validate_languages(languages),
        coverage=sorted(coverage),
        is_demo=is_demo,
        hotline=validate_hotline(hotline),
    )
    for area_name, cells in (areas or {}).items():
        Area.objects.create(network=network, name=area_name, cells=sorted(cells))
    network_created.send(Network, network=network)
    return network


def network_for_cell(cell: str) -> Network | None:
    for network in Network.objects.all():
        if network.covers(cell):
            return network
    return None


def area_for_cell(network: Network, cell: str) -> Area | None:
    """The named area a cell lies in; where areas overlap, the one whose middle is nearest."""
    block = geo.coarsen(cell, geo.NEIGHBOR)

    def distance_to_middle(area: Area) -> float:
        distance = geo.grid_distance(block, geo.coarsen(area.center_cell, geo.NEIGHBOR))
        return math.inf if distance is None else distance

    containing = [area for area in network.areas.all() if area.contains(cell)]
    return min(containing, key=distance_to_middle, default=None)


@transaction.atomic
def create_staff(username: str, role: Role, password: str) -> User:
    if User.objects.filter(username=username).exists():
        raise SetupError(f"a user named {username!r} exists already")
    user = User.objects.create_user(username=username, password=password)
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    return user


def has_role(user: User | AnonymousUser, *roles: Role) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name__in=[role.value for role in roles]).exists()


def is_dispatcher(user: User | AnonymousUser) -> bool:
    """Coordinators can do everything a dispatcher can."""
    return has_role(user, Role.DISPATCHER, Role.COORDINATOR)


def is_staff_member(user: User | AnonymousUser) -> bool:
    """Anyone with a console role, organizers (who only read) included."""
    return has_role(user, *Role)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, days: int = TOKEN_DAYS) -> str:
    if not 1 <= days <= 366:
        raise SetupError("a token lasts from 1 to 366 days")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=days)
    ApiToken.objects.create(user=user, digest=_digest(token), expires_at=expires_at)
    return token


def user_for_token(token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), expires_at__gt=timezone.now())
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    return found.user


def invite(role: Role, by: User) -> str:
    """A single-use link token for someone to join as ``role``; shown once, kept hashed."""
    if role not in Role.values:
        raise SetupError(_("Unknown role."))
    token = secrets.token_urlsafe(24)
    Invitation.objects.create(
        role=role,
        digest=_digest(token),
        created_by=by,
        expires_at=timezone.now() + INVITATION_LASTS,
    )
    return token


def open_invitation(token: str) -> Invitation | None:
    if len(token) > 100:
        return None
    return Invitation.objects.filter(
        digest=_digest(token), used_at=None, expires_at__gt=timezone.now()
    ).first()


@transaction.atomic
def accept_invitation(token: str, username: str, password: str) -> User:
    """The invited person chooses a name and a password; the invitation is then spent."""
    invitation = open_invitation(token)
    if invitation is None:
        raise SetupError(_("This invitation was used already or has expired."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise SetupError(_("This invitation was used already or has expired."))
    if User.objects.filter(username__iexact=username).exists():
        raise SetupError(_("That name is taken. Choose another one."))
    user = create_staff(username, Role(invitation.role), password)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def coverage_from_zips(zip_codes: list[str]) -> set[str]:
    cells: set[str] = set()
    for zip_code in zip_codes:
        try:
            cells |= geo.zip_cells(zip_code, geo.COVERAGE)
        except geo.InvalidLocation as error:
            raise SetupError(f"ZIP code {zip_code}: {error}") from error
    return cells
