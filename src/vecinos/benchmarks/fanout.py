"""`vecinos bench fanout`: the outbox measured against floors taken in the same run.

Each figure stands beside the cheapest way to do the same work on the same machine
and database, so the ratio says how much our code costs on top of the floor.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
import threading
import time
from datetime import timedelta
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized

import aiohttp
from django.db import connection, transaction
from django.utils import timezone

from vecinos import geo, wakeup
from vecinos.fakes.base import Reply, Request
from vecinos.fakes.twilio import FakeTwilio
from vecinos.messaging import channels, services
from vecinos.messaging.channels.http import CONNECTIONS
from vecinos.messaging.models import Broadcast, Delivery, Lane, Status
from vecinos.messaging.ratelimit import SlidingWindow
from vecinos.messaging.sender import Sender
from vecinos.neighbors.models import ContactArea, ContactPoint
from vecinos.networks.services import create_network
from vecinos.privacy.crypto import blind_index, seal
from vecinos.worker import Job, Worker

CENTER = (33.975, -118.255)
RATE_SECONDS = 3.0
IDLE_SECONDS = 30.0  # two rounds of the timers job, which polls every 15 s
EXPIRES = timedelta(hours=1)


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(subscribers: int) -> list[str]:
    """Confirmed SMS subscribers spread over the cells an alert will cover; returns the cells."""
    cells = sorted(geo.cells_around(*CENTER, 3, geo.NEIGHBOR))
    network = create_network("Bench (synthetic)", ["es", "en"], geo.cells_around(*CENTER, 8, 7))
    sealed = seal("+13235550100")  # one sealed value: sealing cost is not what is measured
    now, batch = timezone.now(), 20_000
    for start in range(0, subscribers, batch):
        count = min(batch, subscribers - start)
        contacts = ContactPoint.objects.bulk_create(
            ContactPoint(
                network=network,
                channel="sms",
                address_sealed=sealed,
                address_index=blind_index("sms", f"bench-{start + n}"),
                language="es" if n % 3 else "en",
                confirmed_at=now,
            )
            for n in range(count)
        )
        ContactArea.objects.bulk_create(
            ContactArea(contact=c, cell=cells[(start + n) % len(cells)])
            for n, c in enumerate(contacts)
        )
    return cells


def time_enqueue(cells: list[str], topic: str) -> float:
    started = time.perf_counter()
    with transaction.atomic():
        services.broadcast_to_cells(topic, {"es": "x", "en": "x"}, cells, timezone.now() + EXPIRES)
    return time.perf_counter() - started


def time_floor_enqueue(cells: list[str]) -> float:
    """The bare INSERT … SELECT of the same join into a table with no constraint to check."""
    contact, area = ContactPoint._meta.db_table, ContactArea._meta.db_table
    placeholders = ", ".join(["%s"] * len(cells))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_floor (contact_id bigint, channel varchar(10))"
        )
        started = time.perf_counter()
        with transaction.atomic():
            cursor.execute(
                f"INSERT INTO bench_floor SELECT DISTINCT c.id, c.channel FROM {contact} c "  # noqa: S608
                f"JOIN {area} a ON a.contact_id = c.id WHERE a.cell IN ({placeholders}) "
                "AND c.confirmed_at IS NOT NULL AND c.stopped_at IS NULL",
                cells,
            )
        elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_floor")
    return elapsed


def claim_rate(batch: int, rows: int) -> float:
    started, claimed = time.perf_counter(), 0
    while claimed < rows:
        got = services.claim(batch)
        if not got:
            break
        claimed += len(got)
    return claimed / (time.perf_counter() - started)


class _CountingTwilio(FakeTwilio):
    """Counts the messages it accepts where the parent process can read the count."""

    def __init__(self, counter: Synchronized) -> None:
        super().__init__()
        self.counter = counter

    def respond(self, request: Request) -> Reply:
        reply = super().respond(request)
        if reply.status == 201:
            with self.counter.get_lock():
                self.counter.value += 1
        return reply


class _TimedTwilio(FakeTwilio):
    """Notes when each request arrives, for the busiest second of a paced channel."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[float] = []

    def respond(self, request: Request) -> Reply:
        self.arrivals.append(time.perf_counter())
        return super().respond(request)


def _serve_counting(pipe: Connection, counter: Synchronized) -> None:
    """A child process's fake: it must not share our interpreter lock with the sender."""
    fake = _CountingTwilio(counter)
    fake.start()
    pipe.send(fake.environment())
    threading.Event().wait()


