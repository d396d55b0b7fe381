from __future__ import annotations

from django.db import models

from vecinos.networks.models import Network


class ContactPoint(models.Model):
    """One way to reach one neighbor. The address is sealed; the index finds it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="contacts")
    # A kind from the channel registry, checked there: a new channel needs no migration.
    channel = models.CharField(max_length=10)
    address_sealed = models.TextField()
    address_index = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    heads_up = models.BooleanField(default=False)
    is_test = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    created_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "channel", "address_index"], name="one_contact_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} contact {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.stopped_at is None


class ContactArea(models.Model):
    """One cell (geo.NEIGHBOR) a contact wants alerts for; one row each, so matching is a join."""

    contact = models.ForeignKey(ContactPoint, on_delete=models.CASCADE, related_name="areas")
    cell = models.CharField(max_length=16, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "cell"], name="unique_contact_cell")
        ]

    def __str__(self) -> str:
        return self.cell


class Confirmation(models.Model):
    """A 6-digit code sent to prove the subscriber holds the address. Only a hash is kept."""

    contact = models.ForeignKey(
        ContactPoint, on_delete=models.CASCADE, related_name="confirmations"
    )
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    pending = models.JSONField(help_text="What confirming applies: language, cells, heads_up.")
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"code for {self.contact_id}"
