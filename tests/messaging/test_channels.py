"""Each channel's real transport against its provider's fake: shape, auth, errors, retries."""

import json
from dataclasses import replace

import pytest

from tests.helpers import set_channel_variables
from vecinos.fakes.base import Reply
from vecinos.fakes.telegram import FakeTelegram
from vecinos.messaging.channels import Message, TransportError, configured
from vecinos.messaging.channels.base import retry_after_seconds

HELLO = Message(text="¡No abran la puerta!", language="es", ttl_seconds=600)


def send(kind: str, address: str, key: str = "key-1") -> None:
    configured()[kind].send(address, HELLO, key)


def test_sms_is_posted_as_twilio_expects(twilio):
    send("sms", "+13235550123")
    (message,) = twilio.messages
    assert (message["to"], message["from"], message["body"]) == (
        "+13235550123",
        "+13235550199",
        "¡No abran la puerta!",
    )


def test_twilio_drops_an_sms_still_queued_when_its_alert_expires(twilio):
    send("sms", "+13235550123")
    assert twilio.messages[0]["validity_period"] == "600"


@pytest.mark.parametrize("ttl, validity", [(0, "1"), (-30, "1"), (90_000, "36000")])
def test_the_validity_period_stays_in_twilios_range(twilio, ttl, validity):
    configured()["sms"].send("+13235550123", replace(HELLO, ttl_seconds=ttl), "key-1")
    assert twilio.messages[0]["validity_period"] == validity


def test_twilio_reports_a_deliverys_status_to_its_own_address(twilio, settings):
    configured()["sms"].send("+13235550123", replace(HELLO, delivery_id=42), "key-1")
    callback = settings.SITE_URL + "/hooks/twilio/status/42"
    assert twilio.messages[0]["status_callback"] == callback


def test_a_message_that_is_no_delivery_asks_for_no_status(twilio):
    send("sms", "+13235550123")
    assert twilio.messages[0]["status_callback"] == ""


def test_twilio_like_the_real_one_sends_a_repeat_again(twilio):
    send("sms", "+13235550123", key="same")
    send("sms", "+13235550123", key="same")
    assert len(twilio.messages) == 2


def test_twilio_429_is_temporary_with_its_retry_after(twilio):
    twilio.fail_next(
        Reply.json(429, {"code": 20429, "message": "Too Many Requests"}, **{"Retry-After": "7"})
    )
    with pytest.raises(TransportError) as raised:
        send("sms", "+13235550123")
    assert (raised.value.permanent, raised.value.retry_after) == (False, 7.0)


def test_twilios_too_many_requests_code_is_temporary_whatever_the_status(twilio):
    twilio.fail_next(Reply.json(400, {"code": 20429, "message": "Too Many Requests"}))
    with pytest.raises(TransportError) as raised:
        send("sms", "+13235550123")
    assert not raised.value.permanent and "20429" in str(raised.value)


def test_twilio_5xx_is_temporary(twilio):
    twilio.fail_next(Reply.json(503, {"message": "Service Unavailable"}))
    with pytest.raises(TransportError) as raised:
        send("sms", "+13235550123")
    assert not raised.value.permanent


def test_a_number_twilio_refuses_is_a_permanent_failure(twilio):
    with pytest.raises(TransportError) as raised:
        send("sms", "not-a-number")
    assert raised.value.permanent and "21211" in str(raised.value)


def test_wrong_twilio_credentials_fail_for_good(twilio, settings):
    set_channel_variables(settings, "sms", TWILIO_AUTH_TOKEN="wrong")
    with pytest.raises(TransportError) as raised:
        send("sms", "+13235550123")
    assert raised.value.permanent


def test_telegram_sends_json_to_the_bot(telegram):
    send("telegram", "987654")
    assert telegram.messages[0]["chat_id"] == "987654"
    assert telegram.messages[0]["text"] == HELLO.text


def test_telegram_retry_after_comes_from_its_body(telegram):
    telegram.fail_next(FakeTelegram.too_many(12))
    with pytest.raises(TransportError) as raised:
        send("telegram", "987654")
    assert raised.value.retry_after == 12


def test_signal_sends_through_signal_cli(signal):
    send("signal", "+13235550123")
    assert signal.messages == [
        {"message": HELLO.text, "number": signal.number, "recipients": ["+13235550123"]}
    ]


def test_whatsapp_sends_a_template_in_the_recipients_language(whatsapp):
    send("whatsapp", "+13235550123")
    body = whatsapp.messages[0]
    assert body["to"] == "13235550123"
    assert body["template"]["language"]["code"] == "es"
    assert body["template"]["components"][0]["parameters"][0]["text"] == HELLO.text


def test_email_goes_over_smtp(smtp):
    send("email", "vecina@example.org")
    (mail,) = smtp.messages
    assert mail["To"] == "vecina@example.org"
    assert mail["Subject"] == HELLO.text
    assert HELLO.text in mail.get_content()


def test_a_refused_email_recipient_is_a_permanent_failure(smtp):
    smtp.refused.add("nadie@example.org")
    with pytest.raises(TransportError) as raised:
        send("email", "nadie@example.org")
    assert raised.value.permanent


def test_web_push_is_encrypted_and_signed_for_the_browser(push_service):
    subscription = push_service.new_subscription()
    send("webpush", subscription)
    (notification,) = push_service.notifications
    assert notification["body"] == HELLO.text and notification["lang"] == "es"


def test_a_browser_that_unsubscribed_is_gone_for_good(push_service):
    subscription = push_service.new_subscription()
    push_service.gone.add(json.loads(subscription)["endpoint"].rsplit("/", 1)[-1])
    with pytest.raises(TransportError) as raised:
        send("webpush", subscription)
    assert raised.value.permanent


def test_an_unreachable_provider_is_temporary(twilio):
    twilio.stop()
    with pytest.raises(TransportError) as raised:
        send("sms", "+13235550123")
    assert not raised.value.permanent


@pytest.mark.parametrize("value, seconds", [("5", 5.0), ("", None), ("soon", None)])
def test_retry_after_is_read_as_seconds(value, seconds):
    assert retry_after_seconds(value) == seconds
