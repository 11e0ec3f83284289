"""What the public pages show a signed-in professional: "Bewaar voor een cliënt", through the
pages' hook places (pages/templatetags/hook_tags.py).

Per visitor (the user, their clients, the CSRF token): never inside a {% cache %} fragment.
Anonymous visitors and anyone who is not a verified professional get nothing, and no query.
"""

from django.template.loader import render_to_string
from wagtail import hooks

from workspace import accounts, services
from workspace.views_for_client import NEXT_FIELD


def verified_professional(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return None
    return accounts.professional_of(user)


def save_for_client(request, *, criteria=None, residence=None) -> str:
    """The search of `criteria` for a client's saved searches, or `residence` for a client's
    shortlist."""
    professional = verified_professional(request)
    if professional is None:
        return ""
    context = {
        "clients": services.sorted_clients(professional),
        "address": f"?{criteria.to_query()}" if criteria is not None else "",
        "residence": residence,
        "next_field": NEXT_FIELD,
        "next": request.get_full_path(),
    }
    return render_to_string("workspace/_save_for_client.html", context, request=request)


@hooks.register("woonvinder_results_actions")
def save_search_for_client(request, criteria, **values):
    return save_for_client(request, criteria=criteria)


@hooks.register("woonvinder_residence_actions")
def save_residence_for_client(request, residence, **values):
    return save_for_client(request, residence=residence)
