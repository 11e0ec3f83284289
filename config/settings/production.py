import logging

from config.logging import production_logging

from .base import *  # noqa: F403
from .base import DATABASES, ImproperlyConfigured, env, env_bool, env_list, require_secret_key

DEBUG = False
SECRET_KEY = require_secret_key(env("SECRET_KEY"))

# TLS ends at the proxy in front of gunicorn, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer polls /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Cookies only over HTTPS, out of reach of scripts, and not sent along by other sites' forms.
# (Wagtail's admin takes its CSRF token from the page, not from the cookie.)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A database that does not answer should fail a request (and /healthz) quickly, not hang a worker.
# (A new dict: base's DATABASES is shared with every settings module that imports it.)
_database = {**DATABASES["default"], "CONN_HEALTH_CHECKS": True}
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database["OPTIONS"] = {
        "connect_timeout": int(env("DATABASE_CONNECT_TIMEOUT", "3")),
        **_database.get("OPTIONS", {}),
    }
DATABASES = {**DATABASES, "default": _database}

# The web tier signs in to Elasticsearch with a least-privilege key or user, never the
# superuser (README "Elasticsearch security"; docker/compose.secure.yml).
if env("ELASTICSEARCH_USERNAME") == "elastic":
    raise ImproperlyConfigured(
        "ELASTICSEARCH_USERNAME=elastic: use a least-privilege API key or user (README "
        "'Elasticsearch security'), not the superuser"
    )

LOGGING = production_logging(env("LOG_LEVEL", "INFO"))
# Python's warnings go through the same JSON handler instead of bare lines on stderr.
logging.captureWarnings(True)
