"""What the results page shows, derived from a Criteria and a ResultPage; no HTTP here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.forms.utils import pretty_name
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from residences import taxonomy
from residences.models import ResidencePage
from search.backends import Match
from search.criteria import MUST_ALL_LISTS, URL_NAMES, Criteria, Importance, Sort

FEW_RESULTS = 5
PAGE_WINDOW = 2
# Cached fragments (a card, the facet groups) are keyed by what they show, so a change shows at
# once; this only bounds how long an unused entry is kept.
FRAGMENT_CACHE_SECONDS = 6 * 60 * 60


def results_url(criteria: Criteria, extra: list[tuple[str, str]] = ()) -> str:
    query = criteria.to_query()
    if extra:
        query = "&".join(filter(None, [query, urlencode(list(extra))]))
    base = reverse("search:results")
    return f"{base}?{query}" if query else base


def detail_query(criteria: Criteria) -> str:
    """The search as a residence's page gets it (first page, best match first)."""
    return criteria.with_changes(page=1, sort=Sort.MATCH).to_query()


def detail_url(document: dict, criteria: Criteria, query: str | None = None) -> str:
    """The residence's page, carrying the search so it can say why it fits."""
    if query is None:
        query = detail_query(criteria)
    url = document.get("url") or ""
    return f"{url}?{query}" if query and url else url


@dataclass(frozen=True)
class Card:
    match: Match
    detail_url: str
    in_shortlist: bool
    position: int

    @property
    def document(self) -> dict:
        return self.match.document

    @property
    def explanation(self):
        return self.match.explanation


def cards(result, criteria: Criteria, shortlisted: list[int]) -> list[Card]:
    first = (result.page - 1) * result.page_size
    query = detail_query(criteria)
    shortlisted = set(shortlisted)
    return [
        Card(
            match,
            detail_url(match.document, criteria, query),
            match.id in shortlisted,
            first + number,
        )
        for number, match in enumerate(result.matches, start=1)
    ]


def map_points(result_cards: list[Card]) -> list[dict]:
    """Markers for the results on this page, for json_script (a CSP-friendly data block)."""
    points = [
        {
            "title": card.document.get("title", ""),
            "place": card.document.get("place", ""),
            "url": card.detail_url,
            "lat": card.document["latitude"],
            "lon": card.document["longitude"],
            "position": card.position,
        }
        for card in result_cards
        if card.document.get("latitude") is not None and card.document.get("longitude") is not None
    ]
    return points


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str
    current: bool


def page_links(result, criteria: Criteria, extra=()) -> list[PageLink]:
    count = result.page_count
    if count <= 1:
        return []
    shown = {1, count, *range(result.page - PAGE_WINDOW, result.page + PAGE_WINDOW + 1)}
    links: list[PageLink] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= count):
        if number - previous > 1:
            links.append(PageLink(None, "", False))
        url = results_url(criteria.with_changes(page=number), extra)
        links.append(PageLink(number, url, number == result.page))
        previous = number
    return links


def sort_hidden_pairs(criteria: Criteria, extra=()) -> list[tuple[str, str]]:
    """Everything of the search except the order and the page, for the sort form."""
    pairs = criteria.with_changes(page=1).to_pairs()
    return [(key, value) for key, value in pairs if key != "sorteer"] + list(extra)


def count_text(total: int) -> str:
    if total == 0:
        return _("Geen woonlocaties gevonden")
    return ngettext("%(count)s woonlocatie gevonden", "%(count)s woonlocaties gevonden", total) % {
        "count": total
    }


# "Wat u zocht" -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str


def list_title(list_name: str) -> str:
    label = str(ResidencePage._meta.get_field(list_name).verbose_name)
    return label[:1].upper() + label[1:]


def code_label(list_name: str, code: str) -> str:
    return str(taxonomy.RESIDENCE_CODE_LISTS[list_name](code).label)


def importance_label(importance: int) -> str:
    return str(dict(Importance.CHOICES)[importance])


