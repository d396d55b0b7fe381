"""A neighbor becomes a responder and goes where they are asked, in a real browser: signs
up on a phone, a coordinator vets, records a training and activates them, a dispatcher
asks the nearest responders, and the responder accepts from the link in their text."""

import re

import pytest

from tests.e2e.test_loop_in_a_browser import open_console

pytestmark = pytest.mark.e2e

NUMBER = "+13235550178"
# A public spot in ZIP 90001, away from the other browser tests' reports.
WHERE = {"latitude": 33.9650, "longitude": -118.2560}


def last_text(site, page, number: str, containing: str) -> str:
    for _ in range(50):
        texts = [t for t in site.twilio.received_by(number) if containing in t]
        if texts:
            return texts[-1]
        page.wait_for_timeout(100)
    raise AssertionError(f"no text with {containing!r} reached {number}")


def link_in(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", text).group(1)


def test_a_neighbor_becomes_a_responder_and_accepts_a_dispatch(
    phone, laptop, coordinator_laptop, site
):
    phone.goto("/es/responders/join/")
    phone.get_by_label("Su nombre o un apodo").fill("Lupe")
    phone.get_by_label("Mensaje de texto (SMS)").check()
    phone.get_by_label("Número de teléfono o correo").fill("(323) 555-0178")
    phone.locator("input[name=languages][value=es]").check()
    phone.get_by_label("Verificador").check()
    phone.get_by_label("O un código postal").fill("90001")
    phone.get_by_role("button", name="Envíenme un código").click()
    phone.get_by_role("heading", name="Le enviamos un código").wait_for()
    code = re.search(r"\d{6}", last_text(site, phone, NUMBER, "código")).group(0)
    phone.get_by_label("El código de 6 dígitos que le enviamos").fill(code)
    phone.get_by_role("button", name="Confirmar").click()
    phone.get_by_role("heading", name="Gracias por apoyar a sus vecinos.").wait_for()

    coordinator_laptop.goto("/es/console/responders/")
    coordinator_laptop.get_by_role("link", name="Lupe").click()
    coordinator_laptop.get_by_role("button", name="Conocido: nos reunimos y hay confianza").click()
    coordinator_laptop.get_by_role("button", name="Registrar").click()
    coordinator_laptop.get_by_role("button", name="Activar").click()
    coordinator_laptop.get_by_text("Activo", exact=True).wait_for()
    assert "/r/" in last_text(site, phone, NUMBER, "respondedor activo")

    phone.context.set_geolocation(WHERE)
    phone.goto("/es/report/")
    phone.get_by_label("Un retén").check()
    phone.get_by_role("button", name="Usar mi ubicación").click()
    phone.wait_for_function("document.getElementById('id_latitude').value !== ''")
    phone.get_by_role("button", name="Enviar reporte").click()
    phone.get_by_role("heading", name="Gracias. Su reporte fue enviado.").wait_for()

    open_console(laptop, "es")
    laptop.locator("tr", has_text="Un retén").get_by_role("link").first.click()
    laptop.get_by_role("button", name="Preguntar a los respondedores más cercanos").click()
    laptop.get_by_text("Se preguntó a 1 respondedor.").wait_for()

    dispatch = last_text(site, phone, NUMBER, "¿puede ir como Verificador?")
    assert "Un retén" in dispatch and "nunca obstruir" in dispatch
    phone.goto(link_in(dispatch))
    phone.get_by_role("button", name="Sí, voy").click()
    phone.get_by_text("Gracias. Va en camino.").wait_for()
    # The dispatcher's panel shows it within a few seconds, without a reload.
    laptop.locator("#responders td", has_text="En camino").wait_for(timeout=5000)

    phone.get_by_label("No hay nadie").check()
    phone.get_by_role("button", name="Enviar", exact=True).click()
    phone.get_by_text("Enviado al despachador.").wait_for()
    phone.get_by_role("button", name="Ya me fui y estoy a salvo").click()
    phone.get_by_text("Gracias. Avisó que está a salvo.").wait_for()
    laptop.locator("#responders").get_by_text("No hay nadie").wait_for(timeout=5000)
