from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from questionnaire import demand
from questionnaire.admin_views import DemandReportView


@hooks.register("register_admin_urls")
def register_demand_report_url():
    return [
        path(
            "vraag-zonder-aanbod/",
            DemandReportView.as_view(),
            name="questionnaire_demand_report",
        )
    ]


class DemandReportMenuItem(MenuItem):
    def is_shown(self, request):
        return demand.may_view_report(request.user)


@hooks.register("register_reports_menu_item")
def register_demand_report_menu_item():
    return DemandReportMenuItem(
        _("Vraag zonder aanbod"),
        reverse("questionnaire_demand_report"),
        name="vraag-zonder-aanbod",
        icon_name="table",
        order=900,
    )
