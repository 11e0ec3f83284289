from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from enquiries import admin_views, selectors, services
from residences import roles

# The way into a request on the public pages (pages/templatetags/hook_tags.py).


def request_link(request, ids) -> str:
    """The link asks for the first MAX_RESIDENCES of the residences shown."""
    if not ids:
        return ""
    context = {"asked": ids[: services.MAX_RESIDENCES], "shown": len(ids)}
    return render_to_string("enquiries/includes/request_link.html", context, request=request)


@hooks.register("woonvinder_residence_actions", order=1)  # after the workspace's offer
def request_link_on_a_residence(request, residence, **values):
    return request_link(request, [residence.pk])


@hooks.register("woonvinder_residence_list_actions")
def request_link_on_a_list(request, residence_ids, **values):
    return request_link(request, list(residence_ids))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("aanvragen/", admin_views.InboxView.as_view(), name="enquiries_inbox"),
        path(
            "aanvragen/<uuid:enquiry_id>/",
            admin_views.DetailView.as_view(),
            name="enquiries_detail",
        ),
        path(
            "aanvragen/<uuid:enquiry_id>/meekijken/",
            admin_views.CoordinatorsView.as_view(),
            name="enquiries_invite_coordinators",
        ),
        path(
            "aanvragen/<uuid:enquiry_id>/meekijken/intrekken/",
            admin_views.CoordinatorsView.as_view(withdraw=True),
            name="enquiries_withdraw_coordinators",
        ),
        path(
            "aanvragen/overzicht/<uuid:enquiry_id>/",
            admin_views.SharedDetailView.as_view(),
            name="enquiries_shared_detail",
        ),
        path(
            "aanvragen/cijfers/",
            admin_views.RegionReportView.as_view(),
            name="enquiries_region_report",
        ),
        path(
            "aanvragen/overzicht/",
            admin_views.OverviewView.as_view(),
            name="enquiries_overview",
        ),
    ]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_use_inbox(request.user)


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.coordinates(request.user)


class RegionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.may_view_region_figures(request.user)


@hooks.register("register_reports_menu_item")
def register_region_report_menu_item():
    return RegionReportMenuItem(
        _("Aanvragen: cijfers van de regio"),
        reverse("enquiries_region_report"),
        name="aanvragen-cijfers",
        icon_name="table",
        order=920,
    )


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(
        _("Aanvragen"), reverse("enquiries_inbox"), name="aanvragen", icon_name="mail", order=250
    )


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        _("Aanvragen in de regio"),
        reverse("enquiries_overview"),
        name="aanvragen-regio",
        icon_name="table",
        order=910,
    )


class WaitingRequestsPanel(Component):
    """On the dashboard: the provider's new requests, and how many waited too long."""

    name = "waiting_requests"
    template_name = "enquiries/admin/waiting_panel.html"
    order = 40

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return selectors.waiting_figures(self.user)


class SharedRequestsPanel(Component):
    """On a coordinator's dashboard: how many requests providers asked them to look along with."""

    name = "shared_requests"
    template_name = "enquiries/admin/shared_panel.html"
    order = 41

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"shared_count": self.count}


@hooks.register("construct_homepage_panels")
def add_waiting_requests_panel(request, panels):
    if selectors.may_use_inbox(request.user):
        panels.append(WaitingRequestsPanel(request.user))
    shared = selectors.shared_enquiries(request.user).count()
    if shared:
        panels.append(SharedRequestsPanel(shared))
