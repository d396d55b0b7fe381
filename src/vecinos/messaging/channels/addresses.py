"""What the channels' address rules share: the error, and phone numbers.

A normalized address is what the blind index is computed over, so two spellings of
one phone number find the same subscription.
"""

from __future__ import annotations

import phonenumbers
from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "US"


class InvalidAddress(ValueError):
    """An address that its channel cannot reach; the message says why, in the user's language."""


def phone(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidAddress(_("This is not a phone number.")) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidAddress(_("This phone number does not exist."))
    # Codes to far-away premium numbers are how SMS pumping costs a network money.
    if phonenumbers.region_code_for_number(number) not in settings.PHONE_COUNTRIES:
        raise InvalidAddress(_("This network does not send to numbers of that country."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
