"""The provider's inbox and the coordinators' overview in the Wagtail admin.

Every view that shows a request starts from selectors.readable_enquiries(user): a request of
another provider is not there, so asking for it by id, by filter or by page gives a 404, the
same answer as for an id that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from enquiries import figures, selectors, services
from enquiries.admin_forms import CoordinatorsForm, StatusForm
from enquiries.models import AccessLog, Status
from residences import numbers, roles, taxonomy
from residences.admin_pages import AdminPageMixin


class AdminPage(AdminPageMixin, TemplateView):
    pass


class InboxView(AdminPage):
    template_name = "enquiries/admin/inbox.html"
    page_title = gettext_lazy("Aanvragen")
    header_icon = "mail"
    per_page = 50

    may_view = staticmethod(selectors.may_use_inbox)

    def listing(self):
        queryset = selectors.readable_enquiries(self.request.user)
        status = self.request.GET.get("status", "")
        if status in Status.values:
            queryset = queryset.filter(status=status)
        residence_id = numbers.parse_whole_number(self.request.GET.get("woonlocatie", ""))
        if residence_id is not None:
            queryset = queryset.filter(residence_id=residence_id)
        # Only what the list shows: nothing encrypted is read (or decrypted) for a listing.
        return queryset.only(
            "id", "status", "role", "contact_way", "created_at", "coordinators_invited_at",
            "residence__title",
            "residence__path", "residence__depth", "provider__title",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.listing(), self.per_page).get_page(self.request.GET.get("p"))
        today = timezone.localdate()
        context.update(
            {
                "paginator_page": page,
                "rows": [
                    {"enquiry": enquiry, "overdue": selectors.is_overdue(enquiry, today)}
                    for enquiry in page.object_list
                ],
                "statuses": Status.choices,
                "selected_status": self.request.GET.get("status", ""),
                "residences": selectors.readable_residences(self.request.user).order_by("title"),
                "selected_residence": self.request.GET.get("woonlocatie", ""),
            }
        )
        return context


class DetailView(AdminPage):
    template_name = "enquiries/admin/detail.html"
    page_title = gettext_lazy("Aanvraag")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.enquiry = get_object_or_404(
            selectors.readable_enquiries(request.user), pk=kwargs["enquiry_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("enquiries_inbox"), "label": _("Aanvragen")},
            {"url": "", "label": self.get_page_title()},
        ]

    def status_form(self, data=None):
        return StatusForm(data, allowed=services.allowed_statuses(self.enquiry))

    def get(self, request, *args, **kwargs):
        services.record_access(enquiry=self.enquiry, user=request.user)
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = self.status_form(request.POST)
        if form.is_valid():
            try:
                services.change_status(
                    request=request,
                    enquiry=self.enquiry,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["closed_reason"],
                    user=request.user,
                )
            except services.NotAllowed as error:
                form.add_error("status", str(error))
            else:
                messages.success(
                    request,
                    _("Status gewijzigd. De aanvrager krijgt een e-mail met alleen een link."),
                )
                return redirect("enquiries_detail", enquiry_id=self.enquiry.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.status_form())
        kwargs.setdefault(
            "coordinators_form",
            CoordinatorsForm(initial={"note": self.enquiry.coordinators_note}),
        )
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "enquiry": self.enquiry,
                "history": self.enquiry.history.select_related("changed_by"),
                "overdue": selectors.is_overdue(self.enquiry),
            }
        )
        return context


class CoordinatorsView(DetailView):
    """The provider's editor asks the coordinators to look along with this request, or stops
    that. Same gate as the request itself: another provider's request is a 404."""

    http_method_names = ["post"]
    withdraw = False

    def post(self, request, *args, **kwargs):
        if self.withdraw:
            services.withdraw_coordinators(enquiry=self.enquiry, user=request.user)
            messages.success(
                request, _("De coördinator kan deze aanvraag niet meer lezen.")
            )
            return redirect("enquiries_detail", enquiry_id=self.enquiry.pk)
        form = CoordinatorsForm(request.POST)
        if form.is_valid():
            try:
                services.invite_coordinators(
                    enquiry=self.enquiry, user=request.user, note=form.cleaned_data["note"]
                )
            except services.NotAllowed as error:
                form.add_error("note", str(error))
            else:
                messages.success(
                    request,
                    _(
                        "De coördinator kan deze aanvraag nu lezen, tot u dat weer "
                        "intrekt. Wijzigen kan alleen uw organisatie."
                    ),
                )
                return redirect("enquiries_detail", enquiry_id=self.enquiry.pk)
        return self.render_to_response(self.get_context_data(coordinators_form=form))


class SharedDetailView(AdminPage):
    """A coordinator reads a request its provider asked them to look along with: read-only,
    logged like an editor's opening, and gone (404) as soon as the provider withdraws."""

    template_name = "enquiries/admin/detail.html"
    page_title = gettext_lazy("Aanvraag")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.enquiry = get_object_or_404(
            selectors.shared_enquiries(request.user), pk=kwargs["enquiry_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("enquiries_overview"), "label": _("Aanvragen in de regio")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        services.record_access(enquiry=self.enquiry, user=request.user)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "enquiry": self.enquiry,
                "history": self.enquiry.history.select_related("changed_by"),
                "overdue": selectors.is_overdue(self.enquiry),
                "read_only": True,
            }
        )
        return context


class OverviewView(AdminPage):
    """For coordinators: counts and timeliness per provider, and who opened requests. Never
    what is in a request."""

    template_name = "enquiries/admin/overview.html"
    page_title = gettext_lazy("Aanvragen in de regio")
    header_icon = "table"
    access_log_size = 100

    may_view = staticmethod(roles.coordinates)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accesses = AccessLog.objects.select_related(
            "user", "enquiry__residence", "enquiry__provider"
        ).only(
            "at", "action", "user__username", "user__first_name", "user__last_name",
            "enquiry__id", "enquiry__residence__title", "enquiry__provider__title",
        )[: self.access_log_size]
        context.update(
            {
                "figures": selectors.overview(),
                "statuses": Status.choices,
                "accesses": accesses,
                "shared": selectors.shared_enquiries(self.request.user).only(
                    "id", "status", "coordinators_invited_at", "residence__title",
                    "residence__path", "residence__depth", "provider__title",
                    "provider__path", "provider__depth",
                ),
            }
        )
        return context


class RegionReportView(AdminPage):
    """The region's anonymous figures, for coordinators and providers' editors alike."""

    template_name = "enquiries/admin/region_report.html"
    page_title = gettext_lazy("Aanvragen: cijfers van de regio")
    header_icon = "table"

    may_view = staticmethod(roles.may_view_region_figures)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regions = roles.figure_regions(self.request.user)
        report = figures.report(regions=regions)
        context.update(
            {
                # An editor sees the regions of their own providers; a coordinator all of them.
                "regions": None
                if regions is None
                else sorted(str(dict(taxonomy.Region.choices).get(code, code)) for code in regions),
                "tables": [
                    (_("Per maand"), report["month"]),
                    (_("Per gemeente"), report["municipality"]),
                    (_("Per groep zorgprofielen"), report["care_profile"]),
                ],
                "minimum": figures.MIN_GROUP_SIZE,
            }
        )
        return context
