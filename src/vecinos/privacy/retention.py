"""Retention, enforced by a job and not by a promise (DESIGN.md rule 5).

This is the runner: each app registers what it keeps and for how long, from its own
``retention.py``, when it is ready (``register``). ``vecinos purge --list`` prints the
table that SECURITY.md quotes. Incidents keep their details until they are closed
(the reports app's job), which is not a deletion and is not listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

# Everything is kept this much longer than it is needed: a purge that ran a minute early
# must not take what a neighbor still waits for.
GRACE = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    name: str  # what goes, plural ("contact points")
    period: str  # how long it is kept, in words, for the table
    expired: Callable[[datetime], QuerySet]  # given the cutoff (now less GRACE), what goes


RULES: dict[str, Rule] = {}
# Jobs that erase details rather than delete rows (closing settled incidents): the purge
# command runs them first, so what they leave behind can go in the same run.
ERASURES: dict[str, Callable[[], int]] = {}


def register(name: str, period: str) -> Callable[[Callable[[datetime], QuerySet]], Rule]:
    """Decorator for a function that, given the cutoff, returns the rows past retention."""

    def registering(expired: Callable[[datetime], QuerySet]) -> Rule:
        RULES[name] = Rule(name, period, expired)
        return RULES[name]

    return registering


def register_erasure(name: str) -> Callable[[Callable[[], int]], Callable[[], int]]:
    def registering(erase: Callable[[], int]) -> Callable[[], int]:
        ERASURES[name] = erase
        return erase

    return registering


def _cutoff(now: datetime | None) -> datetime:
    return (now or timezone.now()) - GRACE


@transaction.atomic
def purge(now: datetime | None = None) -> dict[str, int]:
    """Delete what is past its retention; returns how many rows of each kind went."""
    cutoff, gone = _cutoff(now), {}
    for rule in RULES.values():
        rows = rule.expired(cutoff)
        gone[rule.name] = rows.delete()[1].get(rows.model._meta.label, 0)
    return gone


def due(now: datetime | None = None) -> list[tuple[Rule, int]]:
    """Each rule with how many rows it would delete now."""
    cutoff = _cutoff(now)
    return [(rule, rule.expired(cutoff).count()) for rule in RULES.values()]


def purge_job() -> int:
    return sum(purge().values())
