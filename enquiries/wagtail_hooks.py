from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from enquiries import admin_views, selectors


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
        return selectors.may_view_overview(request.user)


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
