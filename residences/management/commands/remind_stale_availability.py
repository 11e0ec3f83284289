from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from residences.availability import STALE_AFTER_DAYS, provider_editors, stale_residences
from residences.models import ProviderPage, ResidencePage

# Lazy: rendered in the language handle() activates, like the body.
SUBJECT = _("Woonvinder: klopt de beschikbaarheid van uw woonlocaties nog?")


class Command(BaseCommand):
    help = (
        "Mail de redacteuren van elke zorgaanbieder een lijst van hun woonlocaties waarvan de "
        f"beschikbaarheid langer dan {STALE_AFTER_DAYS} dagen niet is bevestigd. Voor cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat er verstuurd zou worden"
        )

    def handle(self, *args, dry_run=False, **options):
        translation.activate(settings.LANGUAGE_CODE)
        today = timezone.localdate()
        messages = []
        for provider in ProviderPage.objects.order_by("title"):
            stale = list(stale_residences(ResidencePage.objects.child_of(provider).live(), today))
            recipients = list(provider_editors(provider).values_list("email", flat=True))
            if not stale or not recipients:
                continue
            body = self.render(provider, stale)
            messages += [EmailMessage(str(SUBJECT), body, to=[email]) for email in recipients]
            self.stdout.write(
                f"{provider.title}: {len(stale)} verouderd, naar {', '.join(recipients)}"
            )
        if dry_run:
            self.stdout.write(f"Proef: {len(messages)} e-mail(s) niet verstuurd.")
            return
        sent = get_connection().send_messages(messages) if messages else 0
        self.stdout.write(self.style.SUCCESS(f"{sent or 0} e-mail(s) verstuurd."))

    def render(self, provider, stale) -> str:
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        path = reverse("residences_availability")
        update_url = f"{base}{path}?aanbieder={provider.pk}&verouderd=1"
        return render_to_string(
            "residences/admin/email_stale_availability.txt",
            {
                "provider": provider,
                "residences": stale,
                "update_url": update_url,
                "stale_after_days": STALE_AFTER_DAYS,
            },
        )
