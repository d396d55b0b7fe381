from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "vecinos.networks"

    def ready(self) -> None:
        from vecinos.networks import retention  # noqa: F401 (it registers itself)
