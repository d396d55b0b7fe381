"""The door script: what to do when agents knock, written once for the pages and the feeds."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Each step: the words to stress (or none) and the rest.
DOOR_SCRIPT: tuple[tuple[Promise | str, Promise], ...] = (
    (_("Do not open the door."), _("Talk through the closed door.")),
    (
        "",
        _(
            "Ask them to slip a warrant signed by a judge under the door. A form signed by an "
            "immigration officer is not enough to enter."
        ),
    ),
    (
        "",
        _(
            "You have the right to remain silent. You do not have to answer questions about "
            "where you were born or your status."
        ),
    ),
    ("", _("Do not sign anything. Ask to speak to a lawyer.")),
)


def door_script_text() -> str:
    """The steps as one plain text in the active language, for a CAP <instruction>."""
    return " ".join(str(part) for step in DOOR_SCRIPT for part in step if part)
