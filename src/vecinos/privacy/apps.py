from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "vecinos.privacy"

    def ready(self) -> None:
        from vecinos.privacy import audit, jobs  # noqa: F401 (they register themselves)
