"""Settings shared by every environment.

Everything that differs between machines comes from the environment. The defaults here are
the embedded ones (SQLite, database search) and are secure: DEBUG is off and there is no
secret key outside the dev and test settings.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from config.logging import TEMPLATE_FILTERS, TEMPLATE_LOGGER

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env("SITE_NAME", "Woonvinder")

INSTALLED_APPS = [
    "pages",
    "residences",
    "search",
    "questionnaire",
    "enquiries",
    "workspace",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the professionals' workspace asks for a second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    {
        # The result cards and their parts (config/jinja2.py says why): <app>/jinja2/.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "config.jinja2.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Invitation and password reset links (one token generator for both) work for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch is the source language of every visitor-facing string; English comes from locale/en.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Caching: Redis when configured, local memory otherwise.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    # Per process: template fragments and menus; the entry count bounds the memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    }
# `{% cache %}` fragments use their own alias (Django's cache tag picks `template_fragments` when
# it exists), prefixed with the release: a deploy that changes a template never serves fragments
# rendered by the old one. Set RELEASE per deploy (the Docker image takes it as a build argument).
CACHES["template_fragments"] = {
    **CACHES["default"],
    "KEY_PREFIX": "fragments-" + env("RELEASE", "dev"),
}

# Questionnaire answers are health data: sessions live on the server, expire after a day and
# are never readable by scripts. The database holds every session. With a shared cache (Redis)
# sessions are also kept there and read from it ("cached_db": every write goes to the database
# first, a read the cache cannot answer goes to the database), which saves a query on each
# request of a visitor with a session; a per-process cache would let workers read stale copies.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_AGE = 24 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Woonvinder <noreply@woonvinder.nl>")

# Wagtail
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Editors translate pages in the admin (Wagtail's simple translation: "Translate" copies a page
# into the English tree). The English home is the Dutch home's translation, served at /en/.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Content pages are Dutch: PostgreSQL stems with its Dutch configuration (SQLite ignores this).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILIMAGES_REQUIRE_ALT_TEXT = True
# No third parties: Gravatar would learn a hash of every editor's e-mail address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail has no setting for mandatory alt text on uploads (WAGTAILIMAGES_REQUIRE_ALT_TEXT is
# ours, kept as documentation): this form makes the image description (its alt text) required.
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.forms.ImageForm"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Catalogue import (manage.py import_catalogue): a larger file is refused before it is read
# and parsed, which bounds the memory an import can take.
CATALOGUE_IMPORT_MAX_BYTES = int(env("CATALOGUE_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))

# Residence search
SEARCH_BACKEND = env("SEARCH_BACKEND", "database")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_USERNAME = env("ELASTICSEARCH_USERNAME")
ELASTICSEARCH_PASSWORD = env("ELASTICSEARCH_PASSWORD")
ELASTICSEARCH_API_KEY = env("ELASTICSEARCH_API_KEY")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", "woonvinder-residences")
# The server's major version (8 or 9): the REST compatibility every request asks for.
ELASTICSEARCH_VERSION = env("ELASTICSEARCH_VERSION", "9")
# https with a private CA: the CA's PEM file, or the server certificate's SHA-256 fingerprint.
ELASTICSEARCH_CA_CERTS = env("ELASTICSEARCH_CA_CERTS")
ELASTICSEARCH_SSL_ASSERT_FINGERPRINT = env("ELASTICSEARCH_SSL_ASSERT_FINGERPRINT")
# `search_index rebuild|check|update` may use a key that can create and delete indexes; the
# web tier's ELASTICSEARCH_API_KEY can only read and write documents.
ELASTICSEARCH_OPERATOR_API_KEY = env("ELASTICSEARCH_OPERATOR_API_KEY")
GEOCODER_PDOK_ENABLED = env_bool("GEOCODER_PDOK_ENABLED", False)
MAP_TILE_URL = env("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-bijdragers")
# Who serves the map tiles, named on the map button before the first click: opening the map
# sends the visitor's address to that server (point MAP_TILE_URL at the region's own server).
MAP_TILE_SOURCE = env("MAP_TILE_SOURCE", "OpenStreetMap")

# Requests to residences (enquiries/). Names, contact details, messages and attached wishes are
# encrypted in the database with these Fernet keys: comma-separated, the newest first. Older keys
# only decrypt, so a key is rotated by putting a new one in front and running
# `manage.py rotate_enquiry_keys`. There is no default: dev and test settings set their own.
ENQUIRY_ENCRYPTION_KEYS = env_list("ENQUIRY_ENCRYPTION_KEYS")
# A closed request is deleted this many days after it closed, an untouched one after
# REQUEST_UNTOUCHED_DAYS (`manage.py purge_enquiries`, daily from cron).
REQUEST_RETENTION_DAYS = int(env("REQUEST_RETENTION_DAYS", "90"))
REQUEST_UNTOUCHED_DAYS = int(env("REQUEST_UNTOUCHED_DAYS", "180"))
# How long a status link in a mail works; each status mail carries a fresh one.
ENQUIRY_STATUS_LINK_DAYS = int(env("ENQUIRY_STATUS_LINK_DAYS", "180"))
# Sent requests (requests, seconds) per visitor address and per residence.
ENQUIRY_LIMIT_PER_ADDRESS = (int(env("ENQUIRY_LIMIT_PER_ADDRESS", "5")), 3600)
ENQUIRY_LIMIT_PER_RESIDENCE = (int(env("ENQUIRY_LIMIT_PER_RESIDENCE", "30")), 3600)
# A professional sends for many clients, often from an office address colleagues share.
ENQUIRY_LIMIT_PER_PROFESSIONAL = (int(env("ENQUIRY_LIMIT_PER_PROFESSIONAL", "30")), 3600)

# The professionals' workspace (workspace/). Client data is encrypted with the requests' keys
# (ENQUIRY_ENCRYPTION_KEYS). A client with no activity for WORKSPACE_ARCHIVE_AFTER_DAYS is
# archived and after WORKSPACE_DELETE_AFTER_DAYS deleted (`manage.py workspace_retention`, daily).
WORKSPACE_ARCHIVE_AFTER_DAYS = int(env("WORKSPACE_ARCHIVE_AFTER_DAYS", "365"))
WORKSPACE_DELETE_AFTER_DAYS = int(env("WORKSPACE_DELETE_AFTER_DAYS", "730"))
# How long a link shared with a client works (each can be revoked sooner).
WORKSPACE_SHARE_LINK_DAYS = int(env("WORKSPACE_SHARE_LINK_DAYS", "30"))
# The name authenticator apps show for the workspace's TOTP devices.
OTP_TOTP_ISSUER = SITE_NAME

# Admin login throttling
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# Failures count per user name *and* address, so a stranger who guesses wrong for a known
# e-mail locks only their own address out, never the real editor at theirs; and per address
# alone, so one address spraying guesses over many user names is stopped too.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Locked-out editors get the Dutch 429 page; axes logs a pseudonym instead of username and
# address, uses the same client address as the rate limit, and keeps no log of good logins.
AXES_LOCKOUT_CALLABLE = "config.ratelimit.axes_lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.ratelimit.client_ip"
AXES_CLIENT_STR_CALLABLE = "config.ratelimit.axes_client_string"
AXES_DISABLE_ACCESS_LOG = True

# Security headers. The Content-Security-Policy comes from django-csp; config/middleware.py gives
# the Wagtail admin its own policy and adds the Permissions-Policy.
# Result URLs carry search wishes in the query string: other sites (the map tile server) only ever
# learn our origin, never the page address.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSP_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")


def tile_origin(tile_url: str) -> str:
    """The origin of the map tile server, for img-src. Empty when tiles come from our own site."""
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return ""
    host = parts.netloc
    # Leaflet's {s} placeholder spreads requests over subdomains a, b and c.
    if "{s}" in tile_url:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


# Every visitor-facing page: no inline script or style, and no origin but ours and the tiles'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [source for source in (SELF, "data:", tile_origin(MAP_TILE_URL)) if source],
        "script-src": [SELF],
        "style-src": [SELF],
        "connect-src": [SELF],
        "font-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Wagtail's admin still writes inline scripts and style attributes (Draftail, Stimulus controller
# values, the page preview), so it cannot live under the public policy. It keeps every other
# restriction: only our own origin for scripts, styles, frames and form targets. The admin is only
# reachable after login, and login is throttled by django-axes.
CSP_ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "connect-src": [SELF],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}

# Requests per client per window (requests, seconds), by path prefix: config/ratelimit.py.
RATE_LIMITS = {
    "/zoeken/": (int(env("RATE_LIMIT_SEARCH", "120")), 60),
    "/vragenlijst/bewaren": (int(env("RATE_LIMIT_QUESTIONNAIRE_SAVE", "10")), 60),
    # Share links (guessing tokens) and the workspace's password and code pages.
    "/werkruimte/gedeeld/": (int(env("RATE_LIMIT_WORKSPACE_SHARED", "30")), 60),
    "/werkruimte/inloggen/": (int(env("RATE_LIMIT_WORKSPACE_LOGIN", "20")), 60),
}
# Set to e.g. HTTP_X_FORWARDED_FOR only behind a proxy we run that sets that header; otherwise
# REMOTE_ADDR is the client and forwarding headers are ignored.
TRUSTED_PROXY_IP_HEADER = env("TRUSTED_PROXY_IP_HEADER")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": TEMPLATE_FILTERS,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Failed lookups at DEBUG carry the template context: questionnaire answers.
        "django.template": TEMPLATE_LOGGER,
        # Request lines carry query strings, and query strings can carry search wishes.
        "django.server": {"handlers": [], "propagate": False},
        # Wagtail runs its reference-index and search updates as tasks, one log line each.
        "django_tasks": {"level": "WARNING"},
    },
}
AXES_VERBOSE = False


def require_secret_key(value: str) -> str:
    if not value or value.startswith("django-insecure") or len(value) < 40:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 40 characters."
        )
    return value
