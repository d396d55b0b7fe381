"""ALERTA / REPORT by text: the rest of the message is what they see, a ZIP code where."""

from __future__ import annotations

from vecinos import geo
from vecinos.neighbors import messages
from vecinos.neighbors.keywords import Inbound, handles
from vecinos.privacy import ratelimit
from vecinos.reports.errors import IncidentError
from vecinos.reports.intake import ReportInput, submit_report
from vecinos.reports.models import Source


def _report_cell(message: Inbound) -> str | None:
    zip_code = message.command.zip_code
    if zip_code:
        try:
            latitude_longitude = geo.center(min(geo.zip_cells(zip_code, geo.REPORT)))
        except geo.InvalidLocation:
            return None
        return geo.snap(*latitude_longitude, geo.REPORT)
    contact = message.contact
    area = contact.areas.first() if contact is not None else None
    return geo.center_child(area.cell, geo.REPORT) if area is not None else None


@handles("report")
def report_by_text(message: Inbound) -> str:
    cell = _report_cell(message)
    if cell is None:
        return messages.help_text()
    try:
        submit_report(
            ReportInput(
                activity="other",
                cell=cell,
                source=Source.SMS,
                language=message.language,
                details=message.command.rest[:1000],
                source_tag=ratelimit.tag(message.sender),
            )
        )
    except IncidentError:
        return messages.help_text()
    return messages.reply("reported")
