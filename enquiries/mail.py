"""The mails to the person who asked. They say only that something happened, with the private
status link: no names, no residence, no message, no status. Whoever reads the mail (a shared
inbox, a mail provider) learns nothing about anyone's care."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

SENT = "sent"
CHANGED = "changed"


def send_notice(*, kind: str, to: str, status_link: str, language: str) -> None:
    if not to:
        return
    context = {"status_link": status_link}
    with translation.override(language):
        subject = render_to_string(f"enquiries/email/{kind}_subject.txt", context).strip()
        text = render_to_string(f"enquiries/email/{kind}.txt", context)
        html = render_to_string(f"enquiries/email/{kind}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
