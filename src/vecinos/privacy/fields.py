"""Free text about a person, encrypted at rest (issue 5: a copy of the database alone
reveals no free text about a person)."""

from __future__ import annotations

from django.db import models

from vecinos.privacy.crypto import seal, unseal


class SealedTextField(models.TextField):
    """Text sealed with the contact points' key (crypto.py). The empty string stays empty,
    so "erase it" is still ``update(field="")``. It cannot be searched or ordered by."""

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> str | None:
        return unseal(value) if value else value

    def get_prep_value(self, value: object) -> str | None:
        # TextField's own preparation gives text, or None for a NULL.
        text: str | None = super().get_prep_value(value)
        return seal(text) if text else text
