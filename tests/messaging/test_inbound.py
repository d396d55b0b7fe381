"""Neighbors write to the network: keywords in both languages, on every channel, signed."""

import json

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import send_all, set_channel_variables, subscriber
from tests.messaging.test_subscriptions import code_sent_to
from vecinos.messaging.channels.signal.type import SignalType
from vecinos.neighbors import keywords
from vecinos.neighbors.models import ContactPoint
from vecinos.reports.models import Report, Source

PHONE = "+13235550150"
HOOK = "http://127.0.0.1:8000/hooks/twilio/sms"


def text_in(twilio, body: str, sender: str = PHONE, signature: str | None = None):
    params = {"From": sender, "To": "+13235550199", "Body": body, "MessageSid": "SM1"}
    signed = signature if signature is not None else twilio.sign(HOOK, params)
    return Client().post("/hooks/twilio/sms", params, HTTP_X_TWILIO_SIGNATURE=signed)


@pytest.mark.parametrize("word", ["STOP", "stop", "Alto", "BAJA", "unsubscribe", "PARAR"])
def test_every_standard_stop_word_stops_the_alerts(network, twilio, word):
    contact = subscriber(network, "sms", PHONE, [])
    assert text_in(twilio, word).status_code == 200
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_stop_is_confirmed_in_the_language_of_the_word(network, twilio):
    subscriber(network, "sms", PHONE, [])
    text_in(twilio, "ALTO")
    send_all()
    assert "no recibirá más mensajes" in twilio.received_by(PHONE)[-1]


@pytest.mark.parametrize(
    "word, expected", [("AYUDA", "UNIR + código postal"), ("HELP", "JOIN + ZIP")]
)
def test_help_answers_in_the_language_asked(network, twilio, word, expected):
    text_in(twilio, word)
    send_all()
    assert expected in twilio.received_by(PHONE)[-1]


def test_an_unknown_word_gets_the_help_reply(network, twilio):
    text_in(twilio, "hola?")
    send_all()
    assert "AYUDA" in twilio.received_by(PHONE)[-1] or "UNIR" in twilio.received_by(PHONE)[-1]


def test_join_by_text_then_reply_with_the_code(network, twilio):
    text_in(twilio, "UNIR 90001")
    send_all()
    code = code_sent_to(twilio.received_by(PHONE))
    text_in(twilio, code)
    send_all()
    contact = ContactPoint.objects.get()
    assert contact.is_active and contact.language == "es"
    assert "recibirá alertas" in twilio.received_by(PHONE)[-1]


def test_a_text_report_joins_the_dispatchers_queue(network, twilio):
    text_in(twilio, "ALERTA agentes en la puerta 90001")
    report = Report.objects.get()
    assert report.source == Source.SMS and "agentes en la puerta" in report.details
    send_all()
    assert "reporte recibido" in twilio.received_by(PHONE)[-1]


def test_a_forged_twilio_webhook_is_refused_and_changes_nothing(network, twilio):
    contact = subscriber(network, "sms", PHONE, [])
    assert text_in(twilio, "STOP", signature="forged").status_code == 403
    assert text_in(twilio, "STOP", signature="").status_code == 403
    contact.refresh_from_db()
    assert contact.stopped_at is None


def test_telegram_webhook_needs_its_secret_token(network, telegram):
    update = {"update_id": 1, "message": {"chat": {"id": 4242}, "text": "/start"}}
    forged = Client().post(
        "/hooks/telegram",
        update,
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="wrong",
    )
    assert forged.status_code == 403
    ok = Client().post(
        "/hooks/telegram",
        update,
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="hook-secret",
    )
    assert ok.status_code == 200
    send_all()
    assert telegram.messages[-1]["chat_id"] == "4242"


def test_whatsapp_webhook_verification_handshake(network, whatsapp):
    answer = Client().get(
        "/hooks/whatsapp",
        {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"},
    )
    assert answer.content == b"1158201444"
    refused = Client().get(
        "/hooks/whatsapp",
        {"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
    )
    assert refused.status_code == 403


def test_whatsapp_messages_are_signed_with_the_app_secret(network, whatsapp):
    contact = subscriber(network, "whatsapp", PHONE, [])
    payload = {
        "entry": [
            {
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "metadata": {"phone_number_id": whatsapp.phone_number_id},
                            "messages": [
                                {
                                    "from": PHONE.lstrip("+"),
                                    "type": "text",
                                    "text": {"body": "BAJA"},
                                }
                            ],
                        },
                    }
                ]
            }
        ]
    }
    body, signature = whatsapp.signed_webhook(payload)
    forged = Client().post(
        "/hooks/whatsapp",
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256="sha256=00",
    )
    assert forged.status_code == 403
    Client().post(
        "/hooks/whatsapp", body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature
    )
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_signal_messages_are_fetched_by_polling(network, signal):
    contact = subscriber(network, "signal", PHONE, [])
    signal.deliver_inbound(PHONE, "STOP")
    assert SignalType.poller()() == 1
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_webhooks_of_unconfigured_channels_refuse_everything(network):
    assert Client().post("/hooks/twilio/sms", {"Body": "STOP"}).status_code == 403
    assert (
        Client().post("/hooks/telegram", "{}", content_type="application/json").status_code == 403
    )


@given(st.text(max_size=300))
def test_the_keyword_parser_accepts_any_text(text):
    command = keywords.parse(text)
    assert command.kind in {*keywords.HANDLERS, "unknown"}
    assert len(command.rest) <= 1000


@pytest.mark.parametrize(
    "text, kind, language",
    [
        ("¡Alto!", "stop", "es"),
        ("stop.", "stop", "en"),
        ("  ayuda ", "help", "es"),
        ("Unir 90011", "join", "es"),
        ("123456", "code", None),
        ("sí", "yes", "es"),
        ("NO", "no", None),
    ],
)
def test_keywords_in_both_languages(text, kind, language):
    command = keywords.parse(text)
    assert (command.kind, command.language) == (kind, language)


def test_the_json_of_a_telegram_update_must_be_sane(network, telegram):
    response = Client().post(
        "/hooks/telegram",
        json.dumps({"message": "x"}),
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="hook-secret",
    )
    assert response.status_code == 400


def test_a_web_process_checks_webhooks_without_any_sending_credential(network, settings):
    """In scale mode the workers hold the credentials that send; a web process holds only
    what verifies a webhook (Twilio signs with its auth token, so that one it needs)."""
    from vecinos.messaging.models import Delivery

    set_channel_variables(
        settings, "telegram", TELEGRAM_WEBHOOK_SECRET="hook-secret", TELEGRAM_BOT_TOKEN=""
    )
    update = {"update_id": 1, "message": {"chat": {"id": 4243}, "text": "AYUDA"}}
    answer = Client().post(
        "/hooks/telegram",
        update,
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="hook-secret",
    )
    assert answer.status_code == 200
    assert Delivery.objects.filter(channel="telegram").count() == 1  # for a worker to send
