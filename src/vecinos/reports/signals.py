"""What the reports app tells the apps that build on it, without knowing them."""

from django.dispatch import Signal

# Sent after the transaction that opened an incident commits; keyword argument: incident.
incident_opened = Signal()
# Sent after the transaction that stored a report commits; keyword argument: report.
report_received = Signal()
# Sent after a verification outcome is recorded and committed; keyword argument: incident.
incident_verified = Signal()
