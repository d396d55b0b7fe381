"""What every console view needs of a form."""

from __future__ import annotations

from django import forms


def errors_text(form: forms.BaseForm) -> str:
    """All of a form's errors in one line, for a message above the page."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
