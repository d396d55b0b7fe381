from __future__ import annotations

from django import template
from django.utils.functional import Promise

from vecinos.rights.script import DOOR_SCRIPT

register = template.Library()


@register.simple_tag
def door_script() -> tuple[tuple[Promise | str, Promise], ...]:
    return DOOR_SCRIPT
