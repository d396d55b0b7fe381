from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "vecinos.alerts"

    def ready(self) -> None:
        from vecinos.alerts import headsup
        from vecinos.reports.signals import incident_verified, report_received

        report_received.connect(headsup.on_report, dispatch_uid="alerts-heads-up")
        incident_verified.connect(headsup.on_verified, dispatch_uid="alerts-heads-up-fix")
