"""The regional coordinators' demand report in the Wagtail admin."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from questionnaire import demand


class DemandReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "questionnaire/admin/demand_report.html"
    page_title = _("Vraag zonder aanbod")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not demand.may_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

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
