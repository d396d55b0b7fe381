"""What the reports app tells the apps that build on it, without knowing them."""

from django.dispatch import Signal

# Sent after the transaction that opened an incident commits; keyword argument: incident.
incident_opened = Signal()
