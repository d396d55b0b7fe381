"""A neighbor becomes a responder and goes where they are asked, in a real browser, in
Spanish and in English: signs up on a phone, a coordinator vets, records a training and
activates them, a dispatcher asks the nearest responders, and the responder accepts from
the link in their text, reports what they see and checks in safe."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import serious_violations
from tests.e2e.test_loop_in_a_browser import open_console

pytestmark = pytest.mark.e2e

WORDS = {
    "es": {
        "name": "Lupe",
        "number": "+13235550178",
        "typed": "(323) 555-0178",
        # Public spots in ZIP 90001, away from each other and from the other tests' reports.
        "where": {"latitude": 33.9650, "longitude": -118.2560},
        "activity": "Un retén",
        "alias": "Su nombre o un apodo",
        "sms": "Mensaje de texto (SMS)",
        "address": "Número de teléfono o correo",
        "skill": "Verificador",
        "zip": "O un código postal",
        "send_code": "Envíenme un código",
        "code_sent": "Le enviamos un código",
        "code": "El código de 6 dígitos que le enviamos",
        "code_word": "código",
        "confirm": "Confirmar",
        "joined": "Gracias por apoyar a sus vecinos.",
        "vet": "Conocido: nos reunimos y hay confianza",
        "record": "Registrar",
        "activate": "Activar",
        "active": "Activo",
        "welcome": "respondedor activo",
        "locate": "Usar mi ubicación",
        "send_report": "Enviar reporte",
        "sent": "Gracias. Su reporte fue enviado.",
        "ask": "Preguntar a los respondedores más cercanos",
        "asked": r"Se preguntó a \d+ respondedor",
        "dispatch": "¿puede ir como Verificador?",
        "never": "nunca obstruir",
        "go": "Sí, voy",
        "going": "Gracias. Va en camino.",
        "on_the_way": "En camino",
        "nobody": "No hay nadie",
        "send": "Enviar",
        "sent_update": "Enviado al despachador.",
        "safe": "Ya me fui y estoy a salvo",
        "safe_thanks": "Gracias. Avisó que está a salvo.",
        "where_label": "Dónde exactamente, para el equipo de respuesta",
        "save_where": "Guardar para el equipo de respuesta",
        "maps_app": "Abrir en mi app de mapas",
    },
    "en": {
        "name": "Sam",
        "number": "+13235550179",
        "typed": "(323) 555-0179",
        "where": {"latitude": 33.9580, "longitude": -118.2600},
        "activity": "Agents gathering or waiting",
        "alias": "Your name or an alias",
        "sms": "Text message (SMS)",
        "address": "Phone number or email",
        "skill": "Verifier",
        "zip": "Or a ZIP code",
        "send_code": "Send me a code",
        "code_sent": "We sent you a code",
        "code": "The 6-digit code we sent you",
        "code_word": "code",
        "confirm": "Confirm",
        "joined": "Thank you for standing with your neighbors.",
        "vet": "Vetted: we met and trust them",
        "record": "Record",
        "activate": "Activate",
        "active": "Active",
        "welcome": "active responder",
        "locate": "Use my location",
        "send_report": "Send report",
        "sent": "Thank you. Your report was sent.",
        "ask": "Ask the nearest responders",
        "asked": r"\d+ responders? asked",
        "dispatch": "can you go as Verifier?",
        "never": "never obstruct",
        "go": "Yes, I am going",
        "going": "Thank you. You are on the way.",
        "on_the_way": "On the way",
        "nobody": "Nobody there",
        "send": "Send",
        "sent_update": "Sent to the dispatcher.",
        "safe": "I left and I am safe",
        "safe_thanks": "Thank you. You checked in safe.",
        "where_label": "Where exactly, for the responders",
        "save_where": "Save for the responders",
        "maps_app": "Open in my maps app",
    },
}


def last_text(site, page, number: str, containing: str) -> str:
    for _ in range(50):
        texts = [t for t in site.twilio.received_by(number) if containing in t]
        if texts:
            return texts[-1]
        page.wait_for_timeout(100)
    raise AssertionError(f"no text with {containing!r} reached {number}")


def link_in(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", text).group(1)


def sign_up(phone, site, language: str, words: dict) -> None:
    phone.goto(f"/{language}/responders/join/")
    phone.get_by_label(words["alias"]).fill(words["name"])
    phone.get_by_label(words["sms"]).check()
    phone.get_by_label(words["address"]).fill(words["typed"])
    phone.locator(f"input[name=languages][value={language}]").check()
    phone.get_by_label(words["skill"]).check()
    phone.get_by_label(words["zip"]).fill("90001")
    phone.get_by_role("button", name=words["send_code"]).click()
    phone.get_by_role("heading", name=words["code_sent"]).wait_for()
    message = last_text(site, phone, words["number"], words["code_word"])
    phone.get_by_label(words["code"]).fill(re.search(r"\d{6}", message).group(0))
    phone.get_by_role("button", name=words["confirm"]).click()
    phone.get_by_role("heading", name=words["joined"]).wait_for()


def vet_train_and_activate(coordinator, language: str, words: dict) -> None:
    coordinator.goto(f"/{language}/console/responders/")
    coordinator.get_by_role("link", name=words["name"]).click()
    coordinator.get_by_role("button", name=words["vet"]).click()
    coordinator.get_by_role("button", name=words["record"]).click()
    coordinator.get_by_role("button", name=words["activate"]).click()
    coordinator.get_by_text(words["active"], exact=True).wait_for()


def report(phone, language: str, words: dict) -> None:
    phone.context.set_geolocation(words["where"])
    phone.goto(f"/{language}/report/")
    phone.get_by_label(words["activity"]).check()
    phone.get_by_role("button", name=words["locate"]).click()
    expect(phone.locator("#id_latitude")).not_to_have_value("")
    phone.get_by_role("button", name=words["send_report"]).click()
    phone.get_by_role("heading", name=words["sent"]).wait_for()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_neighbor_becomes_a_responder_and_accepts_a_dispatch(
    phone, laptop, coordinator_laptop, axe_phone, axe_source, site, language
):
    words = WORDS[language]
    sign_up(phone, site, language, words)
    vet_train_and_activate(coordinator_laptop, language, words)
    assert "/r/" in last_text(site, phone, words["number"], words["welcome"])

    report(phone, language, words)
    open_console(laptop, language)
    laptop.locator("tr", has_text=words["activity"]).get_by_role("link").first.click()
    laptop.get_by_role("button", name=words["ask"]).click()
    laptop.locator(".messages").get_by_text(re.compile(words["asked"])).wait_for()

    dispatch = last_text(site, phone, words["number"], words["dispatch"])
    assert words["activity"] in dispatch and words["never"] in dispatch
    # The dispatcher says where exactly; the responder's page shows it with the block's map.
    laptop.get_by_label(words["where_label"]).fill("Behind the laundromat, green gate")
    laptop.get_by_role("button", name=words["save_where"]).click()
    expect(laptop.get_by_label(words["where_label"])).to_have_value(
        "Behind the laundromat, green gate"
    )
    for page in (link_in(dispatch), link_in(last_text(site, phone, words["number"], "/r/"))):
        axe_phone.goto(page)  # the pages a responder reaches by link, under axe too
        assert serious_violations(axe_phone, axe_source) == []
    phone.goto(link_in(dispatch))
    phone.get_by_text("Behind the laundromat, green gate").wait_for()
    phone.locator("#scene-map path.leaflet-interactive").first.wait_for()
    maps_app = phone.get_by_role("link", name=words["maps_app"])
    expect(maps_app).to_have_attribute("href", re.compile(r"^geo:-?\d+\.\d{5},-?\d+\.\d{5}$"))
    phone.get_by_role("button", name=words["go"]).click()
    phone.get_by_text(words["going"]).wait_for()
    # The dispatcher's panel shows it within a few seconds, without a reload.
    laptop.locator("#responders td", has_text=words["on_the_way"]).wait_for(timeout=5000)

    phone.get_by_label(words["nobody"]).check()
    phone.get_by_role("button", name=words["send"], exact=True).click()
    phone.get_by_text(words["sent_update"]).wait_for()
    phone.get_by_role("button", name=words["safe"]).click()
    phone.get_by_text(words["safe_thanks"]).wait_for()
    laptop.locator("#responders").get_by_text(words["nobody"]).wait_for(timeout=5000)
