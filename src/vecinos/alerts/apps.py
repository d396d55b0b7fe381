from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "vecinos.alerts"

    def ready(self) -> None:
        from vecinos.alerts import headsup, panels, timeline_notes  # noqa: F401 (they register)
        from vecinos.alerts.drafting import install_default_templates
        from vecinos.networks.signals import network_created
        from vecinos.reports.signals import incident_verified, report_received

        network_created.connect(install_default_templates, dispatch_uid="alerts-templates")

        report_received.connect(headsup.on_report, dispatch_uid="alerts-heads-up")
        incident_verified.connect(headsup.on_verified, dispatch_uid="alerts-heads-up-fix")
