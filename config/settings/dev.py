from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "django-insecure-dev-only-woonvinder-local-key")
ALLOWED_HOSTS = ["*"]
