"""Telegram against the Bot API's own description: what we send, and every update we get."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.helpers import subscriber
from vecinos.fakes.telegram import FakeTelegram
from vecinos.messaging.channels import Message
from vecinos.messaging.channels.telegram.transport import TelegramSettings, TelegramTransport
from vecinos.neighbors.models import ContactPoint
from vecinos.networks.services import create_network

SPEC = json.loads(
    (Path(__file__).parents[1] / "data" / "providers" / "telegram-bot-api.json").read_text()
)
SCALARS = {
    "Integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "Float": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "String": lambda value: isinstance(value, str),
    "Boolean": lambda value: isinstance(value, bool),
}
CHAT = "987654"


def problems(payload: dict, fields: list[dict], where: str) -> list[str]:
    """What in ``payload`` the Bot API's ``fields`` do not allow, one line each."""
    known = {field["name"]: field for field in fields}
    found = [f"{where}.{name} is unknown" for name in payload if name not in known]
    found += [
        f"{where}.{field['name']} is missing"
        for field in fields
        if field["required"] and field["name"] not in payload
    ]
    for name, value in payload.items():
        types = known.get(name, {}).get("types", [])
        if name in known and not any(fits(value, kind) for kind in types):
            found.append(f"{where}.{name}={value!r} is not {' or '.join(types)}")
    return found


def fits(value: object, kind: str) -> bool:
    if kind.startswith("Array of "):
        return isinstance(value, list) and all(fits(item, kind[9:]) for item in value)
    if kind in SCALARS:
        return SCALARS[kind](value)
    described = SPEC["types"][kind]
    if "subtypes" in described:
        return any(fits(value, subtype) for subtype in described["subtypes"])
    return isinstance(value, dict) and not problems(value, described["fields"], kind)


def transport() -> TelegramTransport:
    return TelegramTransport(
        TelegramSettings.from_variables(
            {
                "TELEGRAM_BOT_TOKEN": "123456:ABC",
                "TELEGRAM_WEBHOOK_SECRET": "s",
                "TELEGRAM_API_BASE": "https://api.telegram.org",
            }
        )
    )


MESSAGES = [
    Message(text="¡No abran la puerta!", language="es"),
    Message(text="ICE at 5th & Main\n" + "x" * 1100, language="en", link="https://v.example/a/1"),
    Message(text="አትክፈቱ", language="am", topic="code:7", delivery_id=42),
]


@pytest.mark.parametrize("message", MESSAGES)
@pytest.mark.parametrize("chat", [CHAT, "-1001234567890"])
def test_every_request_is_a_bot_api_method_with_its_fields(message, chat):
    request = transport().request(chat, message, "vecinos-1-2")
    method = urlsplit(request.url).path.rsplit("/", 1)[-1]
    assert method in SPEC["methods"]
    body = json.loads(request.body)
    assert problems(body, SPEC["methods"][method]["fields"], method) == []


def test_link_previews_are_turned_off_as_bot_api_7_does_it():
    body = json.loads(transport().request(CHAT, MESSAGES[1], "k").body)
    assert body["link_preview_options"] == {"is_disabled": True}


@pytest.mark.parametrize(
    "update",
    [
        FakeTelegram.text_update(4242, "STOP"),
        FakeTelegram.edited_update(4242, "STOP"),
        FakeTelegram.member_update(4242, "kicked"),
        FakeTelegram.member_update(4242, "member"),
    ],
)
def test_the_fakes_updates_are_bot_api_updates(update):
    assert problems(update, SPEC["types"]["Update"]["fields"], "Update") == []


def hook(telegram: FakeTelegram, update: dict) -> int:
    return (
        Client()
        .post(
            "/hooks/telegram",
            update,
            content_type="application/json",
            HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN=telegram.webhook_secret,
        )
        .status_code
    )


@pytest.mark.parametrize(
    "kind", [field["name"] for field in SPEC["types"]["Update"]["fields"] if not field["required"]]
)
def test_every_kind_of_update_is_answered_so_telegram_does_not_resend_it(network, telegram, kind):
    updates = {
        "message": FakeTelegram.text_update(4242, "AYUDA"),
        "edited_message": FakeTelegram.edited_update(4242, "AYUDA"),
        "my_chat_member": FakeTelegram.member_update(4242, "member"),
    }
    assert hook(telegram, updates.get(kind, {"update_id": 9, kind: {}})) == 200


def test_an_edited_message_is_not_acted_on(network, telegram):
    contact = subscriber(network, "telegram", "4242", [])
    hook(telegram, FakeTelegram.edited_update(4242, "STOP"))
    contact.refresh_from_db()
    assert contact.stopped_at is None


def test_a_message_without_words_is_answered_and_not_acted_on(network, telegram):
    update = FakeTelegram.text_update(4242, "")
    del update["message"]["text"]  # a photo, a sticker
    assert hook(telegram, update) == 200
    assert not ContactPoint.objects.exists()


def test_an_update_that_is_not_an_object_is_refused(network, telegram):
    assert hook(telegram, ["message"]) == 400


def test_a_neighbor_who_blocks_the_bot_is_stopped(network, telegram):
    contact = subscriber(network, "telegram", "4242", [])
    assert hook(telegram, FakeTelegram.member_update(4242, "kicked")) == 200
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_a_neighbor_who_starts_the_bot_again_is_not_stopped(network, telegram):
    contact = subscriber(network, "telegram", "4242", [])
    hook(telegram, FakeTelegram.member_update(4242, "member"))
    contact.refresh_from_db()
    assert contact.stopped_at is None


def test_a_stranger_who_blocks_the_bot_leaves_no_trace(network, telegram):
    assert hook(telegram, FakeTelegram.member_update(5151, "kicked")) == 200
    assert not ContactPoint.objects.exists()


def test_blocking_the_bot_stops_the_chat_in_every_network(network, telegram):
    other = create_network("Otra red", ["es"], set(network.coverage))
    here, there = (subscriber(n, "telegram", "4242", []) for n in (network, other))
    hook(telegram, FakeTelegram.member_update(4242, "kicked"))
    assert all(c.stopped_at for c in ContactPoint.objects.filter(pk__in=[here.pk, there.pk]))


def test_a_command_that_names_the_bot_is_the_command(network, telegram):
    contact = subscriber(network, "telegram", "-100200", [])
    hook(telegram, FakeTelegram.text_update(-100200, "/stop@VecinosBot"))
    contact.refresh_from_db()
    assert contact.stopped_at is not None


def test_an_update_nested_beyond_reason_is_refused_not_a_crash(network, telegram):
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    answer = Client().post(
        "/hooks/telegram",
        deep,
        content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN=telegram.webhook_secret,
    )
    assert answer.status_code == 400
