from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vecinos import languages
from vecinos.networks.models import Network
from vecinos.reports.models import Incident


class Kind(models.TextChoices):
    VERIFIED = "verified", _("Verified alert")
    UPDATE = "update", _("Update")
    ALL_CLEAR = "all_clear", _("All clear")
    RETRACTION = "retraction", _("Retraction")

    @property
    def takes_certainty(self) -> bool:
        """Only a verified alert's certainty is the dispatcher's to choose."""
        return self == Kind.VERIFIED

    @property
    def ends_incident(self) -> bool:
        """An all-clear ends its incident, with the count of the people taken."""
        return self == Kind.ALL_CLEAR


# Corrections must overtake the alarms they correct, and are never capped.
CORRECTIONS = frozenset({Kind.RETRACTION, Kind.ALL_CLEAR})


class Certainty(models.TextChoices):
    """CAP 1.2 certainty values, labeled for neighbors."""

    OBSERVED = "Observed", _("Seen by a verifier")
    LIKELY = "Likely", _("Likely")
    UNKNOWN = "Unknown", _("Unverified")


class Alert(models.Model):
    """A warning to an area, with a text per language and an expiry."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="alerts")
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    certainty = models.CharField(max_length=12, choices=Certainty.choices)
    cells = models.JSONField(help_text="H3 cells at geo.NEIGHBOR resolution.")
    rings = models.PositiveSmallIntegerField()
    area_name = models.CharField(max_length=120)
    texts = models.JSONField(help_text='{"es": {"headline": …, "body": …}, …}')
    published_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Ended by a dispatcher rather than replaced by a later alert: CAP readers get its Cancel.
    taken_down = models.BooleanField(default=False)
    is_exercise = models.BooleanField(
        default=False, help_text="Practice: reaches test subscribers only, marked as such."
    )
    # Above the network's size, a second dispatcher confirms before anything is sent.
    needs_confirmation = models.BooleanField(default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts_confirmed",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["ended_at", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.kind} alert {self.pk}"

    @property
    def is_waiting(self) -> bool:
        """Prepared, above the network's size, and not confirmed by a second dispatcher yet."""
        return self.needs_confirmation and self.confirmed_at is None and self.ended_at is None

    @property
    def is_active(self) -> bool:
        sent = not self.needs_confirmation or self.confirmed_at is not None
        return sent and self.ended_at is None and self.expires_at > timezone.now()

    @property
    def is_alarm(self) -> bool:
        """Agents are here (verified or an update), as opposed to a correction."""
        return self.kind not in CORRECTIONS

    @property
    def may_be_taken_down(self) -> bool:
        return self.is_active or self.is_waiting

    @property
    def may_be_retracted(self) -> bool:
        """A real alarm still out; whether its incident allows it is the incident's to say."""
        return self.is_active and not self.is_exercise and self.is_alarm

    @cached_property
    def correction(self) -> Alert | None:
        """The retraction or all-clear that came after this alarm, if one went out."""
        if not self.is_alarm or self.incident_id is None or self.is_exercise:
            return None
        sent = models.Q(needs_confirmation=False) | models.Q(confirmed_at__isnull=False)
        later = Alert.objects.filter(
            sent,
            incident_id=self.incident_id,
            kind__in=CORRECTIONS,
            is_exercise=False,
            published_at__gte=self.published_at,
        )
        return later.order_by("published_at").first()

    @property
    def is_retracted(self) -> bool:
        """A false alarm: a retraction went out after it."""
        correction = self.correction
        return correction is not None and correction.kind == Kind.RETRACTION

    @property
    def stands(self) -> bool:
        """An alarm neither retracted nor taken down: only it wears its certainty and the
        door script, so a correction or a false alarm never looks like a verifier saw agents."""
        return self.is_alarm and not self.taken_down and not self.is_retracted

    @property
    def state_label(self) -> str:
        """Where this alert stands, in words for the reader."""
        if self.is_waiting:
            return str(_("waiting for a second dispatcher"))
        if self.taken_down:
            return str(_("taken down"))
        if self.is_active:
            return str(_("active"))
        if self.is_retracted:
            return str(_("false alarm, retracted"))
        return str(_("no longer active"))

    def text(self, language: str) -> dict[str, str]:
        """The text in ``language``, else along the network's fallback chain."""
        return languages.pick(self.texts, language, self.network.languages)


class AlertTemplate(models.Model):
    """The words a network uses for one kind of alert in one language."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="templates")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    language = models.CharField(max_length=8)
    headline = models.CharField(max_length=140)
    body = models.TextField(max_length=1000)

    class Meta:
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "kind", "language"], name="one_template_per_kind_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.language}"
