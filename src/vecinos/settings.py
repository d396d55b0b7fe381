"""Django settings, read from the environment only (see config.py and README.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from vecinos import config, languages
from vecinos.messaging import channels

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key(DATA_DIR)
DEBUG = config.env_bool("DEBUG")
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The public address as configured; without one, `vecinos serve` and `vecinos demo` make it
# the address they listen on (links in messages must lead back to this site).
SITE_URL_GIVEN = config.env_str("SITE_URL").rstrip("/")
SITE_URL = SITE_URL_GIVEN or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "vecinos.web",
    "vecinos.networks",
    "vecinos.reports",
    "vecinos.responders",
    "vecinos.alerts",
    "vecinos.rights",
    "vecinos.privacy",
    "vecinos.neighbors",
    "vecinos.messaging",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vecinos.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "vecinos.urls"
WSGI_APPLICATION = "vecinos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vecinos.web.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        config.env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'vecinos.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web threads read while the worker writes; IMMEDIATE takes the
        # write lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Rate-limit buckets: in memory for the embedded default, Redis when several web
# processes must share them.
REDIS_URL = config.env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Contact points' keys (privacy/crypto.py): unset, each is generated once into the data dir.
ENCRYPTION_KEY = config.env_str("ENCRYPTION_KEY")
INDEX_KEY = config.env_str("INDEX_KEY")
# The encryption key before a rotation, while values sealed with it remain (privacy/rotation.py).
PREVIOUS_ENCRYPTION_KEY = config.env_str("PREVIOUS_ENCRYPTION_KEY")

# Only behind a reverse proxy that sets it: anyone else can forge the header.
TRUST_FORWARDED_FOR = config.env_bool("TRUST_FORWARDED_FOR")
# A neighbor may report the same raid several times as it unfolds; a script may not.
REPORTS_PER_SOURCE = config.env_int("REPORTS_PER_SOURCE", 5)
# Anonymous reports one block (a resolution-8 cell) takes in the report window.
REPORTS_PER_AREA = config.env_int("REPORTS_PER_AREA", 20)
# One source behind this many open incidents within the flood window is shown as a possible flood.
FLOOD_INCIDENTS = config.env_int("FLOOD_INCIDENTS", 3)
# Confirmation codes a network sends per day, so the code form cannot be used to pump SMS.
DAILY_CODE_BUDGET = config.env_int("DAILY_CODE_BUDGET", 500)
# ISO country codes whose phone numbers may subscribe (read by the phone address rules).
PHONE_COUNTRIES = config.env_list("PHONE_COUNTRIES", ["US"])
# Given on its own, a web process shows the push button without the VAPID private key.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Only `vecinos demo`, whose data is synthetic, turns it off (networks/twofactor.py).
REQUIRE_TWO_FACTOR = config.env_bool("REQUIRE_TWO_FACTOR", True)
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:queue"
LOGOUT_REDIRECT_URL = "console:login"

OTP_TOTP_ISSUER = "Vecinos"

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "vecinos.web.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Never tell other sites where a neighbor came from; same-origin still lets the
# browser send the Origin header that CSRF protection checks on our own forms.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SITE_URL.startswith("https://"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = config.env_bool("SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [SITE_URL]

LANGUAGE_CODE = "es"
# A language is data: a folder in each of these (see languages/__init__.py) and its catalog.
LANGUAGE_DIRS = [PACKAGE_DIR / "languages"]
LANGUAGES = languages.choices(LANGUAGE_DIRS)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = config.env_str("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # filled by `collectstatic`, which serve and demo run
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

MAP_TILE_URL = config.env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = config.env_str("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")

NINJA_PAGINATION_PER_PAGE = 50

# Each channel's own variables (see its ChannelType), and where phone numbers may be from.
CHANNELS = channels.read_variables()
PHONE_COUNTRIES = config.env_list("PHONE_COUNTRIES", ["US"])

# Logs carry messages only: no client address, no user agent, no request object
# (DESIGN.md rule 1). Django's own loggers pass the request as an extra; the
# formatter below never prints it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": config.env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "waitress.queue": {"level": "ERROR"},
        # Request lines name push endpoints and bot tokens: never log them.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        # aiosmtpd (the demo's fake mail server) logs each peer's address.
        "mail.log": {"level": "WARNING"},
    },
}
