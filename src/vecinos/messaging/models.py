from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vecinos import languages
from vecinos.neighbors.models import ContactPoint


class Lane(models.IntegerChoices):
    """Urgent messages (codes, replies, retractions, dispatches) never wait behind bulk alerts."""

    URGENT = 0, _("Urgent")
    BULK = 1, _("Bulk")


class Broadcast(models.Model):
    """One message to one or many contact points, with its text per language.

    ``topic`` says what it is about ("alert:42", "code:7"), so other apps can find and
    cancel it without this app knowing what an alert is.
    """

    topic = models.CharField(max_length=40, db_index=True)
    texts = models.JSONField(help_text="{language: text}")
    links = models.JSONField(default=dict, help_text="{language: public page with the whole text}")
    lane = models.PositiveSmallIntegerField(choices=Lane.choices, default=Lane.BULK)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    direct = models.BooleanField(
        default=False,
        help_text="An answer to something the neighbor just did (a code, a reply to STOP): "
        "sent even to a contact point that stopped.",
    )

    def __str__(self) -> str:
        return self.topic

    def text_for(self, language: str) -> str:
        # Texts are written in the network's order of languages, its default first.
        return languages.pick(self.texts, language)


class Receipt(models.TextChoices):
    """What the provider told us afterwards (its delivery receipt), where it tells."""

    DELIVERED = "delivered", _("Delivered")
    READ = "read", _("Read")
    UNDELIVERED = "undelivered", _("Not delivered by the carrier")


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Not sent: cancelled")
    EXPIRED = "expired", _("Not sent: expired")


class Delivery(models.Model):
    """One contact point's copy of one broadcast: a row of the outbox.

    The row exists before the send; the worker records the outcome. The unique
    constraint is what keeps "exactly one message per recipient" true.
    """

    # No index of its own: the unique constraint below starts with it.
    broadcast = models.ForeignKey(
        Broadcast, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    contact = models.ForeignKey(ContactPoint, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10)
    lane = models.PositiveSmallIntegerField(choices=Lane.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    # The provider's id for the message, which its delivery receipts name.
    provider_id = models.CharField(max_length=64, blank=True)
    receipt = models.CharField(max_length=12, choices=Receipt.choices, blank=True)
    receipt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "contact"], name="one_delivery_each")
        ]
        # Partial indexes: a row sits in one only while it waits or is being sent, so
        # recording an outcome does not rewrite an index over the whole outbox.
        indexes = [
            models.Index(
                fields=["lane", "due_at", "id"],
                condition=models.Q(status="queued"),
                name="delivery_due",
            ),
            models.Index(
                fields=["lease_until"], condition=models.Q(status="sending"), name="delivery_leased"
            ),
            # Receipts find their row by the provider's id; rows without one stay out.
            models.Index(
                fields=["channel", "provider_id"],
                condition=~models.Q(provider_id=""),
                name="delivery_provider_id",
            ),
        ]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"delivery {self.pk}"
