"""What the networks app tells the apps that build on it, without knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that created a network; keyword argument: network.
network_created = Signal()
