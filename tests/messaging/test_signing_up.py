"""Signing up on the web: where the code went, a new code, the welcome and what was chosen."""

import re

from django.test import Client

from tests.helpers import send_all
from vecinos.neighbors.models import ContactPoint
from vecinos.networks.models import Area, Network

PHONE = "+13235550123"
EMAIL = "vecina@example.org"


def ask_for_code(channel: str, address: str, language: str = "es", **fields) -> str:
    area = Area.objects.get(name="Watts")
    data = {"channel": channel, "address": address, "language": language, "areas": [area.pk]}
    response = Client().post(f"/{language}/subscribe/", {**data, **fields})
    return response.content.decode()


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def confirm(channel: str, address: str, code: str, language: str = "es") -> str:
    data = {"channel": channel, "address": address, "code": code}
    return Client().post(f"/{language}/subscribe/confirm/", data).content.decode()


def test_the_code_page_says_where_the_code_went_with_the_number_masked(network, twilio):
    page = ask_for_code("sms", PHONE)
    assert "•••• 0123" in page and "Mensaje de texto (SMS)" in page
    assert "5550123" not in page.replace(f'value="{PHONE}"', "")


def test_the_code_page_masks_an_email_address(network, smtp):
    page = ask_for_code("email", EMAIL, "en")
    assert "v•••@example.org" in page
    assert EMAIL not in page.replace(f'value="{EMAIL}"', "")


def test_a_new_code_can_be_asked_for_and_it_works(network, twilio):
    ask_for_code("sms", PHONE)
    page = Client().post("/es/subscribe/resend/", {"channel": "sms", "address": PHONE})
    assert page.status_code == 200 and "•••• 0123" in page.content.decode()
    send_all()
    first, second = twilio.received_by(PHONE)
    assert code_in(first) != code_in(second)
    assert "Listo" in confirm("sms", PHONE, code_in(second))


def test_a_fourth_code_in_an_hour_is_refused_in_spanish(network, twilio):
    ask_for_code("sms", PHONE)
    for _ in range(2):
        Client().post("/es/subscribe/resend/", {"channel": "sms", "address": PHONE})
    page = Client().post("/es/subscribe/resend/", {"channel": "sms", "address": PHONE})
    assert page.status_code == 400
    assert "Se enviaron demasiados códigos" in page.content.decode()


def test_a_new_code_for_an_address_that_never_asked_sends_nothing_and_tells_nothing(
    network, twilio
):
    page = Client().post("/es/subscribe/resend/", {"channel": "sms", "address": PHONE})
    assert page.status_code == 200 and "•••• 0123" in page.content.decode()
    send_all()
    assert twilio.received_by(PHONE) == []


def test_the_welcome_text_says_what_comes_and_the_stop_word(network, twilio):
    ask_for_code("sms", PHONE)
    send_all()
    confirm("sms", PHONE, code_in(twilio.received_by(PHONE)[-1]))
    send_all()
    welcome = twilio.received_by(PHONE)[-1]
    assert "alertas verificadas" in welcome and "Watts" in welcome
    assert "Florence" not in welcome and "ALTO" in welcome


def test_the_welcome_email_gives_the_link_and_no_stop_word(network, smtp):
    ask_for_code("email", EMAIL, "en")
    send_all()
    confirm("email", EMAIL, code_in(smtp.messages[-1].get_content()), "en")
    send_all()
    welcome = smtp.messages[-1].get_content()
    assert "verified alerts" in welcome and "Watts" in welcome
    assert "/en/stop/" in welcome and "STOP" not in welcome


def test_the_done_page_lists_the_areas_and_tells_email_no_stop_word(network, smtp):
    ask_for_code("email", EMAIL, "en")
    send_all()
    done = confirm("email", EMAIL, code_in(smtp.messages[-1].get_content()), "en")
    assert "<li>Watts</li>" in done
    assert "STOP" not in done


def test_the_done_page_tells_a_text_subscriber_the_stop_word(network, twilio):
    ask_for_code("sms", PHONE)
    send_all()
    done = confirm("sms", PHONE, code_in(twilio.received_by(PHONE)[-1]))
    assert "<li>Watts</li>" in done and "ALTO" in done


def test_the_heads_up_choice_is_offered_only_while_the_network_sends_them(network):
    assert "heads_up" not in Client().get("/es/subscribe/").content.decode()
    Network.objects.update(heads_up_sources=2)
    assert 'name="heads_up"' in Client().get("/es/subscribe/").content.decode()


def test_heads_ups_are_not_switched_on_while_the_network_sends_none(network, twilio):
    ask_for_code("sms", PHONE, heads_up="on")
    send_all()
    confirm("sms", PHONE, code_in(twilio.received_by(PHONE)[-1]))
    assert ContactPoint.objects.get().heads_up is False
