"""The demand report in the Wagtail admin, for coordinators and providers' editors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from questionnaire import demand
from residences.admin_pages import AdminPageMixin


class DemandReportView(AdminPageMixin, TemplateView):
    template_name = "questionnaire/admin/demand_report.html"
    page_title = _("Vraag zonder aanbod")
    header_icon = "table"

    may_view = staticmethod(demand.may_view_report)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "rows": demand.report(),
                "minimum": demand.MIN_GROUP_SIZE,
                "few": demand.FEW_MATCHES,
            }
        )
        return context
