"""Test settings: the production settings, with a throwaway data directory."""

import os
import tempfile

os.environ.setdefault("VECINOS_DATA_DIR", tempfile.mkdtemp(prefix="vecinos-test-"))

from vecinos.settings import *  # noqa: E402, F403

# Argon2 is deliberately slow; tests log in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303
