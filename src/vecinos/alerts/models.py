from __future__ import annotations

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
