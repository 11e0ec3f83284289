"""`{% asset "css/woonvinder.css" %}` and `{% icon "logo" size="large" %}`.

`{% asset %}` is Django's `{% static %}` with each file's URL remembered in the process: with the
manifest storage every `{% static %}` looks the hashed name up and joins URLs again, about ten
times per page. The manifest is read once when a process starts, so the URL cannot change while
it runs (the memory is emptied when tests change settings).
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

SPRITE = "icons/sprite.svg"


@lru_cache(maxsize=256)
def asset_url(path: str) -> str:
    return static(path)


@receiver(setting_changed)
def _forget_urls(**kwargs) -> None:
    asset_url.cache_clear()


@register.simple_tag
def asset(path):
    return asset_url(path)


@register.simple_tag
def icon(name, size=""):
    """An icon from the sprite, hidden from assistive technology (its text is next to it)."""
    size_class = format_html(" icon--{}", size) if size else ""
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        size_class,
        asset_url(SPRITE),
        name,
    )
