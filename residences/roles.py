"""Who is who in the admin: the region's coordinators and the providers' editors.

The one home of these rules; the requests, the demand signal, invitations and the workspace ask
here. Editors are whoever Wagtail's page permissions let change a residence
(residences/availability.editable_residences); coordinators are the members of one group, who also
hold page permissions on every provider to moderate publishing.
"""

from __future__ import annotations

COORDINATOR_GROUP_NAME = "Regiocoördinatoren"


def is_coordinator(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=COORDINATOR_GROUP_NAME).exists()


def coordinates(user) -> bool:
    """A coordinator or a superuser, still active: invites, sees counts and timeliness."""
    return user.is_authenticated and user.is_active and (user.is_superuser or is_coordinator(user))


def figure_regions(user) -> set[str] | None:
    """The care-office regions whose figures the user sees: every region (None) for
    coordinators, else the regions of the providers the user edits."""
    if coordinates(user):
        return None
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from residences.models import ProviderPage

    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return set(
        ProviderPage.objects.filter(pk__in=pages.values("pk")).values_list("region", flat=True)
    )


def may_view_region_figures(user) -> bool:
    """The region's anonymous figures (on requests, and the demand signal): for coordinators and
    for every provider's editors. Only groups of a minimum size are in them."""
    from residences.availability import editable_residences

    return coordinates(user) or editable_residences(user).exists()
