from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_list

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key-for-the-woonvinder-test-suite"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whatever REDIS_URL says: the cache above is per process (tests/ops covers cached_db on Redis).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
AXES_ENABLED = env("AXES_ENABLED", "") == "1"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Whole test runs send far more searches from 127.0.0.1 than a visitor may; tests/ops turn the
# limits on with the settings fixture.
RATE_LIMITS = {}
# A fixed key that protects nothing: only for local data (see base.py for production).
ENQUIRY_ENCRYPTION_KEYS = env_list("ENQUIRY_ENCRYPTION_KEYS") or [
    "d29vbnZpbmRlci1kZXYtb25seS1lbnF1aXJ5LWtleSE="
]
