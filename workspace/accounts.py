"""Professional accounts: the group, invitations by coordinators and who may enter.

Professionals are invited the way provider editors are (residences/invitations.py): the account
starts without a usable password and the mail carries a one-time link made with Django's
`default_token_generator`, which stops working once a password is set. The link leads to the
workspace's own page in the public site's look, not to the Wagtail admin.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from residences import invitations
from workspace.models import Organisation, Professional

PROFESSIONAL_GROUP_NAME = "Professionals"


class InvitationRefused(ValueError):
    """The address cannot be invited; the message says why, in the active language."""


def professional_group() -> Group:
    group, _created = Group.objects.get_or_create(name=PROFESSIONAL_GROUP_NAME)
    return group


def professional_of(user) -> Professional | None:
    """The user's professional profile, or None for anyone who is not a professional."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.groups.filter(name=PROFESSIONAL_GROUP_NAME).exists():
        return None
    return Professional.objects.filter(user=user).select_related("organisation").first()


def set_password_url(user) -> str:
    return invitations.set_password_link(user, "workspace:set_password")


def send_invitation(professional: Professional) -> bool:
    """Mail the one-time link, Dutch first and English below; False when the mail failed."""
    return invitations.mail_invitation(
        user=professional.user,
        subject=gettext_lazy("Uitnodiging voor de werkruimte van Woonvinder"),
        template="workspace/email/invitation",
        context={
            "url": set_password_url(professional.user),
            "days": invitations.valid_days(),
            "organisation": professional.organisation.name,
        },
    )


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
