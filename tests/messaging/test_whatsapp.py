"""WhatsApp against its fake Cloud API: what Meta accepts in a template, long alerts,
codes through the authentication template, errors it says are transient, receipts."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client

from tests.helpers import send_all, set_channel_variables, subscriber
from tests.messaging.test_subscriptions import api_post, subscribe_by_api
from vecinos.fakes.whatsapp import APPROVED, FakeWhatsApp, error
from vecinos.messaging.channels import Message, TransportError, configured
from vecinos.messaging.channels.http import HttpRequest, Response, client
from vecinos.messaging.channels.whatsapp.transport import PARAMETER_MAX, TEMPLATE_TEXT_MAX
from vecinos.messaging.models import Delivery, Receipt
from vecinos.messaging.services import send_to
from vecinos.neighbors.models import ContactPoint

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


def code(text: str) -> Message:
    return Message(text=f"{text}\n{FOOTER}", language="es", topic="code:7")


def test_a_code_goes_through_the_authentication_template_with_its_copy_button(whatsapp):
    send(code("Vecinos: su código es 042917. Vence en 10 minutos."))
    template = whatsapp.messages[0]["template"]
    assert template["name"] == "vecinos_code"
    assert template["components"] == [
        {"type": "body", "parameters": [{"type": "text", "text": "042917"}]},
        {
            "type": "button",
            "sub_type": "url",
            "index": "0",
            "parameters": [{"type": "text", "text": "042917"}],
        },
    ]


def test_the_code_template_is_named_by_its_variable(whatsapp, settings):
    set_channel_variables(settings, "whatsapp", WHATSAPP_CODE_TEMPLATE="otro_codigo")
    with pytest.raises(TransportError) as raised:
        send(code("Vecinos: su código es 042917."))
    assert "132001" in str(raised.value)  # the fake knows no such template: the name was sent


def test_a_code_message_without_a_code_goes_as_an_alert(whatsapp):
    send(code("Vecinos: pida un código nuevo."))
    assert whatsapp.messages[0]["template"]["name"] == "vecinos_alert"


def test_a_neighbor_confirms_whatsapp_with_the_code_the_authentication_template_carried(
    network, whatsapp
):
    assert subscribe_by_api("+13235550141", channel="whatsapp").status_code == 202
    send_all()
    (sent,) = whatsapp.messages
    code = sent["template"]["components"][1]["parameters"][0]["text"]
    body = {"channel": "whatsapp", "address": "+13235550141", "code": code}
    assert api_post("/api/v1/subscriptions/confirm", body).status_code == 200
    assert ContactPoint.objects.get().is_active


def test_readme_asks_for_the_alert_templates_the_fake_approves():
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text().split())
    for (name, _language), template in APPROVED.items():
        if name == "vecinos_alert":
            assert f"`{template.body}`" in readme
            assert len(template.body.replace("{{1}}", "")) <= TEMPLATE_TEXT_MAX


def hook(fake: FakeWhatsApp, payload: dict):
    body, signature = fake.signed_webhook(payload)
    return Client().post(
        "/hooks/whatsapp", body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature
    )


def delivered_once(network) -> Delivery:
    contact = subscriber(network, "whatsapp", "+13235550142", [])
    send_to(contact, "reply:1", {"es": "hola"}, timedelta(hours=1))
    send_all()
    return Delivery.objects.get()


@pytest.mark.parametrize(
    ("status", "receipt"),
    [("delivered", Receipt.DELIVERED), ("read", Receipt.READ), ("failed", Receipt.UNDELIVERED)],
)
def test_a_status_webhook_is_the_deliverys_receipt(network, whatsapp, status, receipt):
    delivery = delivered_once(network)
    assert hook(whatsapp, whatsapp.status_update(delivery.provider_id, status)).status_code == 200
    delivery.refresh_from_db()
    assert delivery.receipt == receipt


def test_sent_and_other_changes_are_answered_and_ignored(network, whatsapp):
    delivery = delivered_once(network)
    other = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "message_template_status_update",
                        "value": {"event": "APPROVED", "message_template_name": "vecinos_alert"},
                    }
                ],
            }
        ],
    }
    assert hook(whatsapp, other).status_code == 200
    assert hook(whatsapp, whatsapp.status_update(delivery.provider_id, "sent")).status_code == 200
    delivery.refresh_from_db()
    assert delivery.receipt == ""


def test_changes_to_the_apps_other_numbers_are_not_ours(network, whatsapp):
    delivery = delivered_once(network)
    update = whatsapp.status_update(delivery.provider_id, "read")
    update["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "OTHER-NUMBER"
    assert hook(whatsapp, update).status_code == 200
    delivery.refresh_from_db()
    assert delivery.receipt == ""


def test_a_text_whose_body_is_not_text_is_ignored_not_a_crash(network, whatsapp):
    update = whatsapp.status_update("wamid.x", "read")
    value = update["entry"][0]["changes"][0]["value"]
    value["messages"] = [{"from": "13235550142", "type": "text", "text": {"body": 5}}]
    assert hook(whatsapp, update).status_code == 200
