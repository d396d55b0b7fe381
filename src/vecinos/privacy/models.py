from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    INCIDENT_VIEWED = "incident_viewed", _("Viewed an incident and its reports")
    INCIDENTS_LISTED = "incidents_listed", _("Listed incidents through the API")
    ALERT_PUBLISHED = "alert_published", _("Published an alert")
    ALERT_CANCELLED = "alert_cancelled", _("Took an alert down")
    SUBJECT_REPORT = "subject_report", _("Ran a subject report")
    TOKEN_CREATED = "token_created", _("Created an API token")
    RESPONDER_VIEWED = "responder_viewed", _("Viewed a responder's record")
    POLICY_CHANGED = "policy_changed", _("Changed how the network dispatches")
    INVITATION_CREATED = "invited", _("Invited someone to join the staff")
    INVITATION_USED = "joined", _("Joined the staff through an invitation")
    INCIDENTS_MERGED = "merged", _("Merged two incidents")
    INCIDENT_SPLIT = "split", _("Split reports into a new incident")
    INCIDENT_CLOSED = "closed", _("Closed an incident and erased its details")
    RESPONDER_VETTED = "vetted", _("Vetted a responder")
    TRAINING_RECORDED = "trained", _("Recorded a responder's training")
    RESPONDER_ACTIVATED = "activated", _("Activated a responder")


class AuditEntry(models.Model):
    """Who read personal data or sent an alert, and when. Holds no personal data itself."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.target}"
