from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vecinos import geo


class Network(models.Model):
    """One rapid-response network: who it serves (coverage) and in which languages."""

    name = models.CharField(max_length=120, unique=True)
    languages = models.JSONField(help_text="Language codes, the first one is the default.")
    coverage = models.JSONField(help_text="H3 cells at geo.COVERAGE resolution.")
    is_demo = models.BooleanField(default=False)
    fold_accents = models.BooleanField(
        default=False,
        help_text="Send SMS without accents (á → a) when that saves segments.",
    )
    auto_dispatch = models.BooleanField(
        default=False,
        help_text="Ask the nearest verifiers as soon as a report opens an incident.",
    )
    responders_wanted = models.PositiveSmallIntegerField(
        default=2, help_text="Responders to ask for per incident and role."
    )
    dispatch_window_minutes = models.PositiveSmallIntegerField(
        default=5, help_text="How long to wait for enough answers before asking the next ring."
    )
    checkin_minutes = models.PositiveSmallIntegerField(
        default=120, help_text="How long after accepting a responder has to check in safe."
    )
    heads_up_sources = models.PositiveSmallIntegerField(
        default=0,
        help_text="Send an unverified heads-up once this many independent sources report an "
        "incident (or a staff member enters a hotline report); 0: never.",
    )
    confirm_above = models.PositiveIntegerField(
        default=1000,
        help_text="An alert that would reach more subscribers than this waits for a second "
        "dispatcher to confirm it. Corrections never wait.",
    )
    alerts_per_hour = models.PositiveSmallIntegerField(
        default=10,
        help_text="Alerts one dispatcher may publish in an hour. Corrections are never capped.",
    )
    hotline = models.CharField(
        max_length=32, blank=True, help_text="The phone number a neighbor calls, if any."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def covers(self, cell: str) -> bool:
        return geo.covers(self.coverage, cell)


class Area(models.Model):
    """A named part of a network (a neighborhood, a city) that people recognize."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=120)
    cells = models.JSONField(help_text="H3 cells at geo.NEIGHBOR resolution.")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="unique_area_name")]

    def __str__(self) -> str:
        return self.name

    def contains(self, cell: str) -> bool:
        return geo.covers(self.cells, cell)

    @property
    def center_cell(self) -> str:
        """The cell nearest the middle of the area, for reports that name only the area."""
        lats, lngs = zip(*(geo.center(cell) for cell in self.cells), strict=True)
        middle = geo.snap(sum(lats) / len(lats), sum(lngs) / len(lngs), geo.NEIGHBOR)
        return geo.center_child(middle if self.contains(middle) else self.cells[0], geo.REPORT)


class Role(models.TextChoices):
    DISPATCHER = "dispatcher", _("Dispatcher")
    COORDINATOR = "coordinator", _("Coordinator")
    # Follows incidents to organize what comes after (families, lawyers, meetings): reads the
    # queue, incidents and who responded; cannot claim, verify, publish or dispatch.
    ORGANIZER = "organizer", _("Organizer")


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, help_text="Refused, then deleted, after this.")

    def __str__(self) -> str:
        return f"token of {self.user}"


class Invitation(models.Model):
    """How a dispatcher or coordinator joins: a coordinator hands over a single-use link.
    Only a hash of it is stored."""

    role = models.CharField(max_length=12, choices=Role.choices)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation as {self.role}"
