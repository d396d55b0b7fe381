"""What our transports send, checked against the providers' own API descriptions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.contracts import assert_conforms, description, problems
from vecinos.messaging.channels import Message, configured
from vecinos.messaging.channels.signal.inbound import poll
from vecinos.messaging.channels.signal.transport import SignalSettings, SignalTransport
from vecinos.messaging.channels.sms.transport import SmsTransport, TwilioSettings

TWILIO = description("twilio_create_message.json")
SIGNAL = description("signal_cli_rest_api.json")
ALARM = Message(text="¡No abran la puerta!", language="es", ttl_seconds=600, delivery_id=42)
TWILIO_SETTINGS = TwilioSettings(
    account_sid="AC" + "0" * 32, auth_token="t", from_number="+13235550199"
)


def twilio_request(message: Message = ALARM):
    return SmsTransport(TWILIO_SETTINGS).request("+13235550123", message, "key-1")


def test_a_twilio_message_is_a_create_message_request():
    assert_conforms(TWILIO, twilio_request())


def test_a_twilio_message_without_a_delivery_id_conforms_too():
    assert_conforms(TWILIO, twilio_request(replace(ALARM, delivery_id=0)))


def test_what_the_twilio_fake_receives_conforms(twilio):
    configured()["sms"].send("+13235550123", ALARM, "key-1")
    assert_conforms(TWILIO, twilio.requests[-1])


def test_a_signal_message_is_a_v2_send_request():
    transport = SignalTransport(
        SignalSettings(api_base="http://signal:8080", number="+13235550100")
    )
    assert_conforms(SIGNAL, transport.request("+13235550123", ALARM, "key-1"))


def test_what_the_signal_fake_receives_conforms(signal):
    configured()["signal"].send("+13235550123", ALARM, "key-1")
    assert_conforms(SIGNAL, signal.requests[-1])


def test_polling_signal_is_a_v1_receive_request(signal):
    poll(SignalSettings(api_base=signal.url, number=signal.number))
    assert_conforms(SIGNAL, signal.requests[-1])


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"body": b"To=%2B13235550123&Colour=red"}, "unknown field Colour"),
        ({"body": b"Body=hola"}, "missing required field To"),
        ({"body": b"To=%2B1&ValidityPeriod=soon"}, "ValidityPeriod: 'soon' is not integer"),
        ({"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "auth schemes"),
        ({"headers": {"Authorization": "Basic eDp5", "Content-Type": "text/plain"}}, "text/plain"),
        ({"url": "http://x/2010-04-01/Accounts/nobody/Messages.json"}, "AccountSid"),
        ({"method": "DELETE"}, "DELETE is not an operation"),
    ],
)
def test_the_validator_names_what_the_description_refuses(change, problem):
    request = {
        "method": "POST",
        "url": "http://x/2010-04-01/Accounts/AC" + "0" * 32 + "/Messages.json",
        "headers": {
            "Authorization": "Basic eDp5",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        "body": b"To=%2B13235550123",
    }
    found = problems(TWILIO, **{**request, **change})
    assert any(problem in text for text in found), found


def test_the_validator_refuses_a_header_the_description_does_not_know():
    request = twilio_request()
    headers = {**request.headers, "X-Our-Own": "1"}
    assert problems(TWILIO, "POST", request.url, headers, request.body) == [
        "unknown header x-our-own"
    ]
