"""Key rotation: new keys, every sealed value sealed again, every blind index recomputed.

Safe to interrupt: the new keys are written first and the old encryption key is kept
as the previous one, which ``unseal`` still tries; the database changes in one
transaction; the previous key is deleted only after it committed. Running the
command again finishes an interrupted rotation. Sealed fields are swept here for
every model; what else holds keyed values (a blind index, a keyed hash that cannot
be recomputed) is re-keyed by the app that owns it, registered with ``rekeyer``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.db import transaction

from vecinos.privacy import crypto
from vecinos.privacy.fields import SealedTextField

# Each re-keys what its app owns under the current keys and says how many rows, by name.
REKEYERS: list[Callable[[], dict[str, int]]] = []


def rekeyer(rekey: Callable[[], dict[str, int]]) -> Callable[[], dict[str, int]]:
    REKEYERS.append(rekey)
    return rekey


class RotationError(RuntimeError):
    pass


def _write(path: Path, value: str) -> None:
    fresh = path.with_suffix(".tmp")
    fresh.write_text(value, encoding="utf-8")
    fresh.chmod(0o600)
    os.replace(fresh, path)


def new_keys() -> None:
    """New encryption and index keys in the data directory; the old encryption key
    becomes the previous one."""
    if crypto.keys_from_environment():
        raise RotationError(
            "the keys come from the environment: set VECINOS_PREVIOUS_ENCRYPTION_KEY to the "
            "old encryption key and VECINOS_ENCRYPTION_KEY / VECINOS_INDEX_KEY to new ones, "
            "then run `vecinos rotate-keys --reseal-only`"
        )
    folder = crypto.key_folder()
    current, previous = folder / "encryption.key", folder / "encryption.previous.key"
    if previous.exists():
        raise RotationError(
            "an earlier rotation did not finish: run `vecinos rotate-keys --reseal-only`"
        )
    if current.exists():
        _write(previous, current.read_text(encoding="utf-8"))
    _write(current, crypto.new_key())
    _write(folder / "index.key", crypto.new_key())
    crypto.forget_keys()


def _reseal_fields() -> int:
    resealed = 0
    for model in apps.get_models():
        sealed = [f.name for f in model._meta.fields if isinstance(f, SealedTextField)]
        for row in model._default_manager.only("pk", *sealed).iterator() if sealed else []:
            # Reading opened each value (with either key); saving seals it with the new one.
            row.save(update_fields=sealed)
            resealed += 1
    return resealed


@transaction.atomic
def reseal() -> dict[str, int]:
    """Every sealed value and blind index under the current keys; returns counts."""
    counts: dict[str, int] = {}
    for rekey in REKEYERS:
        counts.update(rekey())
    counts["sealed texts"] = _reseal_fields()
    return counts


def finish() -> None:
    """Forget the previous encryption key: nothing is sealed with it any more."""
    (crypto.key_folder() / "encryption.previous.key").unlink(missing_ok=True)
    crypto.forget_keys()
