"""axe-core on every neighbor-facing page, on a phone, in both languages: no serious or
critical violation."""

from pathlib import Path

import pytest

from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/{}/",
    "/{}/report/",
    "/{}/report/sent/",
    "/{}/alerts/",
    "/{}/rights/",
    "/{}/subscribe/",
    "/{}/responders/join/",
    "/{}/responders/guide/",
]


@pytest.fixture
def phone(browser, site):
    """A phone whose browser lets us inject axe-core past the site's script policy."""
    context = browser.new_context(viewport=PHONE, base_url=site.url, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("run `npm ci --prefix tests/e2e` to install axe-core")
    return AXE.read_text()


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(phone, axe_source, path, language):
    phone.goto(path.format(language))
    phone.add_script_tag(content=axe_source)
    violations = phone.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == []
