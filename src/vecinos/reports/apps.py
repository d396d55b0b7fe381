from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vecinos.reports"

    def ready(self) -> None:
        from vecinos.reports import jobs, keywords  # noqa: F401 (they register themselves)
