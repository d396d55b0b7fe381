"""Alerts for machines: OASIS CAP 1.2 per alert, and an Atom feed of those in force, each
entry linking its CAP document (CAP over Atom)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from vecinos import geo
from vecinos.alerts.models import Alert, Kind
from vecinos.alerts.public import active_alerts, sent_alerts, taken_down_alerts
from vecinos.networks.models import Network
from vecinos.rights.script import door_script_text

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
EVENT = {"es": "Actividad de agentes de inmigración", "en": "Immigration enforcement activity"}
MSG_TYPE = {
    Kind.VERIFIED: "Alert",
    Kind.UPDATE: "Update",
    Kind.ALL_CLEAR: "Update",
    Kind.RETRACTION: "Cancel",
}
RESPONSE_TYPE = {
    Kind.VERIFIED: "Prepare",
    Kind.UPDATE: "Prepare",
    Kind.ALL_CLEAR: "AllClear",
    Kind.RETRACTION: "None",
}


def cap_time(moment: datetime) -> str:
    """CAP wants seconds and an explicit offset: no fractions, no 'Z'."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def cap_sender() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "vecinos"


def cap_identifier(alert: Alert) -> str:
    return f"vecinos-{alert.network_id}-{alert.pk}"


def cancel_identifier(alert: Alert) -> str:
    """The Cancel issued when a dispatcher takes the alert down."""
    return f"{cap_identifier(alert)}-cancel"


def _reference(identifier: str, sent: datetime) -> str:
    return f"{cap_sender()},{identifier},{cap_time(sent)}"


def _messages_about(alert: Alert, before: datetime) -> list[str]:
    """The CAP messages sent about ``alert`` before ``before``, as references."""
    found = [_reference(cap_identifier(alert), alert.published_at)]
    if alert.taken_down and alert.ended_at is not None and alert.ended_at < before:
        found.append(_reference(cancel_identifier(alert), alert.ended_at))
    return found


def _references(alert: Alert) -> list[str]:
    """Every message of the incident not expired when this one went out: a reader that
    missed one still learns it is superseded."""
    if alert.incident_id is None:
        return []
    related = sent_alerts().filter(
        incident_id=alert.incident_id,
        published_at__lt=alert.published_at,
        expires_at__gt=alert.published_at,
    )
    sent = alert.published_at
    return [
        ref
        for earlier in related.order_by("published_at")
        for ref in _messages_about(earlier, sent)
    ]


def cancel_text(alert: Alert, language: str) -> dict[str, str]:
    """What the Cancel of a taken-down alert says, in ``language``."""
    with translation.override(language):
        headline = _("Taken down: %(headline)s") % {"headline": alert.text(language)["headline"]}
        body = _("The network took this alert down: it no longer applies.")
    return {"headline": headline, "body": body}


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


def _info(root: ET.Element, alert: Alert, language: str, cancel: bool) -> None:
    """One language of the alert, or of its Cancel: a Cancel's expiry is when it was taken
    down, and it tells nobody to do anything."""
    text = cancel_text(alert, language) if cancel else alert.texts[language]
    alarm = alert.is_alarm and not cancel
    info = _sub(root, "info")
    _sub(info, "language", language)
    _sub(info, "category", "Safety")
    _sub(info, "event", EVENT.get(language, EVENT["en"]))
    _sub(info, "responseType", "None" if cancel else RESPONSE_TYPE[Kind(alert.kind)])
    _sub(info, "urgency", "Immediate" if alarm else "Past")
    _sub(info, "severity", "Moderate" if alarm else "Minor")
    _sub(info, "certainty", alert.certainty)
    _sub(info, "effective", cap_time(alert.published_at))
    _sub(info, "expires", cap_time(cast(datetime, alert.ended_at) if cancel else alert.expires_at))
    _sub(info, "senderName", alert.network.name)
    _sub(info, "headline", text["headline"])
    _sub(info, "description", text["body"])
    with translation.override(language):
        if alarm:
            _sub(info, "instruction", door_script_text())
        _sub(info, "web", settings.SITE_URL + reverse("alerts:detail", args=[alert.pk]))
    if alert.network.hotline:
        _sub(info, "contact", alert.network.hotline)
    _area(info, alert)


def cap_document(alert: Alert) -> bytes:
    """The alert as a CAP 1.2 message, one <info> per language. An alert taken down is
    served as the Cancel of what it said, so a reader holding it withdraws it."""
    ET.register_namespace("", CAP_NS)
    root = ET.Element(f"{{{CAP_NS}}}alert")
    if alert.taken_down:
        identifier, sent = cancel_identifier(alert), cast(datetime, alert.ended_at)
        msg_type, references = "Cancel", [_reference(cap_identifier(alert), alert.published_at)]
    else:
        identifier, sent = cap_identifier(alert), alert.published_at
        msg_type, references = MSG_TYPE[Kind(alert.kind)], _references(alert)
    _sub(root, "identifier", identifier)
    _sub(root, "sender", cap_sender())
    _sub(root, "sent", cap_time(sent))
    _sub(root, "status", "Actual")
    _sub(root, "msgType", msg_type)
    _sub(root, "scope", "Public")
    if references:
        _sub(root, "references", " ".join(references))
    for language in alert.texts:
        _info(root, alert, language, cancel=alert.taken_down)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class CapAtom1Feed(Atom1Feed):
    """Atom whose entries also link their CAP document, as the OASIS CAP feeds note has it."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        # Beside the page's link, which is already absolute on this request's host.
        href = urljoin(item["link"], item["cap_path"])
        attributes = {"rel": "alternate", "type": "application/cap+xml", "href": href}
        handler.addQuickElement("link", "", attributes)


class ActiveAlertsFeed(Feed):
    """The alerts in force, and the Cancels of those taken down until they would have
    expired."""

    feed_type = CapAtom1Feed
    title = "Vecinos"
    link = "/"
    subtitle = "Active alerts"

    def author_name(self) -> str:
        return ", ".join(Network.objects.values_list("name", flat=True)) or "Vecinos"

    def items(self) -> list[Alert]:
        found = [*active_alerts().select_related("network")[:100]]
        found += taken_down_alerts().select_related("network")[:100]
        return sorted(found, key=self.item_updateddate, reverse=True)[:100]

    def _text(self, item: Alert) -> dict[str, str]:
        language = get_language()
        return cancel_text(item, language) if item.taken_down else item.text(language)

    def item_title(self, item: Alert) -> str:
        return self._text(item)["headline"]

    def item_description(self, item: Alert) -> str:
        return self._text(item)["body"]

    def item_link(self, item: Alert) -> str:
        return reverse("alerts:detail", args=[item.pk])

    def item_author_name(self, item: Alert) -> str:
        return item.network.name

    def item_pubdate(self, item: Alert) -> datetime:
        return self.item_updateddate(item)

    def item_updateddate(self, item: Alert) -> datetime:
        return cast(datetime, item.ended_at) if item.taken_down else item.published_at

    def item_guid(self, item: Alert) -> str:
        guid = f"urn:vecinos:alert:{item.network_id}:{item.pk}"
        return f"{guid}:cancel" if item.taken_down else guid

    def item_extra_kwargs(self, item: Alert) -> dict[str, Any]:
        return {"cap_path": reverse("alert-cap", args=[item.pk])}

    def item_enclosures(self, item: Alert) -> list:
        return []
