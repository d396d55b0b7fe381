"""Web Push as push services take it: one aes128gcm record in at most 4,096 bytes (RFC 8291)."""

import dataclasses
import json

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from vecinos.messaging.channels import Message, TransportError, configured
from vecinos.messaging.channels.http import client
from vecinos.messaging.channels.webpush.transport import b64url_decode

LINK = "http://127.0.0.1:8000/es/alerts/12/"
STOP = "http://127.0.0.1:8000/es/stop/signed-token/"
# A headline and a body at their longest (140 + 1,000 characters).
SPANISH = ("¡Atención! Agentes de migración en la esquina de Pío Pico y Acuña. " * 20)[:1140]
AMHARIC = ("ጥንቃቄ! የኢሚግሬሽን ወኪሎች በአካባቢው ናቸው። በሩን አትክፈቱ። " * 40)[:1140]
CHINESE = ("注意！移民执法人员正在附近，请不要开门，保持冷静。" * 60)[:1140]


def alert(text: str, language: str) -> Message:
    return Message(f"{text}\nPara parar: {STOP}", language, link=LINK, stop_link=STOP)


def push(push_service, message: Message) -> dict:
    configured()["webpush"].send(push_service.new_subscription(), message, "vecinos-3-4")
    return push_service.notifications[-1]


@pytest.mark.parametrize("text, language", [(SPANISH, "es"), (AMHARIC, "am"), (CHINESE, "zh")])
def test_the_longest_alert_arrives_whole_in_one_record(push_service, text, language):
    assert len(text) == 1140
    notification = push(push_service, alert(text, language))
    assert notification["body"] == alert(text, language).text
    assert len(push_service.requests[-1].body) <= 4096


def test_a_text_too_long_for_one_record_is_shortened_with_its_link(push_service):
    message = alert(CHINESE * 2, "zh")
    body = push(push_service, message)["body"]
    assert len(push_service.requests[-1].body) <= 4096
    shortened, link, footer = body.rsplit("\n", 2)
    assert shortened.endswith("…") and (CHINESE * 2).startswith(shortened[:-1])
    assert (link, footer) == (LINK, f"Para parar: {STOP}")


def test_shortening_never_parts_a_letter_from_its_accent(push_service):
    decomposed = "Atencio\u0301n " * 700  # "ó" as "o" and a combining acute accent
    body = push(push_service, alert(decomposed, "es"))["body"]
    assert body.split("…", 1)[0].rstrip().endswith(("n", "\u0301"))


def raw_post(push_service, body: bytes) -> int:
    """What a push service answers to this body, sent with valid VAPID headers."""
    subscription = push_service.new_subscription()
    request = configured()["webpush"].request(subscription, alert("hola", "es"), "k")
    return client().fetch(dataclasses.replace(request, body=body)).status


def encrypted(push_service, plaintext: bytes, record_size: int) -> bytes:
    keys = json.loads(push_service.new_subscription())["keys"]
    return http_ece.encrypt(
        plaintext,
        private_key=ec.generate_private_key(ec.SECP256R1()),
        dh=b64url_decode(keys["p256dh"]),
        auth_secret=b64url_decode(keys["auth"]),
        version="aes128gcm",
        rs=record_size,
    )


def test_the_fake_refuses_a_body_over_4096_bytes(push_service):
    assert raw_post(push_service, encrypted(push_service, b"x" * 4000, 4096)) == 413


def test_the_fake_refuses_more_than_one_record(push_service):
    assert raw_post(push_service, encrypted(push_service, b"x" * 300, 100)) == 413


def test_a_refused_size_fails_for_good(push_service):
    push_service.fail_next(push_service.too_large())
    with pytest.raises(TransportError) as raised:
        push(push_service, alert("hola", "es"))
    assert raised.value.permanent
