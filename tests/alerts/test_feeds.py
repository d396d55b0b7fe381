"""CAP 1.2 and Atom: what allied networks and the press read."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from lxml import etree

from vecinos.alerts import corrections, publishing
from vecinos.alerts.feeds import cap_document, cap_identifier, cap_sender, cap_time
from vecinos.alerts.models import Alert, Kind
from vecinos.networks.services import set_hotline
from vecinos.reports.lifecycle import verify_incident
from vecinos.reports.models import Status

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent.parent / "data" / "CAP-v1.2.xsd")))


def publish(incident, user, kind, **fields):
    return publishing.publish_alert(incident, user, publishing.AlertRequest(kind=kind, **fields))


def parsed(alert):
    document = etree.fromstring(cap_document(alert))
    SCHEMA.assertValid(document)
    return document


def test_a_verified_alert_is_valid_cap_with_one_info_per_language(confirmed, dispatcher):
    document = parsed(publish(confirmed, dispatcher, Kind.VERIFIED))
    assert document.findtext(f"{CAP}msgType") == "Alert"
    languages = [info.findtext(f"{CAP}language") for info in document.iter(f"{CAP}info")]
    assert languages == ["es", "en"]
    assert document.findtext(f"{CAP}info/{CAP}certainty") == "Observed"


def test_the_cap_area_has_a_closed_polygon_and_the_cells(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED, rings=1)
    area = parsed(alert).find(f"{CAP}info/{CAP}area")
    points = area.findtext(f"{CAP}polygon").split()
    assert points[0] == points[-1] and len(points) >= 4
    assert sorted(area.xpath("c:geocode/c:value/text()", namespaces={"c": CAP[1:-1]})) == sorted(
        alert.cells
    )


def references(document):
    return document.findtext(f"{CAP}references").split()


def test_an_update_references_every_unexpired_message_of_the_incident(confirmed, dispatcher):
    expired = publish(confirmed, dispatcher, Kind.VERIFIED)
    Alert.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    first = publish(confirmed, dispatcher, Kind.VERIFIED)
    second = publish(confirmed, dispatcher, Kind.UPDATE)
    document = parsed(publish(confirmed, dispatcher, Kind.UPDATE))
    assert document.findtext(f"{CAP}msgType") == "Update"
    assert references(document) == [
        f"{cap_sender()},{cap_identifier(alert)},{cap_time(alert.published_at)}"
        for alert in (first, second)
    ]


def test_an_all_clear_is_an_update_with_all_clear_response(confirmed, dispatcher):
    publish(confirmed, dispatcher, Kind.VERIFIED)
    document = parsed(publish(confirmed, dispatcher, Kind.ALL_CLEAR, people_taken=0))
    assert document.findtext(f"{CAP}info/{CAP}responseType") == "AllClear"


def test_a_retraction_is_a_cap_cancel(confirmed, dispatcher):
    publish(confirmed, dispatcher, Kind.VERIFIED)
    verify_incident(confirmed, dispatcher, Status.UNFOUNDED)
    document = parsed(publish(confirmed, dispatcher, Kind.RETRACTION))
    assert document.findtext(f"{CAP}msgType") == "Cancel"


def test_the_cap_endpoint_serves_the_document(client, confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    response = client.get(f"/alerts/{alert.pk}.cap")
    assert response["Content-Type"].startswith("application/cap+xml")
    SCHEMA.assertValid(etree.fromstring(response.content))


def test_the_atom_feed_lists_active_alerts_only(client, confirmed, dispatcher):
    kept = publish(confirmed, dispatcher, Kind.VERIFIED)
    response = client.get("/alerts.atom", HTTP_ACCEPT_LANGUAGE="en")
    feed = etree.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert titles == [kept.texts["en"]["headline"]]
    Alert.objects.filter(pk=kept.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert b"<entry>" not in client.get("/alerts.atom").content


def infos(document):
    return {info.findtext(f"{CAP}language"): info for info in document.iter(f"{CAP}info")}


def test_what_to_do_at_the_door_is_the_instruction_in_each_language(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    by_language = infos(parsed(alert))
    assert "Do not open the door." in by_language["en"].findtext(f"{CAP}instruction")
    assert "No abra la puerta." in by_language["es"].findtext(f"{CAP}instruction")
    assert by_language["en"].findtext(f"{CAP}description") == alert.texts["en"]["body"]


def test_a_correction_gives_no_door_instruction(confirmed, dispatcher):
    publish(confirmed, dispatcher, Kind.VERIFIED)
    document = parsed(publish(confirmed, dispatcher, Kind.ALL_CLEAR, people_taken=0))
    assert document.find(f"{CAP}info/{CAP}instruction") is None


def test_each_info_links_the_alert_page_in_its_own_language(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    by_language = infos(parsed(alert))
    assert by_language["en"].findtext(f"{CAP}web").endswith(f"/en/alerts/{alert.pk}/")
    assert by_language["es"].findtext(f"{CAP}web").endswith(f"/es/alerts/{alert.pk}/")


def test_the_contact_is_the_network_hotline_when_it_has_one(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    assert parsed(alert).find(f"{CAP}info/{CAP}contact") is None
    set_hotline(alert.network, "(213) 555-0134")
    assert parsed(alert).findtext(f"{CAP}info/{CAP}contact") == "+1 213-555-0134"


def test_a_taken_down_alert_is_the_cap_cancel_of_what_it_said(confirmed, dispatcher):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    alert = corrections.cancel_alert(alert, dispatcher)
    document = parsed(alert)
    assert document.findtext(f"{CAP}msgType") == "Cancel"
    assert document.findtext(f"{CAP}identifier") == f"{cap_identifier(alert)}-cancel"
    assert document.findtext(f"{CAP}sent") == cap_time(alert.ended_at)
    assert references(document) == [
        f"{cap_sender()},{cap_identifier(alert)},{cap_time(alert.published_at)}"
    ]
    expiries = {info.findtext(f"{CAP}expires") for info in document.iter(f"{CAP}info")}
    assert expiries == {cap_time(alert.ended_at)}
    assert document.find(f"{CAP}info/{CAP}instruction") is None


def test_a_later_update_also_references_the_cancel(confirmed, dispatcher):
    taken_down = corrections.cancel_alert(publish(confirmed, dispatcher, Kind.VERIFIED), dispatcher)
    document = parsed(publish(confirmed, dispatcher, Kind.UPDATE))
    assert [entry.split(",")[1] for entry in references(document)] == [
        cap_identifier(taken_down),
        f"{cap_identifier(taken_down)}-cancel",
    ]


def entries(client):
    feed = etree.fromstring(client.get("/alerts.atom", HTTP_ACCEPT_LANGUAGE="en").content)
    return list(feed.iter(f"{ATOM}entry"))


def test_the_atom_feed_lists_a_taken_down_alert_as_its_cancel_until_it_would_have_expired(
    client, confirmed, dispatcher
):
    alert = corrections.cancel_alert(publish(confirmed, dispatcher, Kind.VERIFIED), dispatcher)
    (entry,) = entries(client)
    assert entry.findtext(f"{ATOM}title").startswith("Taken down: ")
    assert entry.findtext(f"{ATOM}id").endswith(":cancel")
    Alert.objects.filter(pk=alert.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert entries(client) == []


def test_the_atom_feed_has_its_author_and_links_each_entry_page_and_cap(
    client, confirmed, dispatcher
):
    alert = publish(confirmed, dispatcher, Kind.VERIFIED)
    feed = etree.fromstring(client.get("/alerts.atom", HTTP_ACCEPT_LANGUAGE="en").content)
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == alert.network.name
    (entry,) = feed.iter(f"{ATOM}entry")
    links = {link.get("type"): link.get("href") for link in entry.iter(f"{ATOM}link")}
    assert links == {
        None: f"http://testserver/en/alerts/{alert.pk}/",
        "application/cap+xml": f"http://testserver/alerts/{alert.pk}.cap",
    }
    assert all(entry.findtext(f"{ATOM}{name}") for name in ("id", "title", "updated"))
