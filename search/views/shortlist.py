"""The shortlist (bewaarlijst): add and remove by POST, so it works without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from residences import presenters
from search import shortlist
from search.forms import ShortlistForm


@require_GET
def shortlist_page(request):
    residences = shortlist.residences(request)
    share_path = reverse("search:shortlist_shared", args=[shortlist.share_token(request)])
    context = {
        **_list_context(residences),
        "share_url": request.build_absolute_uri(share_path) if residences else "",
        "current_url": request.get_full_path(),
    }
    return render(request, "search/shortlist.html", context)


@require_GET
def shortlist_shared(request, token):
    """Someone's whole list, read-only, from the link they shared (no account, any device)."""
    stored = shortlist.shared_ids(token)
    if stored is None:
        return render(request, "search/shortlist_shared.html", {"broken": True}, status=404)
    context = {**_list_context(shortlist.live_residences(stored)), "shared": True}
    return render(request, "search/shortlist_shared.html", context)


def _list_context(residences) -> dict:
    today = timezone.localdate()
    ids = [page.id for page in residences]
    compare_query = urlencode([("id", page_id) for page_id in ids[: shortlist.COMPARE_MAX]])
    return {
        "residences": [
            {"page": page, "availability": presenters.availability(page, today)}
            for page in residences
        ],
        "residence_ids": ids,
        "compare_url": f"{reverse('search:compare')}?{compare_query}" if ids else "",
        "compare_max": shortlist.COMPARE_MAX,
        "max_items": shortlist.MAX_ITEMS,
    }


@require_POST
def shortlist_add(request):
    return _change(request, shortlist.add)


@require_POST
def shortlist_remove(request):
    return _change(request, shortlist.remove)


def _change(request, action):
    form = ShortlistForm(request.POST)
    if form.is_valid():
        outcome = action(request, form.cleaned_data["residence"])
        changed, message = outcome.changed, outcome.message
    else:
        changed, message = False, _("Kies een woonlocatie.")
    if _wants_json(request):
        response = JsonResponse(
            {"changed": changed, "message": message, "count": len(shortlist.ids(request))},
            status=200 if form.is_valid() else 400,
        )
        shortlist.remember(request, response)
        return response
    level = messages.SUCCESS if changed else messages.WARNING
    messages.add_message(request, level, message)
    target = _next_url(request, form)
    if form.is_valid() and "#" not in target:
        # Back to the card the person saved, not the top of a long page (woonvinder.js then
        # puts focus on its button and announces the message).
        target += f"#woonlocatie-{form.cleaned_data['residence']}"
    # Not redirect(): it would look up a view named like the posted text ("²" is a 500).
    response = HttpResponseRedirect(target)
    shortlist.remember(request, response)
    return response


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _next_url(request, form) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("search:shortlist")
