"""The outbox: writing deliveries, claiming them, sending one, and recording how it went."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from vecinos import languages, wakeup
from vecinos.messaging.channels import (
    Message,
    Transport,
    TransportError,
    channel_type,
    configured,
)
from vecinos.messaging.models import Broadcast, Delivery, Lane, Status
from vecinos.neighbors.messages import footer, stop_link
from vecinos.neighbors.models import ContactArea, ContactPoint
from vecinos.privacy.crypto import unseal

log = logging.getLogger("vecinos.messaging")

LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 8
BACKOFF_FIRST_SECONDS = 2.0
BACKOFF_MAX_SECONDS = 300.0


def _fan_out_sql() -> str:
    delivery, contact, area = (
        Delivery._meta.db_table,
        ContactPoint._meta.db_table,
        ContactArea._meta.db_table,
    )
    return f"""
        INSERT INTO {delivery}
            (broadcast_id, contact_id, channel, lane, status, attempts, due_at, error,
             provider_id, receipt)
        SELECT DISTINCT %s, c.id, c.channel, %s, 'queued', 0, %s, '', '', ''
        FROM {contact} c JOIN {area} a ON a.contact_id = c.id
        WHERE a.cell IN ({{cells}})
          AND c.confirmed_at IS NOT NULL AND c.stopped_at IS NULL
          AND c.is_test = %s {{heads_up}}
        ON CONFLICT DO NOTHING
    """  # noqa: S608 (table names come from the models, values are parameters)


def _resend_sql() -> str:
    delivery, broadcast, contact = (
        Delivery._meta.db_table,
        Broadcast._meta.db_table,
        ContactPoint._meta.db_table,
    )
    return f"""
        INSERT INTO {delivery}
            (broadcast_id, contact_id, channel, lane, status, attempts, due_at, error,
             provider_id, receipt)
        SELECT DISTINCT %s, d.contact_id, d.channel, %s, 'queued', 0, %s, '', '', ''
        FROM {delivery} d
        JOIN {broadcast} b ON b.id = d.broadcast_id
        JOIN {contact} c ON c.id = d.contact_id
        WHERE b.topic IN ({{topics}}) AND d.status IN ('sent', 'sending')
          AND c.stopped_at IS NULL
        ON CONFLICT DO NOTHING
    """  # noqa: S608


def broadcast_to_cells(
    topic: str,
    texts: dict[str, str],
    cells: Iterable[str],
    expires_at: datetime,
    lane: Lane = Lane.BULK,
    heads_up_only: bool = False,
    test_only: bool = False,
    also_reached_by: Iterable[str] = (),
    links: dict[str, str] | None = None,
) -> Broadcast:
    """One delivery per confirmed contact point whose areas meet ``cells``, in one statement,
    plus everyone a broadcast of ``also_reached_by`` reached, so a correction follows its alarm.
    ``links`` are the public pages with the whole text, per language.
    """
    now = timezone.now()
    broadcast = Broadcast.objects.create(
        topic=topic, texts=texts, lane=lane, expires_at=expires_at, links=links or {}
    )
    cells, earlier = list(cells), list(also_reached_by)
    with connection.cursor() as cursor:
        if cells:
            sql = _fan_out_sql().format(
                cells=", ".join(["%s"] * len(cells)),
                heads_up="AND c.heads_up = %s" if heads_up_only else "",
            )
            params: list[int | str | datetime | bool] = [broadcast.pk, lane, now, *cells, test_only]
            cursor.execute(sql, params + ([True] if heads_up_only else []))
        if earlier:
            sql = _resend_sql().format(topics=", ".join(["%s"] * len(earlier)))
            cursor.execute(sql, [broadcast.pk, lane, now, *earlier])
    transaction.on_commit(wakeup.wake)
    return broadcast


def reach(cells: Iterable[str]) -> int:
    """How many confirmed, not stopped contact points a broadcast to ``cells`` would reach."""
    return (
        ContactPoint.objects.filter(
            areas__cell__in=list(cells),
            confirmed_at__isnull=False,
            stopped_at=None,
            is_test=False,
        )
        .distinct()
        .count()
    )


def send_to(contact: ContactPoint, topic: str, texts: dict[str, str], ttl: timedelta) -> Delivery:
    """A single urgent message (a code, a reply) to one contact point, confirmed or not."""
    now = timezone.now()
    broadcast = Broadcast.objects.create(
        topic=topic, texts=texts, lane=Lane.URGENT, expires_at=now + ttl, direct=True
    )
    delivery = Delivery.objects.create(
        broadcast=broadcast, contact=contact, channel=contact.channel, lane=Lane.URGENT, due_at=now
    )
    transaction.on_commit(wakeup.wake)
    return delivery


def cancel_topic(topic: str) -> int:
    """Stop every unsent delivery about ``topic``; returns how many were stopped."""
    now = timezone.now()
    Broadcast.objects.filter(topic=topic, cancelled_at=None).update(cancelled_at=now)
    return Delivery.objects.filter(broadcast__topic=topic, status=Status.QUEUED).update(
        status=Status.CANCELLED
    )


def progress(topics: Iterable[str]) -> dict[str, dict[str, dict[str, int]]]:
    """Per topic, per channel, how many deliveries are in each status and, where the
    provider sent receipts, in each receipt."""
    result: dict[str, dict[str, dict[str, int]]] = {}
    deliveries = Delivery.objects.filter(broadcast__topic__in=list(topics))
    for field in ("status", "receipt"):
        rows = deliveries.exclude(**{field: ""}).values("broadcast__topic", "channel", field)
        for row in rows.annotate(count=Count("id")):
            topic = result.setdefault(row["broadcast__topic"], {})
            topic.setdefault(row["channel"], {})[row[field]] = row["count"]
    return result


def failures(topic: str, most: int = 5) -> list[tuple[str, str, int]]:
    """(channel, the provider's answer, how many) for what failed for good, most first."""
    rows = (
        Delivery.objects.filter(broadcast__topic=topic, status=Status.FAILED)
        .values_list("channel", "error")
        .annotate(count=Count("id"))
        .order_by("-count")
    )
    return list(rows[:most])


def claim(limit: int, now: datetime | None = None) -> list[int]:
    """Take up to ``limit`` due deliveries (urgent first) under a lease, atomically.

    A delivery whose lease ran out (its worker died) is due again. An idle outbox
    costs one indexed read, and no write lock.
    """
    now = now or timezone.now()
    due, lapsed = (
        Q(status=Status.QUEUED, due_at__lte=now),
        Q(status=Status.SENDING, lease_until__lt=now),
    )
    if not _anything_due(now):
        return []
    queued = Delivery.objects.filter(due).order_by("lane", "due_at", "id")
    # In the order of its partial index: ordered by id alone, SQLite scans the whole outbox.
    abandoned = Delivery.objects.filter(lapsed).order_by("lease_until", "id")
    with transaction.atomic():
        ids = _lock_ids(abandoned, limit)
        ids += _lock_ids(queued, limit - len(ids))
        if ids:
            Delivery.objects.filter(id__in=ids).update(
                status=Status.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1
            )
    return ids


def _anything_due(now: datetime) -> bool:
    """One query, each half read from its partial index (an OR of the two scans the table)."""
    table = Delivery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE status = %s AND due_at <= %s) "  # noqa: S608
            f"OR EXISTS (SELECT 1 FROM {table} WHERE status = %s AND lease_until < %s)",
            [Status.QUEUED, now, Status.SENDING, now],
        )
        return bool(cursor.fetchone()[0])


