"""Email as a mailbox receives it (RFC 5322), with one-click unsubscribe (RFC 8058)."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from django.test import Client

from tests.helpers import send_all, subscriber
from vecinos.messaging.channels import Message, configured
from vecinos.messaging.services import send_to

STOP = "http://127.0.0.1:8000/es/stop/signed-token/"
ALERT = Message(text="¡No abran la puerta!\nAgentes en la calle 5.", language="es", stop_link=STOP)
ONE_CLICK = "List-Unsubscribe=One-Click"


def received(smtp, message: Message = ALERT):
    configured()["email"].send("vecina@example.org", message, "vecinos-7-9")
    (mail,) = smtp.messages
    return mail


def test_a_mail_is_dated(smtp):
    sent = parsedate_to_datetime(received(smtp)["Date"])
    assert abs(datetime.now(UTC) - sent) < timedelta(minutes=1)


def test_a_mail_has_a_message_id_of_the_senders_domain(smtp):
    message_id = received(smtp)["Message-ID"].strip()  # a long one is folded onto its own line
    assert message_id.startswith("<") and message_id.endswith("@vecinos.invalid>")


def test_a_mail_says_its_language(smtp):
    assert received(smtp)["Content-Language"] == "es"


def test_a_mail_can_be_unsubscribed_with_one_click(smtp):
    mail = received(smtp)
    assert mail["List-Unsubscribe"] == f"<{STOP}>"
    assert mail["List-Unsubscribe-Post"] == ONE_CLICK


def test_a_mail_without_a_stop_link_offers_no_unsubscribe(smtp):
    mail = received(smtp, Message(text="Su código es 123456", language="es"))
    assert "List-Unsubscribe" not in mail and "List-Unsubscribe-Post" not in mail


def stop_path(network, smtp):
    contact = subscriber(network, "email", "vecina@example.org", [])
    send_to(contact, "reply:1", {"es": "Hola"}, timedelta(hours=1))
    send_all()
    header = smtp.messages[-1]["List-Unsubscribe"]
    return contact, urlsplit(header.strip("<>")).path


def test_the_mail_providers_one_click_post_stops_the_alerts(network, smtp):
    contact, path = stop_path(network, smtp)
    provider = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token: only the signed link
    answer = provider.post(path, ONE_CLICK, content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_opening_the_unsubscribe_link_only_asks(network, smtp):
    contact, path = stop_path(network, smtp)
    answer = Client(enforce_csrf_checks=True).get(path)
    assert answer.status_code == 200 and not answer.cookies  # no CSRF cookie left behind
    contact.refresh_from_db()
    assert contact.stopped_at is None
