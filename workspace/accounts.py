"""Professional accounts: the group, invitations by coordinators and who may enter.

Professionals are invited the way provider editors are (residences/invitations.py): the account
starts without a usable password and the mail carries a one-time link made with Django's
`default_token_generator`, which stops working once a password is set. The link leads to the
workspace's own page in the public site's look, not to the Wagtail admin.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from residences import invitations
from workspace.models import Organisation, Professional

logger = logging.getLogger(__name__)

PROFESSIONAL_GROUP_NAME = "Professionals"


class InvitationRefused(ValueError):
    """The address cannot be invited; the message says why, in the active language."""


def professional_group() -> Group:
    group, _created = Group.objects.get_or_create(name=PROFESSIONAL_GROUP_NAME)
    return group


def may_invite(user) -> bool:
    return invitations.may_send_invitations(user)


def professional_of(user) -> Professional | None:
    """The user's professional profile, or None for anyone who is not a professional."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.groups.filter(name=PROFESSIONAL_GROUP_NAME).exists():
        return None
    return Professional.objects.filter(user=user).select_related("organisation").first()


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override("nl"):
        path = reverse("workspace:set_password", args=[uid, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation(professional: Professional) -> bool:
    """Mail the one-time link, Dutch first and English below; False when the mail failed."""
    user = professional.user
    context = {
        "url": set_password_url(user),
        "days": invitations.valid_days(),
        "organisation": professional.organisation.name,
    }
    subjects = []
    for language in ("nl", "en"):
        with translation.override(language):
            subjects.append(gettext("Uitnodiging voor de werkruimte van Woonvinder"))
    message = EmailMultiAlternatives(
        subject=" / ".join(subjects),
        body=render_to_string("workspace/email/invitation.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("workspace/email/invitation.html", context), "text/html"
    )
    try:
        message.send()
    except (SMTPException, OSError):
        logger.exception("Invitation mail for professional %s could not be sent", user.pk)
        return False
    return True


def invite_professional(*, email: str, organisation: Organisation) -> tuple[Professional, bool]:
    """Create the account (no password yet) and mail the link; refuses existing accounts,
    so an editor or coordinator never becomes a professional by accident."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(email__iexact=email).exists() or User.objects.filter(
        username__iexact=email
    ).exists():
        raise InvitationRefused(
            gettext("Er bestaat al een account met dit e-mailadres: %(email)s.") % {"email": email}
        )
    with transaction.atomic():
        user = User(username=email, email=email)
        user.set_unusable_password()
        user.save()
        user.groups.add(professional_group())
        professional = Professional.objects.create(user=user, organisation=organisation)
    return professional, send_invitation(professional)
