"""The workspace's pages. Thin: accounts, twofactor and services decide; these parse input."""

from __future__ import annotations

from functools import wraps

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from enquiries.forms import error_list
from residences import roles
from workspace import accounts, forms, links, selectors, services, twofactor, wishes
from workspace.models import ShareLink


def professional_required(view):
    """Signed in, a professional, and verified with a second factor in this session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("workspace:login"))
        professional = accounts.professional_of(request.user)
        if professional is None:
            raise PermissionDenied
        if not request.user.is_verified():
            if twofactor.has_device(request.user):
                return redirect("workspace:verify")
            return redirect("workspace:setup")
        return view(request, professional, *args, **kwargs)

    return wrapper


def signed_in_professional(view):
    """Signed in with a password as a professional; the second factor may still be missing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("workspace:login")
        if accounts.professional_of(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    """Signed in to the admin as a regional coordinator or superuser."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not roles.coordinates(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# Accounts ---------------------------------------------------------------------------------


class ProfessionalAuthenticationForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if accounts.professional_of(user) is None:
            raise ValidationError(
                _("Dit account hoort niet bij de werkruimte voor professionals."),
                code="not_professional",
            )


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    authentication_form = ProfessionalAuthenticationForm
    next_page = reverse_lazy("workspace:home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["error_list"] = error_list(context["form"])
        return context


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "workspace/set_password.html"
    success_url = reverse_lazy("workspace:login")
    post_reset_login = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # An expired link has no form, and so nothing to summarise.
        context["error_list"] = error_list(context["form"]) if context.get("form") else []
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Uw wachtwoord is ingesteld. Log nu in."))
        return super().form_valid(form)


TOO_MANY = gettext_lazy("Te veel onjuiste codes. Wacht even en probeer het dan opnieuw.")
WRONG_CODE = gettext_lazy(
    "Deze code klopt niet of is al gebruikt. Vul de code in die de app nu toont."
)


@signed_in_professional
def setup(request):
    if request.user.is_verified():
        return redirect("workspace:home")
    if twofactor.has_device(request.user):
        return redirect("workspace:verify")
    device = twofactor.pending_device(request.user)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.throttled(request.user):
            form.add_error("token", TOO_MANY)
        else:
            codes = twofactor.confirm_device(request, device, form.cleaned_data["token"])
            if codes is not None:
                return render(request, "workspace/recovery_codes.html", {"codes": codes})
            form.add_error("token", WRONG_CODE)
    return render(
        request,
        "workspace/setup.html",
        {
            "form": form,
            "error_list": error_list(form),
            "qr": twofactor.qr_data_uri(device),
            "secret": twofactor.secret_text(device),
        },
    )


@signed_in_professional
def verify(request):
    if request.user.is_verified():
        return redirect("workspace:home")
    if not twofactor.has_device(request.user):
        return redirect("workspace:setup")
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.throttled(request.user):
            form.add_error("token", TOO_MANY)
        elif twofactor.verify(request, form.cleaned_data["token"]):
            return redirect("workspace:home")
        else:
            form.add_error("token", WRONG_CODE)
    return render(
        request, "workspace/verify.html", {"form": form, "error_list": error_list(form)}
    )


@coordinator_required
def invite(request):
    """Coordinators invite a professional by e-mail, in the public site's look."""
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _professional, sent = accounts.invite_professional(**form.cleaned_data)
        except accounts.InvitationRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            if sent:
                messages.success(request, _("De uitnodiging is verstuurd."))
            else:
                messages.error(
                    request, _("De uitnodiging kon niet worden verstuurd. Probeer het later.")
                )
            return redirect("workspace:invite")
    return render(
        request, "workspace/invite.html", {"form": form, "error_list": error_list(form)}
    )


@coordinator_required
def figures(request):
    """Coordinators' anonymous totals per organisation and month; never a label or a note."""
    return render(
        request,
        "workspace/figures.html",
        {"rows": selectors.monthly_figures(), "minimum": selectors.MINIMUM_GROUP},
    )


# Clients ----------------------------------------------------------------------------------


def client_of(professional, client_id):
    # Only the professional's own clients: anyone else's id is simply not found.
    return get_object_or_404(services.clients_of(professional), pk=client_id)


@professional_required
def home(request, professional):
    form = forms.ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = services.add_client(professional=professional, label=form.cleaned_data["label"])
        return redirect("workspace:client", client.pk)
    return render(
        request,
        "workspace/home.html",
        {
            "professional": professional,
            "clients": services.sorted_clients(professional),
            "professional_id": professional.pk,
            "form": form,
            "error_list": error_list(form),
        },
    )


def owned_client_of(professional, client_id):
    # Sharing and deleting stay with the professional who keeps the client.
    return get_object_or_404(services.own_clients(professional), pk=client_id)


def client_context(request, client, **extra):
    professional = accounts.professional_of(request.user)
    context = {
        "client": client,
        "is_owner": client.professional_id == professional.pk,
        "colleagues": client.colleagues.select_related("user"),
        "colleague_form": forms.ColleagueForm(
            colleagues=services.possible_colleagues(professional)
        ),
        "states": [services.state_of(search) for search in client.searches.all()],
        "shortlist": services.shortlist_of(client),
        "wishes": wishes.wishes_context(client),
        "notes": client.notes.all(),
        "links": [
            {
                "link": link,
                "url": request.build_absolute_uri(
                    reverse("workspace:shared", args=[links.token_for(link)])
                ),
            }
            for link in client.share_links.all()
            if link.active
        ],
        "search_form": forms.SavedSearchForm(),
        "note_form": forms.NoteForm(),
    }
    context.update(extra)
    forms_with_errors = [form for form in extra.values() if isinstance(form, django_forms.Form)]
    context["error_list"] = [item for form in forms_with_errors for item in error_list(form)]
    return context


def client_page_refused(request, client, **forms_with_errors):
    """The client's page again, with the form that was refused and its error summary."""
    context = client_context(request, client, **forms_with_errors)
    return render(request, "workspace/client.html", context, status=400)


@professional_required
def client_detail(request, professional, client_id):
    client = client_of(professional, client_id)
    return render(request, "workspace/client.html", client_context(request, client))


@require_POST
@professional_required
def save_search(request, professional, client_id):
    client = client_of(professional, client_id)
    form = forms.SavedSearchForm(request.POST)
    if not form.is_valid():
        return client_page_refused(request, client, search_form=form)
    services.save_search(
        client=client,
        name=form.cleaned_data["name"],
        criteria=services.criteria_from_text(form.cleaned_data["address"]),
    )
    messages.success(request, _("De zoekopdracht is bewaard."))
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def look(request, professional, client_id, search_id):
    """Open the saved search's results; what fits now counts as seen from here on."""
    client = client_of(professional, client_id)
    search = get_object_or_404(client.searches, pk=search_id)
    services.mark_seen(search=search)
    return redirect(reverse("search:results") + "?" + search.query)


@require_POST
@professional_required
def delete_search(request, professional, client_id, search_id):
    client = client_of(professional, client_id)
    get_object_or_404(client.searches, pk=search_id).delete()
    client.touch()
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def shortlist_add(request, professional, client_id):
    client = client_of(professional, client_id)
    form = forms.ResidenceForm(request.POST)
    if not form.is_valid() or not services.add_to_shortlist(
        client=client, residence_id=form.cleaned_data["residence"]
    ):
        messages.error(request, _("Deze woonlocatie kon niet op de bewaarlijst."))
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def shortlist_take_over(request, professional, client_id):
    client = client_of(professional, client_id)
    added = services.take_over_shortlist(client=client, request=request)
    messages.success(
        request,
        ngettext(
            "%(count)d woonlocatie van uw bewaarlijst overgenomen.",
            "%(count)d woonlocaties van uw bewaarlijst overgenomen.",
            added,
        )
        % {"count": added},
    )
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def shortlist_remove(request, professional, client_id):
    client = client_of(professional, client_id)
    form = forms.ResidenceForm(request.POST)
    if form.is_valid():
        services.remove_from_shortlist(client=client, residence_id=form.cleaned_data["residence"])
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def add_note(request, professional, client_id):
    client = client_of(professional, client_id)
    form = forms.NoteForm(request.POST)
    if not form.is_valid():
        return client_page_refused(request, client, note_form=form)
    services.add_note(client=client, text=form.cleaned_data["text"])
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def share(request, professional, client_id):
    client = owned_client_of(professional, client_id)
    services.share(client=client)
    messages.success(request, _("Er is een nieuwe link gemaakt. Geef die aan uw cliënt."))
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def revoke(request, professional, client_id, link_id):
    client = owned_client_of(professional, client_id)
    services.revoke(link=get_object_or_404(ShareLink, pk=link_id, client=client))
    messages.success(request, _("De link werkt niet meer."))
    return redirect("workspace:client", client.pk)


@professional_required
def overview(request, professional, client_id):
    """Everything kept for the client on one printable page (the browser saves it as PDF)."""
    client = client_of(professional, client_id)
    return render(
        request, "workspace/overview.html", {"client": client, "data": services.export(client)}
    )


@professional_required
def export(request, professional, client_id):
    client = client_of(professional, client_id)
    response = JsonResponse(services.export(client), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.json"'
    return response


@require_POST
@professional_required
def share_with_colleague(request, professional, client_id):
    client = owned_client_of(professional, client_id)
    form = forms.ColleagueForm(
        request.POST, colleagues=services.possible_colleagues(professional)
    )
    if not form.is_valid() or not services.share_with_colleague(
        client=client, colleague=form.cleaned_data["colleague"]
    ):
        return client_page_refused(request, client, colleague_form=form)
    messages.success(request, _("Uw collega kan deze cliënt nu ook zien."))
    return redirect("workspace:client", client.pk)


@require_POST
@professional_required
def stop_sharing(request, professional, client_id, colleague_id):
    client = owned_client_of(professional, client_id)
    services.stop_sharing_with_colleague(client=client, colleague_id=colleague_id)
    return redirect("workspace:client", client.pk)


@professional_required
def delete_client(request, professional, client_id):
    client = owned_client_of(professional, client_id)
    if request.method == "POST":
        client.delete()
        messages.success(request, _("De cliënt en alle gegevens zijn verwijderd."))
        return redirect("workspace:home")
    return render(request, "workspace/delete.html", {"client": client})


# What the client sees -----------------------------------------------------------------------


def shared(request, token):
    link = links.link_from_token(token)
    if link is None or link.expires_at <= timezone.now():
        return render(request, "workspace/link_expired.html", status=404)
    client = link.client
    return render(
        request,
        "workspace/shared.html",
        {
            "shortlist": services.shortlist_of(client),
            "states": [services.state_of(search) for search in client.searches.all()],
            "expires_at": link.expires_at,
            "compare_url": reverse("workspace:shared_compare", args=[token]),
            "wishes": wishes.shared_wishes(client),
        },
    )


