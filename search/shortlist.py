"""The visitor's shortlist (bewaarlijst): residence page ids in a signed cookie, nothing else.

The list is kept for 30 days in a functional cookie on the visitor's device ("bewaarlijst"):
signed so nobody can slip other values in, HttpOnly, SameSite=Lax and Secure wherever the
session cookie is. Only public page ids are kept, never answers or other health data, so the
list needs no account and no consent. Ids that no longer belong to a live residence drop out
when the list is read. This module is the one place that reads and writes it: `add` and
`remove` change the list of the request, `remember` writes it onto the response.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from residences.models import ResidencePage

COOKIE_NAME = "bewaarlijst"
COOKIE_SALT = "search.shortlist.cookie"
COOKIE_MAX_AGE_DAYS = 30
MAX_ITEMS = 20
COMPARE_MAX = 4
SHARE_SALT = "search.shortlist.share"
SHARE_MAX_AGE_DAYS = 90
# The list as changed during this request, before the response carries it to the browser.
CHANGED_ATTRIBUTE = "woonvinder_shortlist"


@dataclass(frozen=True)
class Outcome:
    changed: bool
    message: str


def ids(request) -> list[int]:
    """The stored ids, oldest first. A cookie that was changed, is older than 30 days or holds
    anything but ids counts as an empty list."""
    changed = getattr(request, CHANGED_ATTRIBUTE, None)
    if changed is not None:
        return list(changed)
    value = request.get_signed_cookie(
        COOKIE_NAME, default="", salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE_DAYS * 24 * 3600
    )
    return _parse(value)


def _parse(value: str) -> list[int]:
    stored = []
    for part in value.split(",") if value else []:
        if not part.isascii() or not part.isdigit():
            return []
        page_id = int(part)
        if page_id > 0 and page_id not in stored:
            stored.append(page_id)
    return stored[:MAX_ITEMS]


def remember(request, response) -> None:
    """Put the list on the response when this request changed it (nothing otherwise)."""
    changed = getattr(request, CHANGED_ATTRIBUTE, None)
    if changed is None:
        return
    if not changed:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return
    response.set_signed_cookie(
        COOKIE_NAME,
        ",".join(str(page_id) for page_id in changed),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def residences(request) -> list[ResidencePage]:
    """The live residences on the list, in the order they were added."""
    return live_residences(ids(request))


def live_residences(stored: list[int]) -> list[ResidencePage]:
    """The live residences among `stored`, in that order."""
    pages = ResidencePage.objects.live().filter(id__in=stored).specific()
    by_id = {page.id: page for page in pages}
    return [by_id[page_id] for page_id in stored if page_id in by_id]


def contains(request, page_id: int) -> bool:
    return page_id in ids(request)


def add(request, page_id: int) -> Outcome:
    stored = ids(request)
    page = ResidencePage.objects.live().filter(id=page_id).first()
    if page is None:
        return Outcome(False, str(_("Deze woonlocatie bestaat niet (meer).")))
    if page_id in stored:
        return Outcome(
            False, str(_("%(title)s staat al op uw bewaarlijst.") % {"title": page.title})
        )
    if len(stored) >= MAX_ITEMS:
        return Outcome(
            False,
            str(
                _("Uw bewaarlijst is vol: er passen %(max)s woonlocaties op. Haal er eerst een af.")
                % {"max": MAX_ITEMS}
            ),
        )
    setattr(request, CHANGED_ATTRIBUTE, [*stored, page_id])
    return Outcome(True, str(_("%(title)s staat nu op uw bewaarlijst.") % {"title": page.title}))


def remove(request, page_id: int) -> Outcome:
    stored = ids(request)
    if page_id not in stored:
        return Outcome(False, str(_("Deze woonlocatie stond niet op uw bewaarlijst.")))
    setattr(request, CHANGED_ATTRIBUTE, [value for value in stored if value != page_id])
    page = ResidencePage.objects.filter(id=page_id).first()
    title = page.title if page else str(_("De woonlocatie"))
    return Outcome(True, str(_("%(title)s is van uw bewaarlijst gehaald.") % {"title": title}))


def share_token(request) -> str:
    """A signed token that opens the whole list read-only on any device (page ids only)."""
    return signing.dumps(ids(request), salt=SHARE_SALT, compress=True)


def shared_ids(token: str) -> list[int] | None:
    """The ids a share token holds, or None when it was changed or is too old."""
    try:
        stored = signing.loads(token, salt=SHARE_SALT, max_age=SHARE_MAX_AGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(stored, list):
        return None
    return [value for value in stored if isinstance(value, int) and value > 0][:MAX_ITEMS]
