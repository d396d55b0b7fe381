"""Alert texts: the network's templates per language, filled in for an incident, and the
dispatcher's edits checked."""

from __future__ import annotations

import string

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from vecinos import languages
from vecinos.alerts.errors import AlertError
from vecinos.alerts.models import AlertTemplate
from vecinos.networks.models import Network
from vecinos.reports.models import Activity, Incident

PLACEHOLDERS = frozenset({"activity", "area", "time", "finding", "outcome"})
HEADLINE_MAX = 140
BODY_MAX = 1000


def check_template_text(text: str) -> None:
    """Refuse placeholders we do not fill and stray braces, before they reach a neighbor."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise AlertError(_("A brace { or } is not closed.")) from error
    unknown = sorted(set(fields) - PLACEHOLDERS)
    if unknown:
        raise AlertError(
            _("Unknown placeholder: %(names)s. Use %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(PLACEHOLDERS))}
        )


def install_default_templates(network: Network, **signal: object) -> None:
    """Each language's alert wording (languages/<code>/alerts.toml) for a new network."""
    folders = languages.folders(settings.LANGUAGE_DIRS)
    for language in network.languages:
        templates = languages.alert_templates(folders[language]) if language in folders else {}
        for kind, (headline, body) in templates.items():
            AlertTemplate.objects.get_or_create(
                network=network,
                kind=kind,
                language=language,
                defaults={"headline": headline, "body": body},
            )


def _template(network: Network, kind: str, language: str) -> AlertTemplate | None:
    templates = {t.language: t for t in network.templates.filter(kind=kind)}
    return languages.pick(templates, language, network.languages) if templates else None


def _outcome(people_taken: int | None) -> str:
    if people_taken is None:
        return ""
    if people_taken == 0:
        return gettext("Nobody was taken.")
    return ngettext(
        "%(count)d person was taken. Families can call the network for help.",
        "%(count)d people were taken. Families can call the network for help.",
        people_taken,
    ) % {"count": people_taken}


def draft_texts(
    incident: Incident, kind: str, people_taken: int | None = None
) -> dict[str, dict[str, str]]:
    """The network's templates for ``kind``, filled in for this incident, in every language."""
    network = incident.network
    texts = {}
    for language in network.languages:
        template = _template(network, kind, language)
        if template is None:
            continue
        with translation.override(language):
            values = {
                "activity": str(Activity(incident.activity).label).lower(),
                "area": incident.area_name,
                "time": formats.time_format(timezone.localtime(), "H:i"),
                "finding": incident.finding,
                "outcome": _outcome(people_taken),
            }
            texts[language] = {
                "headline": template.headline.format_map(values).strip(),
                "body": " ".join(template.body.format_map(values).split()),
            }
    return texts


def with_outcome(
    texts: dict[str, dict[str, str]], people_taken: int | None
) -> dict[str, dict[str, str]]:
    """Each text saying how many people were taken, when that is known: a dispatcher who
    edited the draft before entering the count must not leave it out of the message."""
    if people_taken is None:
        return texts
    told = {}
    for language, text in texts.items():
        with translation.override(language):
            outcome = _outcome(people_taken)
        body = text["body"] if outcome in text["body"] else f"{text['body']} {outcome}"
        told[language] = {**text, "body": body}
    return told


def checked_texts(network: Network, texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    unknown = sorted(set(texts) - set(network.languages))
    if unknown:
        raise AlertError(
            _("This network does not publish in: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    cleaned = {}
    for language, text in texts.items():
        headline = " ".join(str(text.get("headline", "")).split())
        body = str(text.get("body", "")).strip()
        if not headline or not body:
            raise AlertError(_("Every language needs a headline and a text."))
        if len(headline) > HEADLINE_MAX or len(body) > BODY_MAX:
            raise AlertError(
                _("A headline may have %(headline)d characters and a text %(body)d.")
                % {"headline": HEADLINE_MAX, "body": BODY_MAX}
            )
        cleaned[language] = {"headline": headline, "body": body}
    return cleaned
