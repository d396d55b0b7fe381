"""Re-keying what the neighbors app holds: each contact point's sealed address and blind
index. Pending confirmation codes cannot be re-keyed (only their keyed hash is stored):
they are dropped, and a neighbor asks for a new code."""

from __future__ import annotations

from vecinos.messaging import channels
from vecinos.neighbors.models import Confirmation, ContactPoint
from vecinos.privacy import crypto
from vecinos.privacy.rotation import rekeyer


@rekeyer
def contact_points() -> dict[str, int]:
    count = 0
    for contact in ContactPoint.objects.select_for_update().iterator():
        address = crypto.unseal(contact.address_sealed)
        contact.address_sealed = crypto.seal(address)
        contact.address_index = crypto.blind_index(
            contact.channel, channels.index_value(contact.channel, address)
        )
        contact.save(update_fields=["address_sealed", "address_index"])
        count += 1
    dropped = Confirmation.objects.filter(used_at=None).delete()[0]
    return {"contact points": count, "codes dropped": dropped}
