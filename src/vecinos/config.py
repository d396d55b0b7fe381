"""Strict readers for configuration from the environment.

Each value comes from ``VECINOS_<NAME>``; a secret may instead come from the file
named by ``VECINOS_<NAME>_FILE`` so it never has to sit in a process listing.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PREFIX = "VECINOS_"


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """``VECINOS_<name>`` from ``environ`` (the process environment unless given)."""
    environ = os.environ if environ is None else environ
    file_path = environ.get(f"{PREFIX}{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return environ.get(f"{PREFIX}{name}", default)


def env_group(
    defaults: Mapping[str, str], environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each variable named in ``defaults`` (a channel's, say), read as ``env_str`` does."""
    return {name: env_str(name, default, environ) for name, default in defaults.items()}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(f"{PREFIX}{name}")
    if raw is None or raw == "":
        return default
    if raw.lower() == "true":
        return True
    if raw.lower() == "false":
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name} must be 'true' or 'false', not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(f"{PREFIX}{name}")
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(f"{PREFIX}{name}")
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    raw = env_str("DATA_DIR")
    if raw:
        path = Path(raw)
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(base) / "vecinos"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def generated_secret(path: Path, make: Callable[[], str]) -> str:
    """The secret in ``path``, written there by ``make`` (readable by us alone) if absent."""
    if not path.exists():
        # O_EXCL: two processes starting at once must not write two different secrets.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(make())
    return path.read_text(encoding="utf-8").strip()


def secret_key(directory: Path) -> str:
    """The configured secret key, or one generated once into the data directory."""
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    return generated_secret(directory / "secret_key", lambda: secrets.token_urlsafe(50))
