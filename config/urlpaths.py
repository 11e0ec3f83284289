"""`reverse()`, remembered in the process.

Pages link to several of the site's own addresses, and reverse() costs about as much as
rendering a form field. An address depends on the name, its arguments, the script prefix, the
URL configuration and the language; settings changes (tests, development) start afresh.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation


@lru_cache(maxsize=512)
def _reversed(name: str, args: tuple, script_prefix: str, urlconf, language: str) -> str:
    return reverse(name, args=args, urlconf=urlconf)


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    _reversed.cache_clear()


def url_for(name: str, *args) -> str:
    """`reverse(name, args=args)`, worked out once per process."""
    return _reversed(name, args, get_script_prefix(), get_urlconf(), translation.get_language())
