"""What a professional does with a client: small keyword-only services the views call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from questionnaire import summary as wishes_summary
from residences.models import ResidencePage
from search import shortlist as search_shortlist
from search.backends import get_backend
from search.criteria import Criteria
from workspace import on_behalf
from workspace.models import Client, Note, Professional, SavedSearch, ShareLink, ShortlistItem

SHORTLIST_MAX = 20


def clients_of(professional: Professional):
    """The professional's own clients and those a colleague explicitly shared with them."""
    return Client.objects.filter(
        Q(professional=professional) | Q(colleagues=professional)
    ).distinct()


def own_clients(professional: Professional):
    return Client.objects.filter(professional=professional)


def possible_colleagues(professional: Professional):
    """Active professionals of the same organisation, the professional left out."""
    return (
        Professional.objects.filter(
            organisation=professional.organisation, user__is_active=True
        )
        .exclude(pk=professional.pk)
        .select_related("user")
        .order_by("user__email")
    )


def share_with_colleague(*, client: Client, colleague: Professional) -> bool:
    if not possible_colleagues(client.professional).filter(pk=colleague.pk).exists():
        return False
    client.colleagues.add(colleague)
    client.touch()
    return True


def stop_sharing_with_colleague(*, client: Client, colleague_id: int) -> None:
    client.colleagues.remove(*client.colleagues.filter(pk=colleague_id))


def sorted_clients(professional: Professional) -> list[Client]:
    # Labels are encrypted, so the database cannot sort them.
    return sorted(clients_of(professional), key=lambda client: client.label.casefold())


def add_client(*, professional: Professional, label: str) -> Client:
    return Client.objects.create(professional=professional, label=label)


def criteria_from_text(text: str) -> Criteria:
    """A results address or its query string, as Criteria (first page; parsing never fails)."""
    query = urlsplit(text.strip()).query if "?" in text else text.strip().lstrip("?")
    criteria, _notices = Criteria.from_query(QueryDict(query))
    return criteria.with_changes(page=1)


def current_ids(criteria: Criteria) -> tuple[list[int], list[int]]:
    """Ids matching now, and those of them with a free place."""
    ids = get_backend().matching_ids(criteria)
    free = ResidencePage.objects.live().filter(id__in=ids, free_places__gt=0)
    return ids, sorted(free.values_list("id", flat=True))


def save_search(*, client: Client, name: str, criteria: Criteria) -> SavedSearch:
    ids, free = current_ids(criteria)
    search = SavedSearch.objects.create(
        client=client, name=name, query=criteria.to_query(), seen_ids=ids, seen_free_ids=free
    )
    client.touch()
    return search


def criteria_of(search: SavedSearch) -> Criteria:
    return criteria_from_text(search.query)


@dataclass
class SearchState:
    search: SavedSearch
    criteria: Criteria
    count: int
    new: list[ResidencePage]
    top: list[ResidencePage]


def live_residences(ids) -> list[ResidencePage]:
    pages = {page.id: page for page in ResidencePage.objects.live().filter(id__in=ids).specific()}
    return [pages[page_id] for page_id in ids if page_id in pages]


def state_of(search: SavedSearch, *, top: int = 10) -> SearchState:
    """Matches now, and "nieuw sinds u laatst keek": residences that fit now and did not at the
    last look, or that have a free place now and had none then."""
    criteria = criteria_of(search)
    ids, free = current_ids(criteria)
    seen = set(search.seen_ids or [])
    seen_free = set(search.seen_free_ids or [])
    new_ids = [page_id for page_id in ids if page_id not in seen or (
        page_id in free and page_id not in seen_free
    )]
    return SearchState(
        search=search,
        criteria=criteria,
        count=len(ids),
        new=live_residences(new_ids),
        top=live_residences(ids[:top]),
    )


def mark_seen(*, search: SavedSearch) -> None:
    search.seen_ids, search.seen_free_ids = current_ids(criteria_of(search))
    search.last_looked_at = timezone.now()
    search.save(update_fields=["seen_ids", "seen_free_ids", "last_looked_at"])
    search.client.touch()


def shortlist_of(client: Client) -> list[ResidencePage]:
    return live_residences(list(client.shortlist.values_list("residence_id", flat=True)))