def summary_rows(criteria: Criteria) -> list[SummaryRow]:
    rows = []
    if criteria.text:
        rows.append(SummaryRow(_("Zoekwoorden"), criteria.text))
    if criteria.place:
        where = criteria.place_label or criteria.place
        if criteria.max_distance_km:
            where = _("%(place)s, tot %(km)s km") % {"place": where, "km": criteria.max_distance_km}
        rows.append(SummaryRow(_("In de buurt van"), where))
    for list_name, codes in criteria.musts:
        labels = ", ".join(code_label(list_name, code) for code in codes)
        if len(codes) > 1:
            rule = _("alles") if list_name in MUST_ALL_LISTS else _("een van")
            labels = f"{labels} ({rule})"
        rows.append(SummaryRow(list_title(list_name), labels))
    if criteria.wishes:
        wishes = "; ".join(
            f"{code_label(wish.list_name, wish.code)} ({importance_label(wish.importance)})"
            for wish in criteria.wishes
        )
        rows.append(SummaryRow(_("Wensen"), wishes))
    if criteria.age is not None:
        rows.append(SummaryRow(_("Leeftijd"), _("%(age)s jaar") % {"age": criteria.age}))
    if criteria.available_only:
        rows.append(SummaryRow(_("Beschikbaarheid"), _("Alleen met een vrije plaats")))
    if criteria.urgency:
        label = str(taxonomy.Urgency(criteria.urgency).label)
        rows.append(SummaryRow(_("Hoe snel"), label))
    return rows


def active_filter_count(criteria: Criteria) -> int:
    """How many filters are set, each chosen code on its own: "Filters (3 actief)"."""
    return (
        bool(criteria.text)
        + bool(criteria.place)
        + len(criteria.must_conditions())
        + len(criteria.wishes)
        + (criteria.age is not None)
        + criteria.available_only
        + bool(criteria.urgency)
    )


QUESTIONNAIRE_SOURCE = ("bron", "vragenlijst")
# The questionnaire adds this when someone does not know their indication or how their care is
# paid: the results page then explains what an indication is and where to get help.
INDICATION_HELP = ("uitleg", "indicatie")


def questionnaire_check_url() -> str | None:
    try:
        return reverse("questionnaire:check")
    except NoReverseMatch:
        return None


def came_from_questionnaire(request) -> bool:
    """The questionnaire sends visitors here with ?bron=vragenlijst; later links keep it."""
    key, value = QUESTIONNAIRE_SOURCE
    return request.GET.get(key) == value and questionnaire_check_url() is not None


def needs_indication_help(request) -> bool:
    key, value = INDICATION_HELP
    return request.GET.get(key) == value


def extra_pairs(request) -> list[tuple[str, str]]:
    """What the address holds besides the search, kept by every link of the results page."""
    pairs = []
    if came_from_questionnaire(request):
        pairs.append(QUESTIONNAIRE_SOURCE)
    if needs_indication_help(request):
        pairs.append(INDICATION_HELP)
    return pairs


def facet_groups(form, result) -> list[dict]:
    """Each code list's checkboxes with counts, in taxonomy order, for the sidebar.

    `form` is the filter form (ResidenceFilterSet's form): its fields say which codes each list
    offers, under which title.
    """
    groups = []
    for list_name, url_name in URL_NAMES.items():
        field = form.fields[url_name]
        counts = {value.code: value.count for value in result.facets.get(list_name, [])}
        selected = set(result.criteria.must(list_name))
        options = [
            {
                "id": f"id_{url_name}_{index}",
                "code": code,
                "label": label,
                "count": counts.get(code),
                "checked": code in selected,
            }
            for index, (code, label) in enumerate(field.choices)
        ]
        groups.append(
            {
                "list_name": list_name,
                "url_name": url_name,
                "title": pretty_name(url_name) if field.label is None else field.label,
                "options": options,
                "selected_count": len(selected),
                "rule": list_name in MUST_ALL_LISTS,
            }
        )
    return groups


def facet_groups_key(groups: list[dict]) -> str:
    """What the sidebar's facet groups show besides their fixed words and labels (which follow
    the language): the codes, their counts and which are ticked. Their cached rendering is keyed
    by this, so it is never out of date."""
    content = repr(
        [
            (group["url_name"], [(o["code"], o["count"], o["checked"]) for o in group["options"]])
            for group in groups
        ]
    )
    return hashlib.sha1(content.encode(), usedforsecurity=False).hexdigest()
