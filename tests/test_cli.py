"""The `vecinos` command: setting up a network, staff and tokens, and the demo."""

import io

import pytest
from django.core.management import CommandError, call_command

from vecinos.alerts.models import Alert, AlertTemplate
from vecinos.networks.models import Network
from vecinos.networks.services import user_for_token
from vecinos.reports.models import Incident, Status
from vecinos.responders.models import Dispatch
from vecinos.web import demo
from vecinos.worker import Job, Worker


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_network_is_created_from_zip_codes(db):
    output = run(
        "network", "create", "Vecinos 90001", "--languages", "es,en", "--zip", "90001", "90002"
    )
    network = Network.objects.get()
    assert "Vecinos 90001" in output
    assert network.languages == ["es", "en"]
    assert network.areas.count() == 2
    assert AlertTemplate.objects.filter(network=network).count() == 8


def test_a_network_is_created_from_a_circle(db):
    run("network", "create", "Centro", "--center", "34.05,-118.25", "--radius-km", "3")
    assert Network.objects.get().covers("8929a56dcc7ffff") is False


@pytest.mark.parametrize(
    "args",
    [
        ["--zip", "00000"],
        ["--center", "north"],
        ["--center", "34,-118"],
        ["--center", "34,-118", "--radius-km", "0"],
        ["--languages", "xx", "--zip", "90001"],
    ],
)
def test_bad_network_setups_are_refused(db, args):
    with pytest.raises(CommandError):
        run("network", "create", "Mala", *args)
    assert not Network.objects.exists()


def test_a_network_gets_its_hotline_when_created_and_later(db):
    run("network", "create", "Centro", "--zip", "90001", "--hotline", "(213) 555-0134")
    assert Network.objects.get().hotline == "+1 213-555-0134"
    run("network", "set", "Centro", "--hotline", "+1 323 555 0199")
    assert Network.objects.get().hotline == "+1 323-555-0199"
    run("network", "set", "Centro", "--hotline", "")
    assert Network.objects.get().hotline == ""


def test_a_hotline_that_is_no_phone_number_is_refused(db):
    with pytest.raises(CommandError, match="hotline"):
        run("network", "create", "Centro", "--zip", "90001", "--hotline", "call us")
    assert not Network.objects.exists()


def test_createuser_generates_a_password_and_token_prints_it_last(db):
    output = run("createuser", "lupe", "--role", "dispatcher")
    assert "Password: " in output
    token = run("token", "create", "--user", "lupe").strip().splitlines()[-1]
    assert user_for_token(token).username == "lupe"


def test_createuser_reads_a_password_from_stdin(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    assert "Password" not in run("createuser", "rosa", "--role", "coordinator", "--password-stdin")


def test_a_token_is_only_for_staff(db, outsider):
    with pytest.raises(CommandError):
        run("token", "create", "--user", "otro")


def test_the_demo_seeds_once_with_synthetic_labeled_data(db):
    seeded, logins = demo.ensure_seeded()
    assert seeded and "demo-dispatcher" in logins
    network = Network.objects.get()
    assert network.is_demo and "DEMO" in network.name
    assert Incident.objects.filter(status=Status.UNFOUNDED).exists()
    assert Alert.objects.filter(kind="verified").exists()
    assert all(r.details.startswith("[DEMO]") for r in network.reports.all())
    assert all("[DEMO]" in r.alias for r in network.responders.all())
    assert network.responders.filter(stage="active").count() == 3
    assert network.auto_dispatch
    assert [d.responder.alias for d in Dispatch.objects.all()] == ["Lupe [DEMO]"]
    assert demo.ensure_seeded()[0] is False


def test_the_worker_runs_due_jobs_and_keeps_going_after_a_failure():
    calls = []

    def broken() -> int:
        raise RuntimeError("boom")

    worker = Worker(
        jobs=[Job("broken", broken, 60), Job("counts", lambda: calls.append(1) or 3, 60)]
    )
    assert worker.tick(now=100.0) == {"counts": 3}
    assert worker.tick(now=130.0) == {}
    assert worker.tick(now=161.0) == {"counts": 3}
    assert len(calls) == 2


def test_the_demo_phone_shows_what_fake_providers_received(db, monkeypatch, settings):
    from django.test import Client

    from vecinos.messaging.channels import configured
    from vecinos.messaging.sender import Sender
    from vecinos.web import demo_providers

    monkeypatch.setattr(demo_providers, "RUNNING", {})
    # start() points the channels at the fakes through settings; keep that here.
    settings.CHANNELS = settings.CHANNELS
    started = demo_providers.start()
    try:
        demo.ensure_seeded()
        while Sender(threads=1).run_once():
            pass
        page = Client().get("/es/demo/phone/").content.decode()
        assert set(started) == {"sms", "whatsapp", "signal", "telegram", "email"}
        assert "+13235550113" in page and "Inmigración en Historic South-Central" in page
        assert "¿puede ir como Verificador?" in page  # the responder's dispatch
    finally:
        for fake in demo_providers.RUNNING.values():
            fake.stop()
        configured.cache_clear()


def test_the_demo_phone_does_not_exist_outside_the_demo(db):
    from django.test import Client

    assert Client().get("/es/demo/phone/").status_code == 404


def test_without_a_site_url_links_lead_where_the_server_listens(settings):
    from vecinos.web.management.commands.serve import follow_address

    settings.SITE_URL_GIVEN, settings.SITE_URL = "", "http://127.0.0.1:8000"
    follow_address("0.0.0.0", 8201)  # noqa: S104
    assert settings.SITE_URL == "http://127.0.0.1:8201"
    settings.SITE_URL_GIVEN = settings.SITE_URL = "https://vecinos.example"
    follow_address("127.0.0.1", 8201)
    assert settings.SITE_URL == "https://vecinos.example"


def test_the_demo_prints_an_organizer_login_too(db):
    seeded, logins = demo.ensure_seeded()
    assert {line.split()[0] for line in logins.splitlines()} == {
        "demo-dispatcher",
        "demo-coordinator",
        "demo-organizer",
    }


def test_the_demos_seeded_messages_lead_to_the_port_it_serves_on(db, monkeypatch, settings):
    from django.core.management import call_command

    from vecinos.messaging.models import Broadcast
    from vecinos.web import demo_providers
    from vecinos.web.management.commands import demo as demo_command

    monkeypatch.setattr(demo_command, "serve_site", lambda *args, **kwargs: None)
    monkeypatch.setattr(demo_providers, "start", lambda: [])
    settings.SITE_URL_GIVEN, settings.SITE_URL = "", "http://127.0.0.1:8000"
    settings.REQUIRE_TWO_FACTOR = True  # the settings fixture puts it back
    call_command("demo", "--port", "8311", stdout=io.StringIO())
    dispatch = Broadcast.objects.filter(topic__startswith="dispatch:").first()
    assert dispatch is not None and "127.0.0.1:8311/" in next(iter(dispatch.texts.values()))
