from django.apps import AppConfig


class NeighborsConfig(AppConfig):
    name = "vecinos.neighbors"

    def ready(self) -> None:
        from vecinos.messaging.inbound import set_block_receiver, set_receiver
        from vecinos.neighbors import inbound, keywords, retention, rotation  # noqa: F401

        set_receiver(inbound.handle)
        set_block_receiver(inbound.blocked)
