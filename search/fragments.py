"""Templates rendered once with markers in place of some values, then filled by joining text.

Rendering a Django template costs far more than joining strings. When a fragment is the same for
many requests except for a few values, render it once with a marker in place of each of those
values, split it at the markers, and fill in the values (escaped as the template would show
them) per request. search/cards.py does this for the result cards and the shortlist button;
pages/page_cache.py marks the per-visitor parts of cached pages with the same markers.
"""

from __future__ import annotations

import html
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

# A private-use character: never produced by escaping, and not expected in residence texts. A
# text holding markers is caught by `pieces` (the markers found are not the expected ones).
MARK = "\ue000"
_MARKED = re.compile(f"{MARK}(\\w+){MARK}")

_SHOWN = Context(autoescape=True)  # only read: whether to localize, convert times, escape


def shown(value) -> str:
    """`value` as `{{ value }}` shows it: localized, as text, escaped."""
    # The general path, without the detour, for plain text and (ungrouped) whole numbers.
    if type(value) is str:
        return html.escape(value)  # what django.utils.html.escape does, without its wrappers
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return render_value_in_context(value, _SHOWN)


# Lazily translated labels made once (code lists, choices): each is translated and escaped
# once per language and process. Keyed by the object, held so that its id is not reused.
_labels: dict[tuple, tuple[object, str]] = {}
MAX_LABELS = 5000


def shown_label(label) -> str:
    """`shown(label)`, remembered per language for a lazily translated label.

    Only for labels whose translation depends on nothing but the language (gettext_lazy and
    the like), made once and reused: choices of a form field, code list labels.
    """
    if not isinstance(label, Promise):
        return shown(label)
    key = (get_language(), id(label))
    entry = _labels.get(key)
    if entry is None or entry[0] is not label:
        if len(_labels) >= MAX_LABELS:  # labels made per request after all: do not grow
            _labels.clear()
        entry = _labels[key] = (label, shown(label))
    return entry[1]


# Template literals as `{% translate %}` shows them, per language and process.
_translations: dict[tuple[str | None, str], str] = {}
MAX_TRANSLATIONS = 2000


def translated(message: str) -> str:
    """What `{% translate "message" %}` shows: `gettext(message)`, not escaped (a template
    literal is safe text), remembered per language. Only for fixed messages (no "%")."""
    key = (get_language(), message)
    text = _translations.get(key)
    if text is None:
        if len(_translations) >= MAX_TRANSLATIONS:  # fixed messages: not expected
            _translations.clear()
        text = _translations[key] = gettext(message)
    return text


@receiver(setting_changed)
def _forget_translations(**kwargs) -> None:
    # Languages, locale paths and the like: translate again.
    _translations.clear()
    _labels.clear()


def marker(name: str) -> str:
    return f"{MARK}{name}{MARK}"


def markers(names) -> dict[str, str]:
    return {name: marker(name) for name in names}


def pieces(html: str, slots: tuple[str, ...]) -> tuple[str, ...] | None:
    """Literal text and slot names, alternating; None unless the markers are exactly `slots`,
    in that order (a marker in a residence's text would add one)."""
    split = tuple(_MARKED.split(html))
    if split[1::2] != tuple(slots) or MARK in "".join(split[0::2]):
        return None
    return split


def fill(split: tuple[str, ...], values: dict[str, str]) -> SafeString:
    """`split` with each slot replaced by its (already escaped) value."""
    parts = list(split)
    parts[1::2] = [values[name] for name in split[1::2]]
    return SafeString("".join(parts))  # mark_safe, without its check for lazy arguments
