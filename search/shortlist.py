"""The visitor's shortlist (bewaarlijst): residence page ids in the session, nothing else.

Only public page ids are kept, never answers or other health data, so the list needs no
account and no consent beyond the session cookie. Ids that no longer belong to a live residence
drop out when the list is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

from residences.models import ResidencePage

SESSION_KEY = "search_shortlist"
MAX_ITEMS = 20
COMPARE_MAX = 4
SHARE_SALT = "search.shortlist.share"
SHARE_MAX_AGE_DAYS = 90


@dataclass(frozen=True)
class Outcome:
    changed: bool
    message: str


def ids(session) -> list[int]:
    """The stored ids, oldest first; anything malformed in the session is ignored."""
    stored = session.get(SESSION_KEY, [])
    if not isinstance(stored, list):
        return []
    return [value for value in stored if isinstance(value, int) and value > 0][:MAX_ITEMS]


def residences(session) -> list[ResidencePage]:
    """The live residences on the list, in the order they were added."""
    return live_residences(ids(session))


def live_residences(stored: list[int]) -> list[ResidencePage]:
    """The live residences among `stored`, in that order."""
    pages = ResidencePage.objects.live().filter(id__in=stored).specific()
    by_id = {page.id: page for page in pages}
    return [by_id[page_id] for page_id in stored if page_id in by_id]


def contains(session, page_id: int) -> bool:
    return page_id in ids(session)


def add(session, page_id: int) -> Outcome:
    stored = ids(session)
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
    session[SESSION_KEY] = [*stored, page_id]
    return Outcome(True, str(_("%(title)s staat nu op uw bewaarlijst.") % {"title": page.title}))


def remove(session, page_id: int) -> Outcome:
    stored = ids(session)
    if page_id not in stored:
        return Outcome(False, str(_("Deze woonlocatie stond niet op uw bewaarlijst.")))
    session[SESSION_KEY] = [value for value in stored if value != page_id]
    page = ResidencePage.objects.filter(id=page_id).first()
    title = page.title if page else str(_("De woonlocatie"))
    return Outcome(True, str(_("%(title)s is van uw bewaarlijst gehaald.") % {"title": title}))


def clear(session) -> None:
    session.pop(SESSION_KEY, None)


def share_token(session) -> str:
    """A signed token that opens the whole list read-only on any device (page ids only)."""
    return signing.dumps(ids(session), salt=SHARE_SALT, compress=True)


def shared_ids(token: str) -> list[int] | None:
    """The ids a share token holds, or None when it was changed or is too old."""
    try:
        stored = signing.loads(token, salt=SHARE_SALT, max_age=SHARE_MAX_AGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(stored, list):
        return None
    return [value for value in stored if isinstance(value, int) and value > 0][:MAX_ITEMS]
