"""The core loop in a real browser: a neighbor reports on a phone, a dispatcher sees it
arrive without reloading, verifies and publishes, and the neighbor sees the alert."""

import re

import pytest

from tests.e2e.conftest import PASSWORD

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
    page.wait_for_function("document.getElementById('id_latitude').value !== ''")
    page.get_by_role("button", name=send).click()
    page.get_by_role("heading", name=thanks).wait_for()


def log_in(page) -> None:
    page.goto("/es/console/")
    page.get_by_label("Nombre de usuario").fill("ana")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_role("heading", name="Cola en vivo").wait_for()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_neighbor_reports_from_a_phone_and_sees_the_door_script(phone, language):
    send_report(phone, language)
    door = "No abra la puerta." if language == "es" else "Do not open the door."
    assert door in phone.content()


def test_the_coordinates_sent_are_rounded_on_the_phone(phone):
    phone.goto("/es/report/")
    phone.get_by_role("button", name="Usar mi ubicación").click()
    phone.wait_for_function("document.getElementById('id_latitude').value !== ''")
    assert phone.input_value("#id_latitude") == "33.973"
    assert phone.input_value("#id_longitude") == "-118.248"


def test_dispatcher_sees_a_report_arrive_verifies_and_publishes(phone, laptop, site):
    log_in(laptop)
    before = laptop.locator("#queue").inner_text()
    send_report(phone, "es")
    # Live: the queue refreshes itself within 3 s, no reload.
    laptop.wait_for_function(
        "before => document.getElementById('queue').innerText !== before", arg=before, timeout=3000
    )
    laptop.locator("table.queue tbody tr a").first.click()
    laptop.get_by_role("button", name="Tomar").click()
    laptop.get_by_label("Confirmado: hay agentes de inmigración").check()
    laptop.get_by_role("button", name="Registrar").click()
    laptop.get_by_role("link", name=re.compile("Preparar: Alerta verificada")).click()
    laptop.get_by_role("button", name="Publicar ahora").click()
    laptop.get_by_text("La alerta está publicada.").wait_for()

    phone.goto("/es/alerts/")
    assert "Visto por un verificador" in phone.content()
    phone.locator("#alerts-map path.leaflet-interactive").first.wait_for()  # the area, drawn
    phone.goto("/en/alerts/")
    assert "Seen by a verifier" in phone.content()
    assert "Do not open the door" in phone.content()


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
