"""`{% icon "logo" size="large" %}`: an icon from the site's SVG sprite."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

SPRITE = "icons/sprite.svg"


@register.simple_tag
def icon(name, size=""):
    """An icon from the sprite, hidden from assistive technology (its text is next to it)."""
    size_class = format_html(" icon--{}", size) if size else ""
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        size_class,
        static(SPRITE),
        name,
    )
