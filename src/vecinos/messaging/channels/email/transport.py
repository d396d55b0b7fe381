"""Email over SMTP (smtp://, smtp+starttls:// or smtps://, from VECINOS_SMTP_URL).

Each mail carries what RFC 5322 asks of it (Date, Message-ID) and, when it has a stop
link, RFC 8058's one-click unsubscribe, which mail providers show as their own button
(and which the big ones require of bulk senders). RFC 8058 also wants those headers
covered by a DKIM signature: that is the sending mail server's job.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import unquote, urlsplit

from vecinos.messaging.channels.base import Message, Transport, TransportError

SUBJECT_LENGTH = 70


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: str
    security: str  # "none", "starttls" or "tls"
    sender: str

    @classmethod
    def from_url(cls, url: str, sender: str) -> SmtpSettings:
        parts = urlsplit(url)
        security = {"smtp": "none", "smtp+starttls": "starttls", "smtps": "tls"}[parts.scheme]
        default_port = {"none": 25, "starttls": 587, "tls": 465}[security]
        return cls(
            host=parts.hostname or "localhost",
            port=parts.port or default_port,
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            security=security,
            sender=sender,
        )

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> SmtpSettings | None:
        url = variables.get("SMTP_URL")
        if not url:
            return None
        return cls.from_url(url, variables["EMAIL_FROM"])


class EmailTransport(Transport):
    timeout_seconds = 15

    settings: SmtpSettings

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.security == "tls":
            context = ssl.create_default_context()
            return smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=self.timeout_seconds, context=context
            )
        connection = smtplib.SMTP(settings.host, settings.port, timeout=self.timeout_seconds)
        if settings.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        return connection

    def _compose(self, address: str, message: Message, idempotency_key: str) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self.settings.sender
        email["To"] = address
        first_line = message.text.split("\n", 1)[0]
        email["Subject"] = first_line[:SUBJECT_LENGTH]
        email["Date"] = formatdate(usegmt=True)
        email["Message-ID"] = make_msgid(idstring=idempotency_key, domain=self._domain())
        if message.stop_link:
            email["List-Unsubscribe"] = f"<{message.stop_link}>"
            email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        email.set_content(message.text)
        # After set_content, which drops every Content-* header set before it.
        email["Content-Language"] = message.language
        return email

    def _domain(self) -> str:
        """The sender's own domain, as RFC 5322 advises for the right side of a Message-ID."""
        return parseaddr(self.settings.sender)[1].rpartition("@")[2] or "localhost"

    def send(self, address: str, message: Message, idempotency_key: str) -> None:
        try:
            with self._connect() as connection:
                if self.settings.username:
                    connection.login(self.settings.username, self.settings.password)
                connection.send_message(self._compose(address, message, idempotency_key))
        except smtplib.SMTPRecipientsRefused as error:
            raise TransportError("recipient refused", permanent=True) from error
        except smtplib.SMTPResponseException as error:
            permanent = 500 <= error.smtp_code < 600
            raise TransportError(f"{error.smtp_code}", permanent=permanent) from error
        except (OSError, smtplib.SMTPException) as error:
            raise TransportError(f"unreachable: {type(error).__name__}") from error
