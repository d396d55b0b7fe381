"""The core loop in a real browser: a neighbor reports on a phone, a dispatcher sees it
arrive without reloading, verifies and publishes, and the neighbor sees the alert; then the
dispatcher retracts it as a false alarm and closes the incident, each step confirmed first."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

REPORT = {
    "es": (
        "Reportar agentes de inmigración",
        "Agentes en la puerta de una casa",
        "Usar mi ubicación",
        "Enviar reporte",
        "Gracias. Su reporte fue enviado.",
    ),
    "en": (
        "Report immigration agents",
        "Agents at the door of a home",
        "Use my location",
        "Send report",
        "Thank you. Your report was sent.",
    ),
}


def send_report(page, language: str) -> None:
    heading, activity, locate, send, thanks = REPORT[language]
    page.goto(f"/{language}/report/")
    page.get_by_role("heading", name=heading).wait_for()
    page.get_by_label(activity).check()
    page.get_by_role("button", name=locate).click()
    expect(page.locator("#id_latitude")).not_to_have_value("")
    page.get_by_role("button", name=send).click()
    page.get_by_role("heading", name=thanks).wait_for()


CONSOLE = {
    "es": {
        "user": "Nombre de usuario",
        "password": "Contraseña",
        "log_in": "Iniciar sesión",
        "queue": "Cola en vivo",
        "claim": "Tomar",
        "confirmed": "Confirmado: hay agentes de inmigración",
        "record": "Registrar",
        "prepare": "Preparar: Alerta verificada",
        "publish": "Publicar ahora",
        "reach": "Esto envía la alerta a",
        "confirm_publish": "Sí, publicar ahora",
        "published": "La alerta está publicada.",
        "certainty": "Visto por un verificador",
        "retract": "Falsa alarma: rectificar ya",
        "finding": "Lo que de verdad era",
        "finding_needed": "Escriba lo que de verdad era",
        "correction_reach": "Esto envía una corrección a",
        "send_correction": "Sí, enviar la corrección",
        "close": "Cerrar y borrar los detalles",
        "cannot_undo": "no se puede deshacer",
        "erase": "Sí, cerrar y borrar",
        "closed": "Cerrado",
    },
    "en": {
        "user": "Username",
        "password": "Password",
        "log_in": "Log in",
        "queue": "Live queue",
        "claim": "Claim",
        "confirmed": "Confirmed: immigration agents are there",
        "record": "Record",
        "prepare": "Prepare: Verified alert",
        "publish": "Publish now",
        "reach": "This sends the alert to",
        "confirm_publish": "Yes, publish now",
        "published": "The alert is published.",
        "certainty": "Seen by a verifier",
        "retract": "False alarm: retract now",
        "finding": "What it really was",
        "finding_needed": "Write what it really was",
        "correction_reach": "This sends a correction to",
        "send_correction": "Yes, send the correction",
        "close": "Close and erase the details",
        "cannot_undo": "it cannot be undone",
        "erase": "Yes, close and erase",
        "closed": "Closed",
    },
}
# A public spot in ZIP 90001 for Spanish, in ZIP 90002 for English: two separate incidents.
WHERE = {"es": (33.9731, -118.2479), "en": (33.9493, -118.2469)}


def open_console(page, language: str) -> None:
    """The laptop is logged in already (password and authenticator: see conftest.py)."""
    page.goto(f"/{language}/console/")
    page.get_by_role("heading", name=CONSOLE[language]["queue"]).wait_for()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_neighbor_reports_from_a_phone_and_sees_the_door_script(phone, language):
    send_report(phone, language)
    door = "No abra la puerta." if language == "es" else "Do not open the door."
    assert door in phone.content()


def test_the_coordinates_sent_are_rounded_on_the_phone(phone):
    phone.goto("/es/report/")
    phone.get_by_role("button", name="Usar mi ubicación").click()
    expect(phone.locator("#id_latitude")).not_to_have_value("")
    assert phone.input_value("#id_latitude") == "33.973"
    assert phone.input_value("#id_longitude") == "-118.248"


@pytest.mark.parametrize("language", ["es", "en"])
def test_dispatcher_sees_a_report_arrive_verifies_and_publishes(phone, laptop, site, language):
    words = CONSOLE[language]
    phone.context.set_geolocation(
        dict(zip(("latitude", "longitude"), WHERE[language], strict=True))
    )
    open_console(laptop, language)
    before = laptop.locator("#queue").inner_text()
    send_report(phone, language)
    # Live: the queue refreshes itself within 3 s, no reload.
    expect(laptop.locator("#queue")).not_to_have_text(before, timeout=3000)
    laptop.locator("tr.status-reported a").first.click()
    laptop.get_by_role("button", name=words["claim"], exact=True).click()
    laptop.get_by_label(words["confirmed"]).check()
    laptop.get_by_role("button", name=words["record"]).click()
    laptop.get_by_role("link", name=words["prepare"]).click()
    laptop.get_by_role("button", name=words["publish"]).click()
    laptop.get_by_text(words["reach"]).wait_for()  # nothing went yet: the page says to whom
    laptop.get_by_role("button", name=words["confirm_publish"]).click()
    laptop.get_by_text(words["published"]).wait_for()

    phone.goto(f"/{language}/alerts/")
    assert words["certainty"] in phone.content()
    phone.locator("#alerts-map path.leaflet-interactive").first.wait_for()  # the area, drawn

    retract_and_close(laptop, words)


def retract_and_close(laptop, words) -> None:
    """A false alarm is corrected, then the incident erased, each after its confirmation."""
    laptop.get_by_role("button", name=words["retract"]).click()
    laptop.get_by_text(words["correction_reach"]).wait_for()
    laptop.get_by_role("button", name=words["send_correction"]).click()
    laptop.get_by_text(words["finding_needed"]).wait_for()  # what it really was, first
    laptop.get_by_label(words["finding"]).fill("Policía local")
    laptop.get_by_role("button", name=words["send_correction"]).click()
    laptop.get_by_role("button", name=words["close"]).click()
    laptop.get_by_text(words["cannot_undo"]).wait_for()
    laptop.get_by_role("button", name=words["erase"]).click()
    expect(laptop.locator(".status-line strong")).to_have_text(words["closed"])


def test_a_neighbor_subscribes_by_sms_with_the_code(phone, site):
    number = "+13235550177"
    phone.goto("/es/subscribe/")
    phone.get_by_label("Mensaje de texto (SMS)").check()
    phone.get_by_label("Número de teléfono o correo").fill("(323) 555-0177")
    phone.get_by_label("O un código postal").fill("90001")
    phone.get_by_role("button", name="Envíenme un código").click()
    phone.get_by_role("heading", name="Le enviamos un código").wait_for()
    phone.wait_for_timeout(100)
    for _ in range(50):
        if site.twilio.received_by(number):
            break
        phone.wait_for_timeout(100)
    code = re.search(r"\d{6}", site.twilio.received_by(number)[-1]).group(0)
    phone.get_by_label("El código de 6 dígitos que le enviamos").fill(code)
    phone.get_by_role("button", name="Confirmar").click()
    phone.get_by_role("heading", name="Listo. Recibirá alertas para su área.").wait_for()


def test_a_report_can_be_sent_with_the_keyboard_alone(phone):
    phone.goto("/es/report/")
    phone.get_by_label("Agentes en la puerta de una casa").focus()
    phone.keyboard.press("Space")
    phone.get_by_label("O elija el barrio").focus()
    phone.keyboard.press("ArrowDown")
    phone.get_by_role("button", name="Enviar reporte").focus()
    phone.keyboard.press("Enter")
    phone.get_by_role("heading", name="Gracias. Su reporte fue enviado.").wait_for()


@pytest.mark.parametrize(
    "path", ["/es/report/", "/es/alerts/", "/es/subscribe/", "/es/responders/join/"]
)
def test_pages_still_fit_the_phone_with_large_text(phone, path):
    phone.goto(path)
    phone.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
