"""What the public pages show a signed-in professional: "Bewaar voor een cliënt".

Per visitor (the user, their clients, the CSRF token): never inside a {% cache %} fragment.
Anonymous visitors and anyone who is not a verified professional get nothing, and no query.
"""

from django import template

from workspace import accounts, services
from workspace.views_for_client import NEXT_FIELD

register = template.Library()


def verified_professional(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return None
    return accounts.professional_of(user)


@register.inclusion_tag("workspace/_save_for_client.html", takes_context=True)
def save_for_client(context, criteria=None, residence=None):
    """The search of `criteria` for a client's saved searches, or `residence` for a client's
    shortlist."""
    request = context.get("request")
    professional = verified_professional(request)
    if professional is None:
        return {"show": False}
    return {
        "show": True,
        "clients": services.sorted_clients(professional),
        "address": f"?{criteria.to_query()}" if criteria is not None else "",
        "residence": residence,
        "next_field": NEXT_FIELD,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
