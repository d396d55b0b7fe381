"""axe-core on every neighbor-facing page, on a phone, in both languages: no serious or
critical violation."""

import pytest

from tests.e2e.conftest import serious_violations

pytestmark = pytest.mark.e2e

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


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(axe_phone, axe_source, path, language):
    axe_phone.goto(path.format(language))
    assert serious_violations(axe_phone, axe_source) == []
