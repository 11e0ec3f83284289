"""Invitations for provider editors: a one-time link to choose their first password.

Onboarding creates editor accounts without a usable password, and Django's password reset skips
such accounts on purpose, so the invitation is how an editor gets in. The link is Wagtail's
password reset confirmation with Django's `default_token_generator`: it expires after
PASSWORD_RESET_TIMEOUT and works once, because the token covers the password hash and the last
login, and both change as soon as the editor sets a password. Resending starts a fresh unusable
password, which voids every earlier link.

Only regional coordinators and superusers may resend, and only to provider editors who have not
chosen a password yet; someone with a password uses "Wachtwoord vergeten".
"""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, gettext_lazy

from residences.models import ProviderPage
from residences.roles import COORDINATOR_GROUP_NAME

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 24 * 3600


class InvitationRefused(ValueError):
    """The account cannot get an invitation; the message says why, in the active language."""


def set_password_link(user, url_name: str) -> str:
    """The one-time link to `url_name` (a view taking uidb64 and token), absolute and Dutch
    first. Provider editors land on Wagtail's confirmation, professionals on the workspace's."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override("nl"):
        path = reverse(url_name, args=[uid, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_url(user) -> str:
    return set_password_link(user, "wagtailadmin_password_reset_confirm")


def valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // SECONDS_PER_DAY)


def editor_groups():
    """Groups that edit a provider's pages: every group with page permissions on a provider
    page, except the coordinators, who moderate them all."""
    return (
        Group.objects.filter(page_permissions__page__in=ProviderPage.objects.all())
        .exclude(name=COORDINATOR_GROUP_NAME)
        .distinct()
    )


def providers_of(user):
    return ProviderPage.objects.filter(
        group_permissions__group__in=editor_groups().filter(user=user)
    ).distinct().order_by("title")


def pending_editors():
    """Provider editors who have not chosen a password yet."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__in=editor_groups(),
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
        )
        .distinct()
        .order_by("email")
    )


def in_both_languages(text) -> str:
    """A lazy gettext text as "Dutch / English": the subject is read before the mail is opened."""
    parts = []
    for language in ("nl", "en"):
        with translation.override(language):
            parts.append(str(text))
    return " / ".join(parts)


def mail_invitation(*, user, subject, template: str, context: dict) -> bool:
    """Send `template`.txt with `template`.html beside it to the user; False if the mail failed,
    so the caller can say so instead of failing the whole request."""
    message = EmailMultiAlternatives(
        subject=in_both_languages(subject),
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    try:
        message.send()
    except (SMTPException, OSError):
        logger.exception("Invitation mail for user %s could not be sent", user.pk)
        return False
    return True


def send_invitation(user) -> bool:
    """Mail the editor their link, Dutch first and English below; False if the mail failed."""
    context = {
        "user": user,
        "url": invitation_url(user),
        "days": valid_days(),
        "providers": [provider.title for provider in providers_of(user)],
        "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login"),
    }
    return mail_invitation(
        user=user,
        subject=gettext_lazy("Uitnodiging voor Woonvinder"),
        template="residences/email/invitation",
        context=context,
    )


def invitable(user) -> bool:
    return (
        user.is_active
        and not user.has_usable_password()
        and user.groups.filter(pk__in=editor_groups()).exists()
    )


def resend_invitation(user) -> bool:
    """Void earlier links and send a fresh one. Refuses anyone but a provider editor without a
    password: an editor who has one resets it with "Wachtwoord vergeten"."""
    if not user.is_active or not user.groups.filter(pk__in=editor_groups()).exists():
        raise InvitationRefused(gettext("Dit account is geen redacteur van een zorgaanbieder."))
    if user.has_usable_password():
        raise InvitationRefused(
            gettext(
                "%(email)s heeft al een wachtwoord. Wie het vergeten is, vraagt een nieuw aan "
                "met 'Wachtwoord vergeten' op de inlogpagina."
            )
            % {"email": user.email}
        )
    with transaction.atomic():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return send_invitation(user)
