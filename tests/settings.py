"""Test settings: the production settings, with a throwaway data directory."""

import os
import tempfile

os.environ.setdefault("VECINOS_DATA_DIR", tempfile.mkdtemp(prefix="vecinos-test-"))

from vecinos.settings import *  # noqa: E402

# Argon2 is deliberately slow; tests log in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No collectstatic before tests: serve files by their plain names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
