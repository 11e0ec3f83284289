"""What the results page shows, derived from a Criteria and a ResultPage; no HTTP here."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.utils import pretty_name
from django.urls import NoReverseMatch
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from config.urlpaths import url_for
from residences import taxonomy
from residences.models import ResidencePage
from search.backends import Match
from search.criteria import MUST_ALL_LISTS, URL_NAMES, Criteria, Importance, Sort

FEW_RESULTS = 5
PAGE_WINDOW = 2


def path(name: str) -> str:
    """`reverse(name)`, worked out once per process (config/urlpaths.py)."""
    return url_for(name)


def results_url(criteria: Criteria, extra: list[tuple[str, str]] = ()) -> str:
    query = criteria.to_query()
    if extra:
        from urllib.parse import urlencode

        query = "&".join(filter(None, [query, urlencode(list(extra))]))
    base = path("search:results")
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
    return _in_language(("title", list_name), _list_title, list_name)


def _list_title(list_name: str) -> str:
    label = str(ResidencePage._meta.get_field(list_name).verbose_name)
    return label[:1].upper() + label[1:]


def code_label(list_name: str, code: str) -> str:
    return _in_language(("code", list_name, code), _code_label, list_name, code)


def _code_label(list_name: str, code: str) -> str:
    return str(taxonomy.RESIDENCE_CODE_LISTS[list_name](code).label)


def importance_label(importance: int) -> str:
    return _in_language(("importance", importance), _importance_label, importance)


def _importance_label(importance: int) -> str:
    return str(dict(Importance.CHOICES)[importance])


# Labels of the code lists and their fields: fixed texts, translated once per language and
# process (a code that is not in its list raises, and nothing is kept).
_labels: dict[tuple, str] = {}
MAX_LABELS = 5000


def _in_language(key: tuple, make, *args) -> str:
    key = (get_language(), *key)
    label = _labels.get(key)
    if label is None:
        if len(_labels) >= MAX_LABELS:
            _labels.clear()
        label = _labels[key] = make(*args)
    return label


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
        # Wish.label, and the importance's label, remembered per language.
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


QUESTIONNAIRE_SOURCE = ("bron", "vragenlijst")


def questionnaire_check_url() -> str | None:
    try:
        return path("questionnaire:check")
    except NoReverseMatch:
        return None


def came_from_questionnaire(request) -> bool:
    """The questionnaire sends visitors here with ?bron=vragenlijst; later links keep it."""
    key, value = QUESTIONNAIRE_SOURCE
    return request.GET.get(key) == value and questionnaire_check_url() is not None


def extra_pairs(request) -> list[tuple[str, str]]:
    return [QUESTIONNAIRE_SOURCE] if came_from_questionnaire(request) else []


def facet_groups(form, result) -> list[dict]:
    """Each code list's checkboxes with counts, in taxonomy order, for the sidebar.

    `form` is the filter form (ResidenceFilterSet.bound_form): its fields say which codes each
    list offers, under which title.
    """
    groups = []
    for list_name, url_name in URL_NAMES.items():
        skeleton = facet_skeleton(form, url_name)
        counts = {value.code: value.count for value in result.facets.get(list_name, [])}
        selected = set(criteria_codes(result.criteria, list_name))
        options = [
            {
                "id": option_id,
                "code": code,
                "label": label,
                "count": counts.get(code),
                "checked": code in selected,
            }
            for option_id, code, label in skeleton.options
        ]
        groups.append(
            {
                "list_name": list_name,
                "url_name": url_name,
                "title": skeleton.title,
                "options": options,
                "selected_count": len(selected),
                "rule": list_name in MUST_ALL_LISTS,
            }
        )
    return groups


@dataclass(frozen=True)
class FacetSkeleton:
    """What a facet group shows whatever the search: its title and options, in one language."""

    title: str
    options: tuple[tuple[str, str, str], ...]  # (checkbox id, code, label)


# Per language and field: (choices, label, skeleton). The choices and label are the field's own
# objects, so a form whose field has other ones gets its own skeleton.
_skeletons: dict[tuple[str, str], tuple[object, object, FacetSkeleton]] = {}


def facet_skeleton(form, url_name: str) -> FacetSkeleton:
    """The field's title and options, translated once per language and process."""
    field = form.fields[url_name]
    choices, label = field.choices, field.label
    key = (get_language(), url_name)
    entry = _skeletons.get(key)
    if entry is None or entry[0] is not choices or entry[1] is not label:
        skeleton = FacetSkeleton(
            title=str(pretty_name(url_name) if label is None else label),
            options=tuple(
                (f"id_{url_name}_{index}", str(code), str(code_label))
                for index, (code, code_label) in enumerate(choices)
            ),
        )
        entry = _skeletons[key] = (choices, label, skeleton)
    return entry[2]


def criteria_codes(criteria: Criteria, list_name: str) -> tuple[str, ...]:
    return criteria.must(list_name)


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Languages, locale paths, URL configuration: translate and reverse again.
    _labels.clear()
    _skeletons.clear()