def _lock_ids(candidates: QuerySet[Delivery], limit: int) -> list[int]:
    """On PostgreSQL, rows another worker holds are skipped; SQLite has one writer anyway."""
    if limit <= 0:
        return []
    if connection.features.has_select_for_update_skip_locked:
        candidates = candidates.select_for_update(skip_locked=True)
    return list(candidates.values_list("id", flat=True)[:limit])


@dataclass(frozen=True, slots=True)
class Claimed:
    """A claimed delivery with what sending it needs, read as plain values: building
    model instances cost ten times the query, once per message."""

    id: int
    channel: str
    attempts: int
    broadcast: Broadcast
    contact_id: int
    address_sealed: str
    language: str
    stopped: bool
    fold_accents: bool

    @property
    def idempotency_key(self) -> str:
        """The same for every attempt of this row, so a provider can drop a repeat."""
        return f"vecinos-{self.broadcast.pk}-{self.contact_id}"


def load_claimed(ids: list[int]) -> list[Claimed]:
    """The claimed rows with what sending needs, urgent first, in two queries."""
    rows = list(
        Delivery.objects.filter(pk__in=ids)
        .order_by("lane", "due_at", "id")
        .values_list(
            "id",
            "channel",
            "attempts",
            "broadcast_id",
            "contact_id",
            "contact__address_sealed",
            "contact__language",
            "contact__stopped_at",
            "contact__network__fold_accents",
        )
    )
    broadcasts = Broadcast.objects.in_bulk({row[3] for row in rows})
    return [
        Claimed(
            id, channel, attempts, broadcasts[broadcast], contact, sealed, lang, bool(stop), fold
        )
        for id, channel, attempts, broadcast, contact, sealed, lang, stop, fold in rows
    ]


