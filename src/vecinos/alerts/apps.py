from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "vecinos.alerts"