class FakeInAnotherProcess:
    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.counter = context.Value("l", 0)
        ours, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve_counting, args=(theirs, self.counter), daemon=True
        )
        self.process.start()
        self.env = ours.recv()
        self.url = self.env["VECINOS_TWILIO_API_BASE"]
        self.account_sid = self.env["VECINOS_TWILIO_ACCOUNT_SID"]
        self.auth_token = self.env["VECINOS_TWILIO_AUTH_TOKEN"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.join()


def send_rate(fake: FakeInAnotherProcess, count: int, threads: int) -> float:
    """Deliveries per second through the real sender: claim, compose, unseal, send, record."""
    before = fake.counter.value
    started = time.perf_counter()
    sender = Sender(batch_size=200, threads=threads)
    while fake.counter.value - before < count and sender.run_once():
        pass
    return (fake.counter.value - before) / (time.perf_counter() - started)


async def _bare_loop(url: str, auth: tuple[str, str], count: int, concurrency: int) -> None:
    """The same HTTP client with nothing around it: no database, no queue, no templates."""
    form = {"To": "+13235550100", "From": "+13235550199", "Body": "floor"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    headers = {"Authorization": aiohttp.encode_basic_auth(*auth)}
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
        remaining = [count]

        async def lane() -> None:
            while remaining[0] > 0:
                remaining[0] -= 1
                async with session.post(url, data=form) as answer:
                    await answer.read()

        await asyncio.gather(*(lane() for _ in range(concurrency)))


def floor_send_rate(fake: FakeInAnotherProcess, count: int, concurrency: int) -> float:
    url = f"{fake.url}/2010-04-01/Accounts/{fake.account_sid}/Messages.json"
    started = time.perf_counter()
    asyncio.run(_bare_loop(url, (fake.account_sid, fake.auth_token), count, concurrency))
    return count / (time.perf_counter() - started)


_FAKE: dict[str, _TimedTwilio] = {}


def first_message_latency(cells: list[str]) -> float:
    """From publishing an alert to its first message reaching the provider, worker running."""
    fake = _FAKE["twilio"]
    before = len(fake.messages)
    worker = Worker(jobs=[Job("send", Sender(batch_size=50).run_once, every_seconds=0)])
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    time.sleep(0.3)  # the worker is idle and waiting, as in production
    started = time.perf_counter()
    with transaction.atomic():
        services.broadcast_to_cells(
            "bench:first", {"es": "x"}, cells[:1], timezone.now() + EXPIRES, lane=Lane.URGENT
        )
    while len(fake.messages) == before and time.perf_counter() - started < 10:
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    worker.stop()
    thread.join()
    return elapsed


def idle_queries_per_second(seconds: float) -> float:
    """Queries an idle worker makes, after its first round (which runs every job once)."""
    Delivery.objects.filter(status=Status.QUEUED).update(status=Status.CANCELLED)
    worker = Worker()
    worker.tick()
    count = 0

    def counter(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    wakeup.queued.clear()
    threading.Timer(seconds, worker.stop).start()
    with connection.execute_wrapper(counter):
        worker.run()
    return count / seconds


def rate_limited(cells: list[str], rate: float, seconds: float) -> tuple[int, float]:
    """Most messages in any one-second window, and the share of the limit used, with a backlog."""
    with transaction.atomic():
        services.broadcast_to_cells("bench:rate", {"es": "x"}, cells, timezone.now() + EXPIRES)
    fake = _FAKE["twilio"]
    before = len(fake.messages)
    fake.arrivals.clear()
    sender = Sender(batch_size=20, threads=4)
    sender.windows["sms"] = SlidingWindow(rate)
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        sender.run_once()
    elapsed = time.perf_counter() - started
    arrivals = list(fake.arrivals)
    busiest = max(sum(1 for t in arrivals if s <= t < s + 1) for s in arrivals) if arrivals else 0
    return busiest, (len(fake.messages) - before) / (rate * elapsed)


def run(subscribers: int, send_count: int) -> dict[str, float]:
    memory_before = rss_mb()
    cells = seed(subscribers)
    enqueue_s = time_enqueue(cells, "bench:enqueue")
    floor_enqueue_s = time_floor_enqueue(cells)
    peak_rss_growth = rss_mb() - memory_before
    batch_rate = claim_rate(500, min(subscribers, 20_000))
    Delivery.objects.filter(status=Status.SENDING).update(status=Status.QUEUED, lease_until=None)
    single_rate = claim_rate(1, 500)
    Delivery.objects.filter(status=Status.SENDING).update(status=Status.QUEUED, lease_until=None)
    Delivery.objects.filter(
        pk__in=Delivery.objects.filter(status=Status.QUEUED)
        .order_by("id")
        .values("id")[send_count:]
    ).update(status=Status.CANCELLED)
    far = FakeInAnotherProcess()
    _configure(far)
    try:
        send_per_s = send_rate(far, send_count, threads=8)
        floor_send_per_s = floor_send_rate(far, send_count, concurrency=CONNECTIONS)
    finally:
        far.stop()
    Broadcast.objects.update(cancelled_at=timezone.now())
    near = _TimedTwilio().start()
    _FAKE["twilio"] = near
    _configure(near)
    try:
        first_message_s = first_message_latency(cells)
        busiest, used = rate_limited(cells, rate=50, seconds=RATE_SECONDS)
        idle_qps = idle_queries_per_second(IDLE_SECONDS)
    finally:
        near.stop()
    return {
        "subscribers": subscribers,
        "enqueue_s": round(enqueue_s, 3),
        "floor_enqueue_s": round(floor_enqueue_s, 3),
        "claim_batch_per_s": round(batch_rate),
        "claim_single_per_s": round(single_rate),
        "first_message_s": round(first_message_s, 3),
        "send_per_s": round(send_per_s),
        "floor_send_per_s": round(floor_send_per_s),
        "peak_rss_mb": round(peak_rss_growth, 1),
        "rate_limit_per_s": 50,
        "busiest_second": busiest,
        "rate_used": round(used, 3),
        "idle_queries_per_s": round(idle_qps, 2),
    }


def _configure(fake: FakeTwilio | FakeInAnotherProcess) -> None:
    channels.configure(
        "sms", fake.env if isinstance(fake, FakeInAnotherProcess) else fake.environment()
    )
