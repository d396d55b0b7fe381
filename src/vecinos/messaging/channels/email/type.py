"""Email: addresses checked as Django checks them, sent over SMTP."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from vecinos.messaging.channels.addresses import InvalidAddress
from vecinos.messaging.channels.base import ChannelType
from vecinos.messaging.channels.email.transport import EmailTransport, SmtpSettings


class EmailType(ChannelType):
    kind = "email"
    label = _("Email")
    settings_class = SmtpSettings
    transport_class = EmailTransport
    variables = {"SMTP_URL": "", "EMAIL_FROM": "vecinos@localhost"}
    offered_on_forms = True
    fake = "vecinos.fakes.smtp.FakeSmtp"

    @classmethod
    def normalize(cls, raw: str) -> str:
        address = raw.strip()
        try:
            validate_email(address)
        except ValidationError as error:
            raise InvalidAddress(_("This is not an email address.")) from error
        local, _at, domain = address.rpartition("@")
        return f"{local}@{domain.lower()}"