def add_to_shortlist(*, client: Client, residence_id: int) -> bool:
    if client.shortlist.count() >= SHORTLIST_MAX:
        return False
    if not ResidencePage.objects.live().filter(id=residence_id).exists():
        return False
    ShortlistItem.objects.get_or_create(client=client, residence_id=residence_id)
    client.touch()
    return True


def take_over_shortlist(*, client: Client, request) -> int:
    """Put the residences on this browser's own shortlist (search/shortlist.py) on the client's;
    returns how many were added."""
    present = set(client.shortlist.values_list("residence_id", flat=True))
    added = 0
    for residence_id in search_shortlist.ids(request):
        if residence_id not in present and add_to_shortlist(
            client=client, residence_id=residence_id
        ):
            added += 1
    return added


def remove_from_shortlist(*, client: Client, residence_id: int) -> None:
    client.shortlist.filter(residence_id=residence_id).delete()
    client.touch()


def add_note(*, client: Client, text: str) -> Note:
    note = Note.objects.create(client=client, text=text)
    client.touch()
    return note


def share(*, client: Client) -> ShareLink:
    link = ShareLink.objects.create(client=client)
    client.touch()
    return link


def revoke(*, link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def residence_titles(ids) -> dict[int, str]:
    return dict(ResidencePage.objects.filter(id__in=list(ids)).values_list("id", "title"))


def export(client: Client) -> dict:
    """Everything stored about the client, decrypted, for the client's right of access."""
    answers = client.answers or {}
    shortlist = list(client.shortlist.all())
    titles = residence_titles(item.residence_id for item in shortlist)
    return {
        "label": client.label,
        "created_at": client.created_at.isoformat(),
        "last_activity_at": client.last_activity_at.isoformat(),
        "archived_at": client.archived_at.isoformat() if client.archived_at else None,
        # The questionnaire filled in together, as stored: {question slug: answer code(s)} ...
        "questionnaire_answers": answers,
        # ... and as the person reads it: each question asked, with the answer in words.
        "questionnaire": [
            {
                "question": answer["question"],
                "text": str(answer["text"]),
                "answer": [str(line) for line in answer["answer"]],
            }
            for answer in (wishes_summary.answer_list(answers, together=True) if answers else [])
        ],
        "saved_searches": [
            {
                "name": search.name,
                "query": search.query,
                "created_at": search.created_at.isoformat(),
                "last_looked_at": search.last_looked_at.isoformat(),
            }
            for search in client.searches.all()
        ],
        "shortlist": [
            {
                "residence_id": item.residence_id,
                # None when the residence has since left the catalogue.
                "residence": titles.get(item.residence_id),
                "added_at": item.added_at.isoformat(),
            }
            for item in shortlist
        ],
        "notes": [
            {"text": note.text, "created_at": note.created_at.isoformat()}
            for note in client.notes.all()
        ],
        "requests": on_behalf.export_requests(client),
        "share_links": [
            {
                "created_at": link.created_at.isoformat(),
                "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
            }
            for link in client.share_links.all()
        ],
    }


def apply_retention(*, now=None) -> tuple[int, int]:
    """Archive clients idle for WORKSPACE_ARCHIVE_AFTER_DAYS, delete those idle for
    WORKSPACE_DELETE_AFTER_DAYS; returns (archived, deleted)."""
    now = now or timezone.now()
    delete_before = now - timedelta(days=settings.WORKSPACE_DELETE_AFTER_DAYS)
    archive_before = now - timedelta(days=settings.WORKSPACE_ARCHIVE_AFTER_DAYS)
    stale = Client.objects.filter(last_activity_at__lt=delete_before)
    deleted = stale.count()
    stale.delete()
    archived = Client.objects.filter(
        last_activity_at__lt=archive_before, archived_at__isnull=True
    ).update(archived_at=now)
    return archived, deleted


ENCRYPTED_FIELDS = {
    Client: ("label", "answers"),
    SavedSearch: ("name", "query", "seen_ids", "seen_free_ids"),
    Note: ("text",),
}


def rotate_keys() -> int:
    """Re-encrypt every workspace row with the newest key in ENQUIRY_ENCRYPTION_KEYS; update()
    leaves activity dates alone, so a rotation does not count as activity."""
    count = 0
    for model, fields in ENCRYPTED_FIELDS.items():
        for row in model.objects.iterator(chunk_size=200):
            model.objects.filter(pk=row.pk).update(**{name: getattr(row, name) for name in fields})
            count += 1
    return count
