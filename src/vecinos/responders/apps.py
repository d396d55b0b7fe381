from django.apps import AppConfig


class RespondersConfig(AppConfig):
    name = "vecinos.responders"

    def ready(self) -> None:
        from vecinos.reports.signals import incident_opened
        from vecinos.responders import jobs, keywords, retention, subject  # noqa: F401
        from vecinos.responders.callouts import dispatch_when_opened

        incident_opened.connect(dispatch_when_opened, dispatch_uid="responders-auto-dispatch")
