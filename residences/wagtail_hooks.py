from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from residences import availability, invitation_views, lanes, roles, views

DASHBOARD_LIMIT = 10


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "beschikbaarheid/",
            views.AvailabilityView.as_view(),
            name="residences_availability",
        ),
        path(
            "aanbieders/aanmelden/",
            views.OnboardProviderView.as_view(),
            name="residences_onboard_provider",
        ),
        path(
            "aanbieders/uitnodigingen/",
            invitation_views.InvitationsView.as_view(),
            name="residences_invitations",
        ),
    ]


class AvailabilityMenuItem(MenuItem):
    def is_shown(self, request):
        return availability.editable_residences(request.user).exists()


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_availability_menu_item():
    return AvailabilityMenuItem(
        _("Beschikbaarheid"),
        reverse("residences_availability"),
        icon_name="calendar-check",
        order=150,
    )


@hooks.register("register_settings_menu_item")
def register_onboarding_menu_item():
    return SuperuserMenuItem(
        _("Zorgaanbieder aanmelden"),
        reverse("residences_onboard_provider"),
        icon_name="group",
        order=50,
    )


class InvitationsMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.coordinates(request.user)


@hooks.register("register_admin_menu_item")
def register_invitations_menu_item():
    return InvitationsMenuItem(
        _("Uitnodigingen"),
        reverse("residences_invitations"),
        icon_name="mail",
        order=160,
    )


# Editors see only their own lane of the page tree (residences/lanes.py).
@hooks.register("construct_page_chooser_queryset")
def show_only_own_lane_in_page_chooser(pages, request):
    return lanes.chooser_pages(pages, request)


# Registered after Wagtail's own page bulk actions (order 0), so these replace them.
for bulk_action in lanes.PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


class StaleAvailabilityPanel(Component):
    """On the dashboard: your residences whose availability nobody confirmed lately."""

    name = "stale_availability"
    template_name = "residences/admin/stale_availability_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        stale = availability.stale_residences(availability.editable_residences(self.user), today)
        return {
            "stale_residences": list(stale[:DASHBOARD_LIMIT]),
            "stale_count": stale.count(),
            "stale_after_days": availability.STALE_AFTER_DAYS,
            "update_url": reverse("residences_availability") + "?verouderd=1",
        }


@hooks.register("construct_homepage_panels")
def add_stale_availability_panel(request, panels):
    panels.append(StaleAvailabilityPanel(request.user))
