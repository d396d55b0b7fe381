"""A real `vecinos serve` on loopback and Debian's Chromium, driven by Playwright.

Set VECINOS_E2E_REQUIRED=true (CI does) to fail instead of skipping when Chromium or
Playwright is missing.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import free_port, serve, vecinos
from vecinos.fakes.twilio import FakeTwilio

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"


def _require_browser() -> None:
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("Chromium (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("Playwright (pip install playwright)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("VECINOS_E2E_REQUIRED") == "true":
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class Site:
    url: str
    env: dict[str, str]
    twilio: FakeTwilio

    def manage(self, *args: str) -> str:
        return vecinos(self.env, *args)


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    _require_browser()
    data = tempfile.mkdtemp(prefix="vecinos-e2e-")
    twilio = FakeTwilio().start()
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("VECINOS_")},
        "VECINOS_DATA_DIR": data,
        "VECINOS_SITE_URL": f"http://127.0.0.1:{port}",
        **twilio.environment(),
        "DJANGO_SETTINGS_MODULE": "vecinos.settings",
        # Every browser test reports from 127.0.0.1: the per-source limit is tested elsewhere.
        "VECINOS_REPORTS_PER_SOURCE": "1000",
        "VECINOS_REPORTS_PER_AREA": "1000",
        # ... and so every report comes from one source: that is not a flood here.
        "VECINOS_FLOOD_INCIDENTS": "1000",
        # Map tiles from this machine only (they 404): the browser reaches nothing outside.
        "VECINOS_MAP_TILE_URL": f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png",
    }
    vecinos(env, "migrate", "--no-input")
    vecinos(
        env, "network", "create", "Vecinos E2E", "--languages", "es,en", "--zip", "90001", "90002"
    )
    vecinos(
        env, "createuser", "ana", "--role", "dispatcher", "--password-stdin", stdin=PASSWORD + "\n"
    )
    vecinos(
        env,
        "createuser",
        "carmen",
        "--role",
        "coordinator",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    server = serve(env, port)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/es/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield Site(url, env, twilio)
    server.terminate()
    server.wait(timeout=10)
    twilio.stop()
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(site: Site) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def _page_without_policy_violations(context: object) -> Iterator[object]:
    """A page that fails its test if the browser refused anything under our CSP."""
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == [], refused


@pytest.fixture
def phone(browser: object, site: Site) -> Iterator[object]:
    """A neighbor's phone: small screen, location allowed (a public spot in ZIP 90001)."""
    context = browser.new_context(
        viewport=PHONE,
        geolocation={"latitude": 33.9731, "longitude": -118.2479},
        permissions=["geolocation"],
        base_url=site.url,
    )
    yield from _page_without_policy_violations(context)


def _log_in(browser: object, site: Site, username: str) -> dict:
    """Log in once, password then authenticator code, as a person would; every laptop
    starts from that browser state (a code may not be used twice)."""
    from django_otp.oath import totp

    context = browser.new_context(base_url=site.url)
    page = context.new_page()
    page.goto("/es/console/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_role("heading", name="Inicio de sesión en dos pasos").wait_for()
    key = base64.b32decode(page.locator("#totp-secret").inner_text())
    code = page.get_by_label("El código de 6 dígitos de su aplicación de autenticación")
    code.fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Continuar").click()
    page.get_by_role("heading", name="Cola en vivo").wait_for()
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="session")
def dispatcher_session(browser: object, site: Site) -> dict:
    return _log_in(browser, site, "ana")


@pytest.fixture(scope="session")
def coordinator_session(browser: object, site: Site) -> dict:
    return _log_in(browser, site, "carmen")


def _laptop(browser: object, site: Site, session: dict) -> Iterator[object]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, base_url=site.url, storage_state=session
    )
    yield from _page_without_policy_violations(context)


@pytest.fixture
def laptop(browser: object, site: Site, dispatcher_session: dict) -> Iterator[object]:
    yield from _laptop(browser, site, dispatcher_session)


@pytest.fixture
def coordinator_laptop(browser: object, site: Site, coordinator_session: dict) -> Iterator[object]:
    yield from _laptop(browser, site, coordinator_session)


AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_phone(browser, site):
    """A phone whose browser lets us inject axe-core past the site's script policy."""
    context = browser.new_context(viewport=PHONE, base_url=site.url, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("run `npm ci --prefix tests/e2e` to install axe-core")
    return AXE.read_text()


def serious_violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
