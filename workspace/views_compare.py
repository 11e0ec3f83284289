"""Compare residences on a client's shortlist side by side: in the workspace, and read-only
through the client's share link. The public compare table and its rules (search/views/compare.py);
the "fits your search" rows use the client's own wishes (the search made from the questionnaire).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import shortlist as search_shortlist
from search.criteria import Criteria
from search.views.compare import comparison, ids_in_address
from workspace import links, services, wishes
from workspace.views import client_of, professional_required

COMPARE_MAX = search_shortlist.COMPARE_MAX


def chosen_ids(request, on_shortlist: list[int]) -> tuple[list[int], list[str]]:
    """The residences asked for (?id=), only those on the client's shortlist, at most four;
    without a choice, the first four on the shortlist."""
    chosen = [page_id for page_id in ids_in_address(request)[0] if page_id in on_shortlist]
    notices = []
    if len(chosen) > COMPARE_MAX:
        notices.append(
            _("U kunt %(max)s woonlocaties tegelijk vergelijken. U ziet de eerste %(max)s.")
            % {"max": COMPARE_MAX}
        )
    return (chosen or on_shortlist)[:COMPARE_MAX], notices


def client_comparison(request, client, base_url: str) -> dict:
    residences = services.shortlist_of(client)
    by_id = {page.id: page for page in residences}
    ids, notices = chosen_ids(request, list(by_id))
    search = wishes.search_of(client)
    criteria = services.criteria_of(search) if search else Criteria.build()

    def compare_url(others: list[int], _criteria) -> str:
        return f"{base_url}?{urlencode([('id', page_id) for page_id in others])}"

    return {
        **comparison([by_id[page_id] for page_id in ids], criteria, request, compare_url),
        "notices": notices,
        "wishes_search": search,
        "choices": [{"page": page, "checked": page.id in ids} for page in residences],
        "compare_max": COMPARE_MAX,
        "base_url": base_url,
        "without_shortlist": True,
    }


@require_GET
@professional_required
def compare(request, professional, client_id):
    client = client_of(professional, client_id)
    context = client_comparison(request, client, reverse("workspace:compare", args=[client.pk]))
    context.update({"client": client, "back_url": reverse("workspace:client", args=[client.pk])})
    return render(request, "workspace/compare.html", context)


@require_GET
def shared_compare(request, token):
    """The comparison through the client's share link: read-only, no account."""
    link = links.link_from_token(token)
    if link is None or not link.active:
        return render(request, "workspace/link_expired.html", status=404)
    base_url = reverse("workspace:shared_compare", args=[token])
    context = client_comparison(request, link.client, base_url)
    context.update(
        {
            "read_only": True,
            "expires_at": link.expires_at,
            "back_url": reverse("workspace:shared", args=[token]),
        }
    )
    return render(request, "workspace/compare.html", context)
