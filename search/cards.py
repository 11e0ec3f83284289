"""The result cards of the results page, rendered cheaply: what depends only on the residence is
cached, what depends on the request is filled in per request.

A card (search/includes/result_card.html) has four per-request slots: the link to the detail
page (it carries the search), the distance ("3,5 km van Schiedam"), the "why it fits"
explanation and the shortlist button (CSRF token, on-list state, the page to come back to).
Everything else (photo, title, provider and place, intro, availability) depends only on the
residence, the language and the templates.

That part is rendered once with markers in the four slots, split at the markers and kept in
Django's cache. The cache key holds the language, a digest of the card templates and the
residence id; the entry holds the exact values the card was rendered from (`card_values`), and
is used only when they equal this request's values. So an entry is never served for another
version of a residence, whichever engine produced the document: the database index (where the
index generation would also tell) and Elasticsearch alike (whose documents can lag behind the
database generation: the pipeline writes the database first, and an Elasticsearch write can fail
and be repaired later). The static render sees only those values (not the whole document), so a
field added to the template without adding it to `CARD_FIELDS` shows up empty in tests instead
of going stale in production. "Niet recent bevestigd" depends on today; it is derived from the
availability status, which is among the compared values. The index generation is not in the key:
it would cost a query per page and retire every card at every index write, and the compared
values already tell when a card changed.

The shortlist button keeps its one template (search/includes/shortlist_button.html, also used on
the detail, compare and shortlist pages); it is rendered with markers once per language and
state, per process, and filled per card.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from residences.presenters import Availability
from search.form_html import Transcription
from search.fragments import fill, markers, pieces, shown, translated

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "search/includes/result_card.html"
AVAILABILITY_TEMPLATE = "search/includes/availability.html"
EXPLANATION_TEMPLATE = "search/includes/explanation.html"
BUTTON_TEMPLATE = "search/includes/shortlist_button.html"

# What the cached part of a card shows of the document; the static render sees nothing else.
CARD_FIELDS = (
    "id",
    "title",
    "photo_url",
    "photo_alt",
    "provider_name",
    "place",
    "district",
    "intro",
)
CARD_SLOTS = ("detail_url", "distance", "explanation", "actions")
BUTTON_SLOTS = ("csrf_token", "residence_id", "next", "title")

CACHE_PREFIX = "search:card"
# Entries are checked against the residence's values on every read; this only bounds memory.
CACHE_SECONDS = 6 * 60 * 60

# Template digests -------------------------------------------------------------------------

_digests: dict[str, tuple[object, str]] = {}


def _template_digest(*names: str) -> str:
    """A digest of the templates' sources, so a deploy with changed markup gets new entries."""
    digest = hashlib.sha1(usedforsecurity=False)
    for name in names:
        # The engine's template object stays the same until templates are reloaded.
        template = get_template(name).template
        entry = _digests.get(name)
        if entry is None or entry[0] is not template:
            source = hashlib.sha1(template.source.encode(), usedforsecurity=False).hexdigest()
            entry = _digests[name] = (template, source)
        digest.update(entry[1].encode())
    return digest.hexdigest()[:12]


# Cards ------------------------------------------------------------------------------------


def card_values(card) -> tuple:
    """Everything the cached part of `card` is rendered from (besides language and templates)."""
    document = card.document
    explanation = card.explanation
    return (
        tuple(document.get(name) for name in CARD_FIELDS),
        (
            explanation.availability,
            explanation.confirmed_on,
            explanation.free_places,
            explanation.waiting_weeks,
        ),
    )


def _card_context(values: tuple, slots: dict) -> dict:
    fields, (availability, confirmed_on, free_places, waiting_weeks) = values
    return {
        "card": {
            "document": dict(zip(CARD_FIELDS, fields, strict=True)),
            "availability": Availability(
                availability=availability,
                confirmed_on=confirmed_on,
                free_places=free_places,
                waiting_weeks=waiting_weeks,
            ),
        },
        "slots": slots,
    }


def render_cards(cards, context) -> SafeString:
    """All cards of a results page; `context` is the page's template context."""
    if not cards:
        return mark_safe("")
    request = context.get("request")
    criteria = context.get("criteria")
    language = get_language() or ""
    version = _template_digest(CARD_TEMPLATE, AVAILABILITY_TEMPLATE)
    keys = [f"{CACHE_PREFIX}:{version}:{language}:{card.document['id']}" for card in cards]
    all_values = [card_values(card) for card in cards]
    cached = _cached_entries(keys, all_values)
    fresh: dict[str, tuple] = {}
    live = _LiveParts(context, request, criteria)
    template = get_template(CARD_TEMPLATE)
    marked = markers(CARD_SLOTS)
    html = []
    for key, card, values in zip(keys, cards, all_values, strict=True):
        entry = cached.get(key)
        split = entry[1] if entry is not None and entry[0] == values else None
        if split is None:
            split = pieces(template.render(_card_context(values, marked)), CARD_SLOTS)
            if split is not None:
                fresh[key] = (values, split)
        slots = live.slots(card)
        if split is None:  # a marker in the residence's own text: render it as it is
            html.append(template.render(_card_context(values, slots)))
        else:
            html.append(fill(split, slots))
    if fresh:
        _cache_set_many(fresh)
        _recent.set_many(fresh)
    return SafeString("".join(html))


