"""The alert wording a new network starts with. Coordinators edit it per network.

Placeholders: {activity} {area} {time} {finding} {outcome}.
"""

from __future__ import annotations

DEFAULT_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "es": {
        "verified": (
            "Inmigración en {area}",
            "Confirmado por voluntarios a las {time}: {activity} en {area}. "
            "No abran la puerta. Pidan que pasen por debajo de la puerta una orden firmada "
            "por un juez. Tienen derecho a guardar silencio. Avisen a sus vecinos.",
        ),
        "update": (
            "Actualización: {area}",
            "{time}: sigue la actividad en {area} ({activity}). No abran la puerta y "
            "tienen derecho a guardar silencio.",
        ),
        "all_clear": (
            "Se fueron: {area}",
            "A las {time} los agentes se fueron de {area}. {outcome}",
        ),
        "retraction": (
            "Falsa alarma: {area}",
            "RECTIFICACIÓN: el aviso sobre {activity} en {area} no era de inmigración. "
            "{finding} Por favor compartan esta corrección.",
        ),
    },
    "en": {
        "verified": (
            "Immigration agents in {area}",
            "Confirmed by volunteers at {time}: {activity} in {area}. Do not open the door. "
            "Ask for a warrant signed by a judge, slipped under the door. You have the right "
            "to remain silent. Warn your neighbors.",
        ),
        "update": (
            "Update: {area}",
            "{time}: activity continues in {area} ({activity}). Do not open the door; you "
            "have the right to remain silent.",
        ),
        "all_clear": (
            "They left: {area}",
            "At {time} the agents left {area}. {outcome}",
        ),
        "retraction": (
            "False alarm: {area}",
            "CORRECTION: the warning about {activity} in {area} was not immigration. "
            "{finding} Please share this correction.",
        ),
    },
}
