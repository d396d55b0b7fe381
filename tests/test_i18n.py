"""Spanish is first-class: all strings translated, catalogs current, no English shown."""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client

from tests.helpers import incident_at
from vecinos.alerts.publishing import AlertRequest, publish_alert
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vecinos"
CATALOG = PACKAGE / "locale" / "es" / "LC_MESSAGES" / "django.po"


def catalog() -> polib.POFile:
    return polib.pofile(str(CATALOG))


def test_every_spanish_string_is_translated():
    po = catalog()
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalog_matches_the_source():
    compiled = polib.mofile(str(CATALOG.with_suffix(".mo")))
    expected = {(e.msgid, e.msgstr) for e in catalog() if not e.msgid_plural}
    assert expected <= {(e.msgid, e.msgstr) for e in compiled}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_the_catalog_lists_every_string_in_the_code(tmp_path):
    tree = tmp_path / "vecinos"
    shutil.copytree(PACKAGE, tree, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "es",
            "--no-location",
            "--no-obsolete",
            "-i",
            "vendor/*",
        ],
        cwd=tree,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": f"{PACKAGE.parent.parent}:{PACKAGE.parent}",
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(tree / "locale/es/LC_MESSAGES/django.po"))}
    assert fresh == {e.msgid for e in catalog()}, "run `vecinos makemessages -l es` in src/vecinos"


def _visible_text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    # The language switcher names English in English, marked lang="en", as it should.
    page = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_neighbor_pages_in_spanish_show_no_english_string(network, here_cell, dispatcher):
    incident = verify_incident(incident_at(here_cell), dispatcher, Status.CONFIRMED)
    alert = publish_alert(incident, dispatcher, AlertRequest(kind="verified"))
    english = [e.msgid for e in catalog() if len(e.msgid) > 3 and e.msgid != e.msgstr]
    client = Client()
    for page in [
        "/es/",
        "/es/report/",
        "/es/report/sent/",
        "/es/alerts/",
        "/es/rights/",
        f"/es/alerts/{alert.pk}/",
    ]:
        text = _visible_text(client.get(page).content.decode())
        leaked = [msgid for msgid in english if re.search(rf"\b{re.escape(msgid)}\b", text)]
        assert leaked == [], f"{page} shows English: {leaked}"
