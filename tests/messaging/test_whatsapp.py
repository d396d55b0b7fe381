"""WhatsApp against its fake Cloud API: what Meta accepts in a template, long alerts,
codes through the authentication template, errors it says are transient, receipts."""

from __future__ import annotations

import json

import pytest

from vecinos.fakes.whatsapp import FakeWhatsApp, error
from vecinos.messaging.channels import Message, TransportError, configured
from vecinos.messaging.channels.http import HttpRequest, Response, client
from vecinos.messaging.channels.whatsapp.transport import PARAMETER_MAX

LINK = "https://vecinos.example.org/es/alerts/42/"
FOOTER = "Responda ALTO para no recibir más."


def send(message: Message) -> str | None:
    return configured()["whatsapp"].send("+13235550123", message, "key-1")


def alert(text: str, link: str = LINK) -> Message:
    return Message(text=text, language="es", topic="alert:42", link=link)


def parameter(body: dict) -> str:
    return body["template"]["components"][0]["parameters"][0]["text"]


def post(fake: FakeWhatsApp, text: str) -> Response:
    """A template message with ``text`` as its parameter, sent as is (no transport)."""
    body = {
        "messaging_product": "whatsapp",
        "to": "13235550123",
        "type": "template",
        "template": {
            "name": "vecinos_alert",
            "language": {"code": "es"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": text}]}],
        },
    }
    url = f"{fake.url}/v21.0/{fake.phone_number_id}/messages"
    headers = {"Authorization": f"Bearer {fake.token}", "Content-Type": "application/json"}
    return client().fetch(HttpRequest("POST", url, headers, json.dumps(body).encode()))


@pytest.mark.parametrize("text", ["una\nlínea", "con\ttab", "cinco     espacios"])
def test_meta_refuses_a_newline_a_tab_or_five_spaces_in_a_parameter(whatsapp, text):
    answer = post(whatsapp, text)
    assert answer.status == 400 and answer.json()["error"]["code"] == 132018
    assert post(whatsapp, "cuatro    espacios").status == 200


def test_meta_refuses_a_body_over_1024_characters(whatsapp):
    answer = post(whatsapp, "a" * 1000)
    assert answer.status == 400 and answer.json()["error"]["code"] == 132005
    assert post(whatsapp, "a" * PARAMETER_MAX).status == 200


def test_an_alert_goes_on_one_line_meta_accepts(whatsapp):
    send(alert(f"Inmigración en Pico-Union\nAgentes  en la\tesquina.\n\n{FOOTER}"))
    assert parameter(whatsapp.messages[0]) == (
        f"Inmigración en Pico-Union · Agentes en la esquina. {FOOTER}"
    )


def test_a_short_alert_carries_no_link(whatsapp):
    send(alert(f"Se fueron de Pico-Union\n{FOOTER}"))
    assert LINK not in parameter(whatsapp.messages[0])


def test_a_long_alert_is_cut_on_a_word_and_links_to_the_rest(whatsapp):
    headline = ("Inmigración " * 12)[:140].strip()
    body = ("No abran la puerta " * 60)[:1000].strip()
    send(alert(f"{headline}\n{body}\n{FOOTER}"))
    sent = parameter(whatsapp.messages[0])
    assert len(sent) <= PARAMETER_MAX and sent.endswith(f"… {LINK} · {FOOTER}")
    kept, whole = sent.split("…")[0], f"{headline} · {body}"
    assert whole.startswith(kept) and whole[len(kept)] == " "  # a whole word


def refused(fake: FakeWhatsApp, *replies) -> TransportError:
    fake.fail_next(*replies)
    with pytest.raises(TransportError) as raised:
        send(alert("hola"))
    return raised.value


def test_the_message_id_meta_gives_is_returned_for_its_receipts(whatsapp):
    assert send(alert("hola")) == "wamid.HBgL00000001"


def test_throughput_is_transient_though_it_comes_with_400(whatsapp):
    failure = refused(whatsapp, error(400, 130429, "Rate limit hit", is_transient=True))
    assert not failure.permanent and "130429" in str(failure)


def test_a_transient_error_keeps_its_retry_after(whatsapp):
    reply = error(400, 131000, "Something went wrong", is_transient=True)
    reply.headers["Retry-After"] = "30"
    assert refused(whatsapp, reply).retry_after == 30


def test_a_refused_parameter_fails_for_good_with_metas_code(whatsapp):
    failure = refused(whatsapp, error(400, 132018, "There was an issue with the parameters."))
    assert failure.permanent
    assert str(failure) == "400 132018 There was an issue with the parameters."