def _cached_entries(keys: list[str], all_values: list[tuple]) -> dict:
    """The stored entries for `keys`: this process's recent ones where they are current, the
    card cache's for the rest."""
    cached = _recent.get_many(keys)
    missing = [
        key
        for key, values in zip(keys, all_values, strict=True)
        if key not in cached or cached[key][0] != values
    ]
    if missing:
        stored = _cache_get_many(missing)
        cached.update(stored)
        _recent.set_many(stored)
    return cached


class _LiveParts:
    """The per-request slots of the cards of one page."""

    def __init__(self, context, request, criteria):
        place = (criteria.place_label or criteria.place) if criteria is not None else ""
        self.language = get_language()
        self.distance_words = _("%(km)s km van %(place)s")
        self.place = shown(place)
        self.buttons = ShortlistButtons(
            next_url=context.get("current_url") or (request.get_full_path() if request else ""),
            csrf_token=context.get("csrf_token"),
        )
        self.explanations: dict = {}

    def slots(self, card) -> dict[str, str]:
        return {
            "detail_url": shown(card.detail_url),
            "distance": self.distance(card.explanation.distance_km),
            "explanation": self.explanation(card.explanation),
            "actions": self.buttons.html(
                card.document["id"], card.document.get("title"), card.in_shortlist
            ),
        }

    def distance(self, km) -> SafeString | str:
        if km is None:
            return ""
        words = self.distance_words % {"km": kilometres(km, self.language), "place": self.place}
        return SafeString(f"· {words}")

    def explanation(self, explanation) -> str:
        # Remembered for this page only: which wishes a visitor has is theirs.
        key = (explanation.met, explanation.missed)
        try:
            html = self.explanations.get(key)
        except TypeError:  # unhashable wishes: render every time
            key, html = None, None
        if html is None:
            html = explanation_html.render(explanation=explanation)
            if key is not None:
                self.explanations[key] = html
        return html


# Distances: `{{ km|floatformat:1 }}` as a table per language. Distances come rounded to
# a tenth (ranking.explain), so a few thousand numbers cover every card.
_kilometres: dict[tuple[str | None, float], str] = {}
MAX_KILOMETRES = 20000


def kilometres(km, language) -> str:
    key = (language, km)
    text = _kilometres.get(key)
    if text is None:
        if len(_kilometres) >= MAX_KILOMETRES:
            _kilometres.clear()
        text = _kilometres[key] = shown(floatformat(km, 1))
    return text


# "Why it fits": search/includes/explanation.html in Python while it is this text.
EXPLANATION_SOURCE = (
    "{% load i18n %}{% comment %}\n"
    '  Which wishes a residence meets. ✓ and ✗ are shown, and a hidden "wel"/"niet" is read'
    " aloud:\n"
    "  never colour alone.\n"
    "{% endcomment %}{% if explanation.wish_count %}\n"
    '<div class="match">\n'
    '  <p class="match__summary">{{ explanation.summary }}:</p>\n'
    '  <ul class="match__list">\n'
    '    {% for wish in explanation.met %}<li class="match__item match__item--met">'
    '<span aria-hidden="true">✓</span><span class="visually-hidden">{% translate "wel" %}:'
    "</span> {{ wish.label }}</li>{% endfor %}\n"
    '    {% for wish in explanation.missed %}<li class="match__item match__item--missed">'
    '<span aria-hidden="true">✗</span><span class="visually-hidden">{% translate "niet" %}:'
    "</span> {{ wish.label }}</li>{% endfor %}\n"
    "  </ul>\n"
    "</div>\n"
    "{% endif %}\n"
)


