"""Responders: the neighbors who show up, what they trained for, and who was asked to go where."""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vecinos.neighbors.models import ContactPoint
from vecinos.networks.models import Network
from vecinos.privacy.fields import SealedTextField
from vecinos.reports.models import Incident, TimelineEntry


class Skill(models.TextChoices):
    VERIFIER = "verifier", _("Verifier")
    LEGAL_OBSERVER = "legal_observer", _("Legal observer")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment")
    FAMILY_SUPPORT = "family_support", _("Family support")
    DRIVER = "driver", _("Driver")
    INTERPRETER = "interpreter", _("Interpreter")
    LAWYER = "lawyer", _("Lawyer")


class Stage(models.TextChoices):
    SIGNED_UP = "signed_up", _("Signed up")
    VETTED = "vetted", _("Vetted")
    TRAINED = "trained", _("Trained")
    ACTIVE = "active", _("Active")
    RESTING = "resting", _("Resting")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    BUSY = "busy", _("Busy")
    OFF = "off", _("Off")


class Responder(models.Model):
    """A volunteer. Reached through a sealed contact point; placed only by coarse cells."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="responders")
    alias = SealedTextField(max_length=60)
    # A contact point that is forgotten (never confirmed, or said STOP) takes its responder
    # with it: see privacy/retention.py.
    contact = models.OneToOneField(ContactPoint, on_delete=models.CASCADE)
    languages = models.JSONField(default=list)
    skills = models.JSONField(default=list, help_text="Roles they are willing to train for.")
    usually_free = SealedTextField(max_length=200, blank=True)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.SIGNED_UP)
    availability = models.CharField(
        max_length=10, choices=Availability.choices, default=Availability.OFF
    )
    link_version = models.PositiveSmallIntegerField(
        default=1, help_text="Raised to make every earlier personal link stop working."
    )
    signed_up_at = models.DateTimeField(auto_now_add=True)
    vetted_at = models.DateTimeField(null=True, blank=True)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-signed_up_at"]
        indexes = [models.Index(fields=["network", "stage", "availability"])]

    def __str__(self) -> str:
        return self.alias

    @property
    def may_be_vetted(self) -> bool:
        return self.stage == Stage.SIGNED_UP

    @property
    def may_be_trained(self) -> bool:
        """Trainings are recorded for someone vetted, at any later stage."""
        return self.stage != Stage.SIGNED_UP

    @property
    def may_be_activated(self) -> bool:
        return self.stage in (Stage.TRAINED, Stage.RESTING)

    @property
    def may_rest(self) -> bool:
        return self.stage == Stage.ACTIVE

    @property
    def may_be_dispatched(self) -> bool:
        """Only an active responder sets their availability and is asked to go."""
        return self.stage == Stage.ACTIVE

    @property
    def may_get_new_link(self) -> bool:
        """Their personal link went out when they were activated."""
        return self.stage in (Stage.ACTIVE, Stage.RESTING)


class ResponderArea(models.Model):
    """One cell (geo.NEIGHBOR) a responder can cover: one row each, so selection is a join."""

    responder = models.ForeignKey(Responder, on_delete=models.CASCADE, related_name="areas")
    cell = models.CharField(max_length=16, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["responder", "cell"], name="unique_responder_cell")
        ]

    def __str__(self) -> str:
        return self.cell


class Training(models.Model):
    responder = models.ForeignKey(Responder, on_delete=models.CASCADE, related_name="trainings")
    skill = models.CharField(max_length=16, choices=Skill.choices)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, help_text="Empty: never expires.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-completed_on"]
        indexes = [models.Index(fields=["skill", "responder"])]

    def __str__(self) -> str:
        return f"{self.skill} {self.completed_on}"


class Callout(models.Model):
    """A call for ``wanted`` responders of one role to one incident, asked ring by ring."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="callouts")
    skill = models.CharField(max_length=16, choices=Skill.choices)
    wanted = models.PositiveSmallIntegerField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ring = models.PositiveSmallIntegerField(default=0, help_text="Farthest grid distance asked.")
    escalate_at = models.DateTimeField(null=True, blank=True, db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.skill} for {self.incident}"

    def said_yes(self) -> int:
        """How many of those asked accepted, whether still out or back safe."""
        return self.dispatches.filter(status__in=SAID_YES).count()


class DispatchStatus(models.TextChoices):
    ASKED = "asked", _("Asked")
    ACCEPTED = "accepted", _("On the way")
    DECLINED = "declined", _("Cannot go")
    ON_SCENE = "on_scene", _("On scene")
    SAFE = "safe", _("Checked in safe")
    NOT_NEEDED = "not_needed", _("Not needed any more")


ANSWERABLE = [DispatchStatus.ASKED]
GOING = [DispatchStatus.ACCEPTED, DispatchStatus.ON_SCENE]
SAID_YES = [*GOING, DispatchStatus.SAFE]
# Asked or going: the responder may still see the incident.
LIVE = [*ANSWERABLE, *GOING]


class Dispatch(models.Model):
    """One responder asked to go to one incident."""

    callout = models.ForeignKey(Callout, on_delete=models.CASCADE, related_name="dispatches")
    responder = models.ForeignKey(Responder, on_delete=models.CASCADE, related_name="dispatches")
    ring = models.PositiveSmallIntegerField(help_text="Grid distance from the incident.")
    status = models.CharField(
        max_length=12, choices=DispatchStatus.choices, default=DispatchStatus.ASKED
    )
    asked_at = models.DateTimeField(db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    on_scene_at = models.DateTimeField(null=True, blank=True)
    safe_at = models.DateTimeField(null=True, blank=True)
    checkin_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    overdue_at = models.DateTimeField(
        null=True, blank=True, help_text="When the dispatcher was told of a missed check-in."
    )

    class Meta:
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["callout", "responder"], name="asked_once_per_callout")
        ]
        indexes = [models.Index(fields=["responder", "asked_at"])]
        verbose_name_plural = "dispatches"

    def __str__(self) -> str:
        return f"{self.responder} to {self.callout.incident}"

    @property
    def is_answerable(self) -> bool:
        return self.status in ANSWERABLE

    @property
    def is_going(self) -> bool:
        return self.status in GOING

    @property
    def shows_incident(self) -> bool:
        """A responder sees an incident's details only while asked or going to it, and open."""
        return self.status in LIVE and self.callout.incident.is_open


class Finding(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed: immigration agents are here")
    NOBODY = "nobody", _("Nobody there")
    LEFT = "left", _("The agents left")
    DETAINED = "detained", _("Someone was detained")


class SceneUpdate(models.Model):
    """What a responder saw. Its words live in the timeline entry, erased when the incident
    closes; the finding and the counts stay."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField()
    finding = models.CharField(max_length=12, choices=Finding.choices)
    agents = models.PositiveSmallIntegerField(null=True, blank=True)
    people_taken = models.PositiveSmallIntegerField(null=True, blank=True)
    entry = models.ForeignKey(TimelineEntry, null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} at {self.at:%H:%M}"

    @property
    def confirms_activity(self) -> bool:
        """Agents were seen there, leaving or taking someone: the sighting was real."""
        return self.finding != Finding.NOBODY


class Reply(enum.Enum):
    """How a responder's yes or no was taken."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    ALREADY_GOING = "already_going"
    FILLED = "filled"
    CLOSED = "closed"
    NOTHING_OPEN = "nothing_open"
