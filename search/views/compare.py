"""Compare up to four residences side by side; the URL (?id=..&id=..) is the share link."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from residences import numbers, presenters
from residences.models import ResidencePage
from search import ranking, shortlist
from search.criteria import Criteria
from search.forms import all_values
from search.views.presentation import detail_url


@dataclass(frozen=True)
class Column:
    page: ResidencePage
    availability: presenters.Availability
    explanation: ranking.Explanation | None
    detail_url: str
    remove_url: str
    in_shortlist: bool


@require_GET
def compare(request):
    requested, notices = _requested_ids(request)
    if len(requested) > shortlist.COMPARE_MAX:
        notices.append(
            _(
                "U kunt %(max)s woonlocaties tegelijk vergelijken. "
                "U ziet de eerste %(max)s van de %(count)s die u koos."
            )
            % {"max": shortlist.COMPARE_MAX, "count": len(requested)}
        )
    ids = requested[: shortlist.COMPARE_MAX]
    pages = shortlist.live_residences(ids)
    if len(pages) < len(ids):
        notices.append(_("Een of meer woonlocaties bestaan niet meer en zijn weggelaten."))
    criteria, criteria_notices = Criteria.from_query(request.GET)
    shown_ids = [page.id for page in pages]
    context = {
        **comparison(pages, criteria, request),
        "notices": notices + criteria_notices,
        "share_url": request.build_absolute_uri(_compare_url(shown_ids, criteria)),
        "current_url": request.get_full_path(),
        "compare_max": shortlist.COMPARE_MAX,
        "residence_ids": shown_ids,
    }
    return render(request, "search/compare.html", context)


def comparison(pages, criteria: Criteria, request, compare_url=None) -> dict:
    """What the compare table (search/includes/compare_table.html) shows for these pages.

    `compare_url(ids, criteria)` makes the address of the same comparison with fewer columns:
    this page's by default; the workspace compares a client's shortlist at its own address.
    """
    today = timezone.localdate()
    columns = [
        _column(page, pages, criteria, today, request, compare_url or _compare_url)
        for page in pages
    ]
    return {
        "columns": columns,
        "groups": presenters.compare_groups([column.page for column in columns]),
        "criteria": criteria,
        "explains": bool(criteria.wishes or criteria.has_location),
    }


def ids_in_address(request) -> tuple[list[int], bool]:
    """The residence ids the address names (?id=), each once and in order, and whether a value
    was not an id. Also the workspace's comparison reads its choice this way."""
    ids: list[int] = []
    unknown = False
    for value in all_values(request.GET, "id"):
        page_id = numbers.parse_whole_number(value, minimum=1)
        if page_id is None:
            unknown = True
        elif page_id not in ids:
            ids.append(page_id)
    return ids, unknown


def _requested_ids(request) -> tuple[list[int], list[str]]:
    """Ids from the URL, or the shortlist when the URL names none; duplicates count once."""
    if "id" not in request.GET:
        return shortlist.ids(request), []
    ids, unknown = ids_in_address(request)
    return ids, [_("Een onbekende woonlocatie is weggelaten.")] if unknown else []


def _compare_url(ids: list[int], criteria: Criteria) -> str:
    pairs = [("id", str(page_id)) for page_id in ids] + criteria.with_changes(page=1).to_pairs()
    query = urlencode(pairs)
    return f"{reverse('search:compare')}?{query}" if query else reverse("search:compare")


def _column(page, pages, criteria, today, request, compare_url) -> Column:
    explanation = None
    if criteria.wishes or criteria.has_location:
        from search.indexing import residence_document

        explanation = ranking.explain(criteria, residence_document(page), today)
    others = [other.id for other in pages if other.id != page.id]
    return Column(
        page=page,
        availability=presenters.availability(page, today),
        explanation=explanation,
        detail_url=detail_url({"url": page.url}, criteria),
        remove_url=compare_url(others, criteria),
        in_shortlist=shortlist.contains(request, page.id),
    )
