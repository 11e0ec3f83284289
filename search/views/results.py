"""The results page: a GET over the query string, never a 500 on what the URL holds."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from search import selectors, shortlist
from search.backends import get_backend
from search.criteria import Criteria, Sort
from search.filters import ResidenceFilterSet
from search.views import presentation


@require_GET
def results(request):
    criteria, notices = Criteria.from_query(request.GET)
    backend = get_backend()
    result = backend.search(criteria)
    if criteria.page > result.page_count:
        notices = [*notices, str(_page_gone_notice())]
    extra = presentation.extra_pairs(request)
    result_cards = presentation.cards(result, criteria, shortlist.ids(request))
    filter_form = ResidenceFilterSet(request.GET).form
    page_links = presentation.page_links(result, criteria, extra)
    facet_groups = presentation.facet_groups(filter_form, result)
    context = {
        "criteria": criteria,
        "notices": [*notices, *map(str, result.notices)],
        "result": result,
        "cards": result_cards,
        "fragment_seconds": presentation.FRAGMENT_CACHE_SECONDS,
        "distance_from": criteria.place_label or criteria.place,
        "count_text": presentation.count_text(result.total),
        "summary_rows": presentation.summary_rows(criteria),
        "active_filters": presentation.active_filter_count(criteria),
        "came_from_questionnaire": presentation.came_from_questionnaire(request),
        "indication_help": presentation.needs_indication_help(request),
        "questionnaire_check_url": presentation.questionnaire_check_url(),
        "filter_form": filter_form,
        "facet_groups": facet_groups,
        "facet_key": presentation.facet_groups_key(facet_groups),
        "extra_pairs": extra,
        "sort_choices": Sort.CHOICES,
        "sort_hidden_pairs": presentation.sort_hidden_pairs(criteria, extra),
        "page_links": page_links,
        "previous_url": _neighbour_url(result, criteria, extra, page_links, -1),
        "next_url": _neighbour_url(result, criteria, extra, page_links, +1),
        "relaxations": _relaxations(criteria, backend, result),
        "map_points": presentation.map_points(result_cards),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "current_url": request.get_full_path(),
        "paths": {
            name: reverse(f"search:{name}") for name in ("results", "how_we_rank", "shortlist")
        },
    }
    return render(request, "search/results.html", context)


def _page_gone_notice():
    return _("Die pagina bestaat niet. Ga terug naar de eerste pagina.")


def _neighbour_url(result, criteria, extra, page_links, step: int) -> str:
    number = result.page + step
    if not 1 <= number <= result.page_count:
        return ""
    for link in page_links:  # usually among the links (presentation.PAGE_WINDOW)
        if link.number == number:
            return link.url
    return presentation.results_url(criteria.with_changes(page=number), extra)


def _relaxations(criteria, backend, result) -> list:
    if result.total >= presentation.FEW_RESULTS or criteria.is_empty:
        return []
    return [
        relaxation
        for relaxation in selectors.relaxations(criteria, backend)
        if relaxation.count > result.total
    ]
