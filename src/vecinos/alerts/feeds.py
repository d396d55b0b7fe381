"""Alerts for machines: OASIS CAP 1.2 per alert, and an Atom feed of the active ones."""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree as ET

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language

from vecinos import geo
from vecinos.alerts.models import Alert, Kind
from vecinos.alerts.public import active_alerts
from vecinos.rights.script import door_script_text

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
EVENT = {"es": "Actividad de agentes de inmigración", "en": "Immigration enforcement activity"}
MSG_TYPE = {
    Kind.VERIFIED: "Alert",
    Kind.UPDATE: "Update",
    Kind.ALL_CLEAR: "Update",
    Kind.RETRACTION: "Cancel",
}


def cap_time(moment: datetime) -> str:
    """CAP wants seconds and an explicit offset: no fractions, no 'Z'."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def cap_sender() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "vecinos"


def cap_identifier(alert: Alert) -> str:
    return f"vecinos-{alert.network_id}-{alert.pk}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CAP_NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _area(info: ET.Element, alert: Alert) -> None:
    area = _sub(info, "area")
    _sub(area, "areaDesc", alert.area_name)
    for ring in geo.outlines(alert.cells):
        _sub(area, "polygon", " ".join(f"{lat:.5f},{lng:.5f}" for lat, lng in ring))
    for cell in alert.cells:
        geocode = _sub(area, "geocode")
        _sub(geocode, "valueName", "H3")
        _sub(geocode, "value", cell)


def _info(root: ET.Element, alert: Alert, language: str, text: dict[str, str]) -> None:
    info = _sub(root, "info")
    _sub(info, "language", language)
    _sub(info, "category", "Safety")
    _sub(info, "event", EVENT.get(language, EVENT["en"]))
    if alert.kind == Kind.ALL_CLEAR:
        _sub(info, "responseType", "AllClear")
    elif alert.kind == Kind.RETRACTION:
        _sub(info, "responseType", "None")
    else:
        _sub(info, "responseType", "Prepare")
    past = alert.kind in (Kind.ALL_CLEAR, Kind.RETRACTION)
    _sub(info, "urgency", "Past" if past else "Immediate")
    _sub(info, "severity", "Minor" if past else "Moderate")
    _sub(info, "certainty", alert.certainty)
    _sub(info, "effective", cap_time(alert.published_at))
    _sub(info, "expires", cap_time(alert.expires_at))
    _sub(info, "senderName", alert.network.name)
    _sub(info, "headline", text["headline"])
    _sub(info, "description", text["body"])
    with translation.override(language):
        if alert.is_alarm:
            _sub(info, "instruction", door_script_text())
        _sub(info, "web", settings.SITE_URL + reverse("alerts:detail", args=[alert.pk]))
    if alert.network.hotline:
        _sub(info, "contact", alert.network.hotline)
    _area(info, alert)


def cap_document(alert: Alert) -> bytes:
    """The alert as a CAP 1.2 message: one <info> per language."""
    ET.register_namespace("", CAP_NS)
    root = ET.Element(f"{{{CAP_NS}}}alert")
    _sub(root, "identifier", cap_identifier(alert))
    _sub(root, "sender", cap_sender())
    _sub(root, "sent", cap_time(alert.published_at))
    _sub(root, "status", "Actual")
    _sub(root, "msgType", MSG_TYPE[Kind(alert.kind)])
    _sub(root, "scope", "Public")
    previous = alert.replaces  # None without a query when it replaces nothing
    if previous is not None:
        _sub(
            root,
            "references",
            f"{cap_sender()},{cap_identifier(previous)},{cap_time(previous.published_at)}",
        )
    for language, text in alert.texts.items():
        _info(root, alert, language, text)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class ActiveAlertsFeed(Feed):
    feed_type = Atom1Feed
    title = "Vecinos"
    link = "/"
    subtitle = "Active alerts"

    def items(self) -> list[Alert]:
        return list(active_alerts().select_related("network")[:100])

    def item_title(self, item: Alert) -> str:
        return item.text(get_language())["headline"]

    def item_description(self, item: Alert) -> str:
        return item.text(get_language())["body"]

    def item_link(self, item: Alert) -> str:
        return reverse("alerts:detail", args=[item.pk])

    def item_pubdate(self, item: Alert) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Alert) -> datetime:
        return item.published_at

    def item_guid(self, item: Alert) -> str:
        return f"urn:vecinos:alert:{item.network_id}:{item.pk}"

    def item_enclosures(self, item: Alert) -> list:
        return []
