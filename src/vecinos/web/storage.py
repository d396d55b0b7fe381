from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed, cached-forever files once `collectstatic` ran (serve and demo run it);
    plain names before that, so tests and management commands need no build step."""

    manifest_strict = False
