from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vecinos.networks.models import Area, Network
from vecinos.privacy.fields import SealedTextField


class Activity(models.TextChoices):
    HOME_DOOR = "home_door", _("Agents at the door of a home")
    WORKPLACE = "workplace", _("Agents at a workplace")
    STREET_ARREST = "street_arrest", _("An arrest on the street")
    VEHICLE_STOP = "vehicle_stop", _("A vehicle stopped by agents")
    CHECKPOINT = "checkpoint", _("A checkpoint")
    COURTHOUSE = "courthouse", _("Agents at a courthouse")
    STAGING = "staging", _("Agents gathering or waiting")
    OTHER = "other", _("Something else")


class Source(models.TextChoices):
    WEB = "web", _("Web form")
    API = "api", _("API")
    HOTLINE = "hotline", _("Hotline call")
    SMS = "sms", _("Text message")


class Status(models.TextChoices):
    REPORTED = "reported", _("Reported")
    VERIFYING = "verifying", _("Verifying")
    CONFIRMED = "confirmed", _("Confirmed")
    UNFOUNDED = "unfounded", _("Unfounded")
    UNVERIFIABLE = "unverifiable", _("Could not be verified")
    ENDED = "ended", _("Ended")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = [Status.REPORTED, Status.VERIFYING, Status.CONFIRMED]
VERIFICATION_OUTCOMES = [Status.CONFIRMED, Status.UNFOUNDED, Status.UNVERIFIABLE]


class Incident(models.Model):
    """One event on the ground, made of one or more reports."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="incidents")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REPORTED)
    activity = models.CharField(max_length=16, choices=Activity.choices)
    cell = models.CharField(max_length=16, help_text="H3 cell of the first report (geo.REPORT).")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL)
    opened_at = models.DateTimeField()
    last_observed_at = models.DateTimeField(db_index=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    finding = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the dispatcher found, e.g. 'local police, not immigration'.",
    )
    people_taken = models.PositiveSmallIntegerField(null=True, blank=True)
    where_note = SealedTextField(
        max_length=300,
        blank=True,
        help_text="Where exactly, in words, for the responders; erased at closing.",
    )
    help_needed_at = models.DateTimeField(
        null=True, blank=True, help_text="A responder called for help and no one answered yet."
    )
    status_changed_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_observed_at"]
        indexes = [models.Index(fields=["network", "status", "cell"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        """Closed: its details are erased and nothing more is done with it."""
        return self.status == Status.CLOSED

    @property
    def awaits_verification(self) -> bool:
        return self.status in (Status.REPORTED, Status.VERIFYING)

    @property
    def may_end(self) -> bool:
        """The agents leave once: an ended or closed incident does not end again."""
        return self.status not in (Status.ENDED, Status.CLOSED)

    @property
    def allows_retraction(self) -> bool:
        """Until the agents are recorded as gone, an alarm may still prove false."""
        return self.status != Status.ENDED

    @property
    def area_name(self) -> str:
        return self.area.name if self.area else self.network.name


class Report(models.Model):
    """One neighbor's sighting. Holds no contact detail and no coordinate, only a cell."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="reports")
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="reports")
    source = models.CharField(max_length=8, choices=Source.choices)
    activity = models.CharField(max_length=16, choices=Activity.choices)
    cell = models.CharField(max_length=16)
    agents = models.PositiveSmallIntegerField(null=True, blank=True)
    vehicles = models.PositiveSmallIntegerField(null=True, blank=True)
    uniform = SealedTextField(max_length=200, blank=True)
    equipment = SealedTextField(max_length=200, blank=True)
    why_immigration = SealedTextField(max_length=300, blank=True)
    details = SealedTextField(max_length=1000, blank=True)
    landmark = SealedTextField(
        max_length=200, blank=True, help_text="A cross street or landmark; erased at closing."
    )
    observed_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(max_length=8)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    source_tag = models.CharField(
        max_length=12,
        blank=True,
        help_text="Prefix of the source's day-salted keyed hash: tells reports of one source "
        "apart from independent ones; erased at closing.",
    )

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"report {self.pk}"


class Event(models.TextChoices):
    OPENED = "opened", _("Incident opened")
    REPORT_JOINED = "report_joined", _("Another report joined")
    CLAIMED = "claimed", _("Claimed")
    RELEASED = "released", _("Released")
    VERIFIED = "verified", _("Verification recorded")
    MERGED = "merged", _("Merged")
    SPLIT = "split", _("Split")
    ALERT_PUBLISHED = "alert_published", _("Alert published")
    ALERT_WAITING = "alert_waiting", _("Alert waits for a second dispatcher")
    EXERCISE_SENT = "exercise_sent", _("Exercise sent to test subscribers")
    HEADS_UP_SENT = "heads_up_sent", _("Unverified heads-up sent")
    HEADS_UP_CORRECTED = "heads_up_fixed", _("Heads-up corrected")
    ALERT_CANCELLED = "alert_cancelled", _("Alert taken down")
    ENDED = "ended", _("Ended")
    CLOSED = "closed", _("Closed")
    RESPONDERS_ASKED = "responders_asked", _("Responders asked")
    RESPONDER_ACCEPTED = "responder_accepted", _("A responder is on the way")
    RESPONDER_DECLINED = "responder_declined", _("A responder cannot go")
    ESCALATED = "escalated", _("Too few accepted: the next ring was asked")
    NO_RESPONDERS = "no_responders", _("No more responders to ask")
    SCENE_UPDATE = "scene_update", _("Update from the scene")
    CHECKED_IN = "checked_in", _("A responder checked in safe")
    CHECKIN_OVERDUE = "checkin_overdue", _("A responder has not checked in")
    WHERE_NOTED = "where_noted", _("Where exactly, noted for responders")
    HELP_NEEDED = "help_needed", _("A responder needs help now")
    HELP_ANSWERED = "help_answered", _("The call for help was answered")


class TimelineEntry(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    event = models.CharField(max_length=20, choices=Event.choices)
    note = SealedTextField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return f"{self.event} at {self.at:%H:%M}"


class MergedIncident(models.Model):
    """An incident merged into another: its old address leads to the one it joined."""

    old_pk = models.PositiveBigIntegerField(unique=True)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="merged_from")

    def __str__(self) -> str:
        return f"#{self.old_pk} → #{self.incident_id}"