def _explanation(explanation) -> str:
    if not explanation.wish_count:
        return "\n"
    met_word, missed_word = translated("wel"), translated("niet")
    met = "".join(
        '<li class="match__item match__item--met"><span aria-hidden="true">✓</span>'
        f'<span class="visually-hidden">{met_word}:</span> {shown(wish.label)}</li>'
        for wish in explanation.met
    )
    missed = "".join(
        '<li class="match__item match__item--missed"><span aria-hidden="true">✗</span>'
        f'<span class="visually-hidden">{missed_word}:</span> {shown(wish.label)}</li>'
        for wish in explanation.missed
    )
    return (
        '\n<div class="match">\n'
        f'  <p class="match__summary">{shown(explanation.summary)}:</p>\n'
        '  <ul class="match__list">\n'
        f"    {met}\n"
        f"    {missed}\n"
        "  </ul>\n"
        "</div>\n\n"
    )


explanation_html = Transcription(EXPLANATION_TEMPLATE, EXPLANATION_SOURCE, _explanation)


# The shortlist button ---------------------------------------------------------------------

_buttons: dict[tuple, tuple[object, tuple[str, ...] | None]] = {}


class ShortlistButtons:
    """What `{% shortlist_button %}` renders, for many residences of one page.

    Its template is rendered with markers once per language and state (per process) and filled
    per button; the values are shown as the template shows them.
    """

    def __init__(self, *, next_url: str, csrf_token, small: bool = True):
        self.small = bool(small)
        self.common = {"csrf_token": csrf_token, "next": next_url}
        self.shown = {name: shown(value) for name, value in self.common.items()}
        self.template = get_template(BUTTON_TEMPLATE)
        self.splits: dict[bool, tuple[str, ...] | None] = {}

    def html(self, residence_id, title, on_list) -> str:
        on_list = bool(on_list)
        if on_list not in self.splits:
            self.splits[on_list] = self._split(on_list)
        split = self.splits[on_list]
        if split is None:
            values = {**self.common, "residence_id": residence_id, "title": title}
            return self.template.render({**values, "on_list": on_list, "small": self.small})
        values = {**self.shown, "residence_id": shown(residence_id), "title": shown(title)}
        return fill(split, values)

    def _split(self, on_list: bool) -> tuple[str, ...] | None:
        engine_template = self.template.template  # the same object until templates reload
        key = (get_language(), get_script_prefix(), on_list, self.small)
        entry = _buttons.get(key)
        if entry is None or entry[0] is not engine_template:
            marked = markers(BUTTON_SLOTS)
            html = self.template.render({**marked, "on_list": on_list, "small": self.small})
            entry = _buttons[key] = (engine_template, pieces(html, BUTTON_SLOTS))
            if entry[1] is None:
                logger.warning("%s: unexpected markers; rendered per button", BUTTON_TEMPLATE)
        return entry[1]


def shortlist_button_html(
    *, residence_id, title, on_list: bool, next_url: str, csrf_token, small: bool = True
) -> str:
    buttons = ShortlistButtons(next_url=next_url, csrf_token=csrf_token, small=small)
    return buttons.html(residence_id, title, on_list)


# The cache --------------------------------------------------------------------------------


# With a shared cache (Redis) every worker shares the cards. A local-memory default cache is
# small and holds whole pages and facet counts: 18 cards per results page would push those out,
# and its few hundred entries would hold few cards. Then cards get a local-memory cache of their
# own (per process; entries of ~2 KB).
LOCAL_MAX_ENTRIES = 3000
_local = LocMemCache(
    "search-cards", {"TIMEOUT": CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": LOCAL_MAX_ENTRIES}}
)


class RecentEntries:
    """The entries this process used last, in front of the card cache.

    Reading a page of cards from Redis (a round trip and twenty unpickled entries) cost more
    CPU than filling them. An entry holds only what depends on the residence, the language
    and the templates, and is used only while the residence's values are the ones it was
    rendered from, so keeping it in the process is as safe as keeping it in Redis.
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()  # gunicorn may run threads

    def get_many(self, keys) -> dict:
        found = {}
        with self._lock:
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None:
                    self._entries.move_to_end(key)
                    found[key] = entry
        return found

    def set_many(self, entries: dict) -> None:
        with self._lock:
            for key, entry in entries.items():
                self._entries[key] = entry
                self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


# About 3 KB an entry: a few megabytes per process.
RECENT_MAX_ENTRIES = 3000
_recent = RecentEntries(RECENT_MAX_ENTRIES)


def card_cache():
    default = caches["default"]
    return _local if isinstance(default, LocMemCache) else default


def _cache_get_many(keys: list[str]) -> dict:
    try:
        return card_cache().get_many(keys)
    except Exception as error:  # a cache outage costs speed, never a result page
        logger.warning("Card cache unavailable (%s)", type(error).__name__)
        return {}


def _cache_set_many(entries: dict) -> None:
    try:
        card_cache().set_many(entries, CACHE_SECONDS)
    except Exception as error:
        logger.warning("Card cache unavailable (%s)", type(error).__name__)
