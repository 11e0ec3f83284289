from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "django-insecure-dev-only-woonvinder-local-key")
ALLOWED_HOSTS = ["*"]
# A fixed key that protects nothing: only for local data (see base.py for production).
ENQUIRY_ENCRYPTION_KEYS = env_list("ENQUIRY_ENCRYPTION_KEYS") or [
    "d29vbnZpbmRlci1kZXYtb25seS1lbnF1aXJ5LWtleSE="
]
