from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "vecinos.messaging"

    def ready(self) -> None:
        from vecinos.messaging import jobs, retention  # noqa: F401 (they register themselves)
