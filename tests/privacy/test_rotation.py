"""Rotating the keys: everything sealed before opens after, addresses are still found,
and the old keys open nothing."""

import base64
import secrets

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import report_at, subscriber
from vecinos.neighbors.models import ContactPoint
from vecinos.neighbors.services import find_contact
from vecinos.privacy import crypto
from vecinos.reports.models import Report


@pytest.fixture(autouse=True)
def own_keys(settings, tmp_path):
    """Keys in this test's own data directory, read afresh."""
    settings.DATA_DIR = tmp_path
    settings.ENCRYPTION_KEY = settings.INDEX_KEY = settings.PREVIOUS_ENCRYPTION_KEY = ""
    crypto.forget_keys()
    yield
    crypto.forget_keys()


def test_after_rotating_everything_opens_and_is_found(network, here_cell, capsys):
    subscriber(network, "sms", "+13235550195", [])
    report_at(here_cell, details="Juana, second floor")
    old_key = (crypto.key_folder() / "encryption.key").read_text()
    sealed_before = ContactPoint.objects.get().address_sealed

    call_command("rotate-keys")

    assert "contact points: 1" in capsys.readouterr().out
    contact = ContactPoint.objects.get()
    assert contact.address_sealed != sealed_before
    assert crypto.unseal(contact.address_sealed) == "+13235550195"
    assert find_contact(None, "sms", "+13235550195") == contact
    assert Report.objects.get().details == "Juana, second floor"
    assert not (crypto.key_folder() / "encryption.previous.key").exists()
    assert (crypto.key_folder() / "encryption.key").read_text() != old_key


def test_an_interrupted_rotation_is_finished_by_running_it_again(network, monkeypatch):
    subscriber(network, "sms", "+13235550196", [])
    from vecinos.privacy import rotation

    monkeypatch.setattr(rotation, "reseal", lambda: (_ for _ in ()).throw(RuntimeError("cut")))
    with pytest.raises(RuntimeError):
        call_command("rotate-keys")
    # New keys, old rows: the old key still opens them; the index is stale until resealed.
    assert crypto.unseal(ContactPoint.objects.get().address_sealed) == "+13235550196"
    with pytest.raises(CommandError, match="did not finish"):
        call_command("rotate-keys")
    monkeypatch.undo()
    call_command("rotate-keys", "--reseal-only")
    assert find_contact(None, "sms", "+13235550196") is not None


def test_keys_from_the_environment_are_rotated_by_the_operator(network, settings):
    settings.ENCRYPTION_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    crypto.forget_keys()
    with pytest.raises(CommandError, match="VECINOS_PREVIOUS_ENCRYPTION_KEY"):
        call_command("rotate-keys")