def compose(claimed: Claimed) -> Message:
    broadcast, language, channel = claimed.broadcast, claimed.language, claimed.channel
    text = f"{broadcast.text_for(language)}\n{footer(claimed.contact_id, channel, language)}"
    keyword_channel = channel_type(channel).takes_keywords
    return Message(
        text=channel_type(channel).fitted(text, claimed.fold_accents),
        language=language,
        ttl_seconds=int((broadcast.expires_at - timezone.now()).total_seconds()),
        topic=broadcast.topic,
        link=languages.pick(broadcast.links, language) if broadcast.links else "",
        # Signing costs: only channels that stop by a link carry one.
        stop_link="" if keyword_channel else stop_link(claimed.contact_id, language),
        delivery_id=claimed.id,
    )


def backoff_seconds(attempts: int, retry_after: float | None) -> float:
    exponential = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** (attempts - 1))
    jittered = exponential * random.uniform(0.5, 1.5)  # noqa: S311 (spreading retries, not secrets)
    return max(retry_after or 0.0, jittered)


@dataclass(frozen=True)
class Outcome:
    delivery_id: int
    status: Status
    error: str = ""
    due_at: datetime | None = None
    provider_id: str = ""


def write_outcomes(outcomes: list[Outcome]) -> None:
    """Record outcomes in one statement, executed for each row.

    Plain SQL: this runs once per message, and the ORM's query building cost more
    than the write itself.
    """
    if not outcomes:
        return
    now = timezone.now()
    rows = [
        (
            o.status,
            o.error[:200],
            now if o.status == Status.SENT else None,
            o.due_at,
            o.provider_id[:64],
            o.delivery_id,
        )
        for o in outcomes
    ]
    # One transaction: left to autocommit, every row would be a commit of its own.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Delivery._meta.db_table} SET status = %s, error = %s, lease_until = NULL, "  # noqa: S608
            "sent_at = %s, due_at = COALESCE(%s, due_at), provider_id = %s WHERE id = %s",
            rows,
        )


def _finish(claimed: Claimed, status: Status, error: str = "") -> None:
    write_outcomes([Outcome(claimed.id, status, error)])


def _skip_reason(claimed: Claimed, now: datetime) -> Status | None:
    broadcast = claimed.broadcast
    if broadcast.cancelled_at is not None or (claimed.stopped and not broadcast.direct):
        return Status.CANCELLED
    if broadcast.expires_at <= now:
        return Status.EXPIRED
    return None


@dataclass(frozen=True)
class Outgoing:
    claimed: Claimed
    transport: Transport
    address: str
    message: Message


def prepare(claimed: Claimed) -> Outgoing | Status:
    """What to send for a claimed delivery, or the status it ended with unsent."""
    skip = _skip_reason(claimed, timezone.now())
    if skip is not None:
        _finish(claimed, skip)
        return skip
    transport = configured().get(claimed.channel)
    if transport is None:
        _finish(claimed, Status.FAILED, "channel not configured")
        return Status.FAILED
    return Outgoing(claimed, transport, unseal(claimed.address_sealed), compose(claimed))


def outcome(claimed: Claimed, error: TransportError | None, provider_id: str = "") -> Outcome:
    """How a send went: sent, failed for good, or due again after a backoff."""
    if error is None:
        return Outcome(claimed.id, Status.SENT, provider_id=provider_id)
    if error.permanent or claimed.attempts >= MAX_ATTEMPTS:
        return Outcome(claimed.id, Status.FAILED, str(error))
    delay = timedelta(seconds=backoff_seconds(claimed.attempts, error.retry_after))
    return Outcome(claimed.id, Status.QUEUED, str(error), timezone.now() + delay)


def deliver(claimed: Claimed) -> Status:
    """Send one claimed delivery right now and record the outcome (the one-at-a-time path)."""
    outgoing = prepare(claimed)
    if isinstance(outgoing, Status):
        return outgoing
    try:
        provider_id = outgoing.transport.send(
            outgoing.address, outgoing.message, claimed.idempotency_key
        )
    except TransportError as error:
        result = outcome(claimed, error)
    else:
        result = outcome(claimed, None, provider_id or "")
    write_outcomes([result])
    return result.status
