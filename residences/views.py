"""Admin screens for editors and superusers. Thin: they parse input and call the services."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.models import Page

from residences import availability, numbers
from residences.admin_pages import AdminPageMixin
from residences.forms import AvailabilityFormSet, OnboardProviderForm
from residences.models import ProviderPage, ResidencePage
from residences.onboarding import onboard_provider

# Providers sit at depth 3 (root, home, provider), so their path is three steps long.
PROVIDER_PATH_LENGTH = Page.steplen * 3
RESIDENCE_ID_KEY = re.compile(r"^form-([0-9]{1,4})-residence$")


class AvailabilityView(AdminPageMixin, TemplateView):
    """Every residence the editor may change, with its availability, in one form."""

    template_name = "residences/admin/availability.html"
    page_title = gettext_lazy("Beschikbaarheid bijwerken")
    header_icon = "calendar-check"
    per_page = 50

    def editable(self):
        return availability.editable_residences(self.request.user)

    def selected_provider(self):
        provider_id = numbers.parse_whole_number(self.request.GET.get("aanbieder", ""))
        if provider_id is None:
            return None
        return ProviderPage.objects.filter(pk=provider_id).first()

    def listing(self):
        queryset = self.editable()
        provider = self.selected_provider()
        if provider is not None:
            queryset = queryset.descendant_of(provider)
        if self.request.GET.get("verouderd"):
            queryset = queryset.filter(availability.stale_q(timezone.localdate()))
        return queryset.order_by("path")

    def get(self, request, *args, **kwargs):
        paginator = Paginator(self.listing(), self.per_page)
        page = paginator.get_page(request.GET.get("p"))
        residences = list(page.object_list)
        formset = AvailabilityFormSet(
            initial=[initial_for(residence) for residence in residences], residences=residences
        )
        return self.render_to_response(self.get_context_data(formset=formset, paginator_page=page))

    def post(self, request, *args, **kwargs):
        residences = self.submitted_residences()
        formset = AvailabilityFormSet(
            request.POST,
            initial=[initial_for(residence) for residence in residences],
            residences=residences,
        )
        if not formset.is_valid():
            messages.error(request, _("De wijzigingen zijn niet bewaard. Verbeter de fouten."))
            return self.render_to_response(self.get_context_data(formset=formset))
        saved = self.save(formset)
        if saved:
            messages.success(
                request, _("Beschikbaarheid bijgewerkt voor %(count)s woonlocatie(s).") % {
                    "count": saved
                }
            )
        else:
            messages.info(request, _("Er was niets veranderd of bevestigd."))
        return redirect(f"{reverse('residences_availability')}?{request.GET.urlencode()}")

    def submitted_residences(self) -> list[ResidencePage]:
        """The posted residences in form order; any the user may not change is refused."""
        by_index = {}
        for key, value in self.request.POST.items():
            match = RESIDENCE_ID_KEY.match(key)
            if match:
                residence_id = numbers.parse_whole_number(value)
                if residence_id is None:
                    raise PermissionDenied
                by_index[int(match.group(1))] = residence_id
        allowed = {page.pk: page for page in self.editable().filter(pk__in=by_index.values())}
        if set(by_index.values()) - set(allowed):
            raise PermissionDenied
        return [allowed[by_index[index]] for index in sorted(by_index)]

    def save(self, formset) -> int:
        today = timezone.localdate()
        saved = 0
        for form in formset:
            if not form.wants_update:
                continue
            availability.update_availability(
                page=form.residence_page,
                user=self.request.user,
                availability=availability.Availability(
                    free_places=form.cleaned_data["free_places"],
                    waiting_weeks=form.cleaned_data["waiting_weeks"],
                    confirmed_on=today,
                ),
            )
            saved += 1
        return saved

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        editable = self.editable()
        providers = availability.providers_of(editable)
        names = {provider.path: provider.title for provider in providers}
        for form in context["formset"]:
            page = form.residence_page
            form.provider_name = names.get(page.path[: PROVIDER_PATH_LENGTH], "") if page else ""
            form.is_stale = page is not None and availability.is_stale(
                page.availability_confirmed_on, today
            )
        context.update(
            providers=providers,
            selected_provider=self.selected_provider(),
            only_stale=bool(self.request.GET.get("verouderd")),
            stale_after_days=availability.STALE_AFTER_DAYS,
            query=self.request.GET.urlencode(),
        )
        return context


def initial_for(residence: ResidencePage) -> dict:
    return {
        "residence": residence.pk,
        "free_places": residence.free_places,
        "waiting_weeks": residence.waiting_weeks,
        "confirmed": False,
    }


class OnboardProviderView(AdminPageMixin, FormView):
    """Superusers onboard a provider from the admin, as the command does."""

    template_name = "residences/admin/onboard_provider.html"
    form_class = OnboardProviderForm
    page_title = gettext_lazy("Zorgaanbieder aanmelden")
    header_icon = "group"

    @staticmethod
    def may_view(user) -> bool:
        return user.is_superuser

    def form_valid(self, form):
        data = form.cleaned_data
        result = onboard_provider(
            name=data["name"],
            region=data["region"],
            editors_emails=data["editors"],
            external_id=data["external_id"] or None,
            publish=data["publish"],
        )
        if result.changed:
            messages.success(
                self.request,
                _("Zorgaanbieder '%(name)s' is aangemeld, met groep '%(group)s'.")
                % {"name": result.provider.title, "group": result.editor_group.name},
            )
        else:
            messages.info(
                self.request,
                _("Zorgaanbieder '%(name)s' was al aangemeld; er is niets veranderd.")
                % {"name": result.provider.title},
            )
        if result.invited:
            messages.success(
                self.request,
                _("Uitnodiging verstuurd naar: %(emails)s.")
                % {"emails": ", ".join(user.email for user in result.invited)},
            )
        if result.invitation_failures:
            messages.error(
                self.request,
                _(
                    "De uitnodiging kon niet worden verstuurd naar: %(emails)s. "
                    "Stuur haar opnieuw via Uitnodigingen."
                )
                % {"emails": ", ".join(user.email for user in result.invitation_failures)},
            )
        return redirect("wagtailadmin_pages:edit", result.provider.pk)
