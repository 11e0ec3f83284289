"""One index pipeline, two indexes: live ResidencePages -> flat documents -> every index.

`residence_document(page)` is the document of the search contract. `sync_page`/`sync_pages`
keep the indexes in step with publish, unpublish, move and delete (hooked up in
`search/signals.py`). `rebuild_index`, `check_index` and `update_index` serve
`manage.py search_index`.

A document's version (`document_version`) is its last_published_at plus a fingerprint of its
content, so a check also notices changes that do not republish the residence (a provider
renamed, a page moved) and documents altered in the index itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from residences.models import ProviderPage, ResidencePage
from residences.models.pages import ResidenceGalleryImage
from residences.presenters import fit_document

logger = logging.getLogger(__name__)

PHOTO_FILTER = "fill-400x300"
BATCH_SIZE = 500


# Documents ------------------------------------------------------------------------------


def live_residences():
    """Every live residence, with what its document needs prefetched (no query per page)."""
    # Renditions prefetched too: a cold rebuild would otherwise ask for each image's photo.
    gallery = (
        ResidenceGalleryImage.objects.select_related("image")
        .prefetch_related("image__renditions")
        .order_by("sort_order")
    )
    return (
        ResidencePage.objects.live()
        .prefetch_related(Prefetch("gallery_images", queryset=gallery))
        .order_by("pk")
    )


def residence_document(page: ResidencePage, provider: Page | None = None) -> dict:
    """The flat search document of a live residence (see SEARCH-CONTRACT.md)."""
    if provider is None:
        provider = page.get_parent()
    provider_name = provider.title if provider else ""
    photo_url, photo_alt = _photo(page)
    document = {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url() or "",
        "intro": page.intro,
        "provider_id": provider.pk if provider else None,
        "provider_name": provider_name,
        "provider_url": (provider.get_url() or "") if provider else "",
        "street_address": page.street_address,
        "postcode": page.postcode,
        "place": page.place,
        "municipality": page.municipality,
        "district": page.district,
        "places": page.places,
        "group_size": page.group_size,
        "photo_url": photo_url,
        "photo_alt": photo_alt,
        "text": _plain_text(page, provider_name),
        "last_published_at": (
            page.last_published_at.isoformat() if page.last_published_at else None
        ),
    }
    # The fields matching and ranking read, as the residence page's "why it fits" reads them.
    document.update(fit_document(page))
    return document


def document_version(document: dict) -> str:
    """last_published_at plus a content fingerprint; what drift checks compare."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), default=str)
    digest = hashlib.sha1(canonical.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"{document.get('last_published_at') or ''}#{digest}"


def iter_documents(queryset=None, batch_size: int = BATCH_SIZE) -> Iterator[dict]:
    """Documents of every live residence (or of `queryset`), in page id order."""
    queryset = live_residences() if queryset is None else queryset
    providers = _providers_by_path()
    for page in queryset.iterator(chunk_size=batch_size):
        yield residence_document(page, providers.get(page.path[: -Page.steplen]))


def _providers_by_path() -> dict[str, ProviderPage]:
    return {provider.path: provider for provider in ProviderPage.objects.all()}


def _photo(page: ResidencePage) -> tuple[str, str]:
    items = list(page.gallery_images.all())
    if not items:
        return "", ""
    item = items[0]
    try:
        # Generated once per image and stored; later documents reuse the stored rendition.
        rendition = item.image.get_rendition(PHOTO_FILTER)
    except Exception:  # a missing or unreadable original must not stop indexing
        logger.warning("No search photo for residence %s", page.pk, exc_info=True)
        return "", ""
    return rendition.url, item.caption or item.image.default_alt_text or ""


def _plain_text(page: ResidencePage, provider_name: str) -> str:
    parts = [
        page.title,
        page.intro,
        get_text_for_indexing(page.description or ""),
        page.place,
        page.municipality,
        page.district,
        provider_name,
    ]
    return " ".join(part.strip() for part in parts if part and part.strip())


# Syncing --------------------------------------------------------------------------------


def sync_page(page_id: int, backends=None) -> None:
    sync_pages([page_id], backends=backends)


def sync_pages(page_ids: Iterable[int], backends=None) -> None:
    """Bring the given pages up to date in every index: upsert the live, delete the rest.

    Never raises: a failing index is logged (page ids and error type only) and the others
    still get the update. `search_index check`/`update` repairs what was missed.
    """
    ids = sorted({int(page_id) for page_id in page_ids})
    if not ids:
        return
    backends = _backends(backends)
    # Batches: a provider deleted with thousands of residences syncs in a few large writes,
    # without passing the databases' limits on query parameters.
    for start in range(0, len(ids), BATCH_SIZE):
        _sync_batch(ids[start : start + BATCH_SIZE], backends)


def _sync_batch(ids: list[int], backends) -> None:
    documents = list(iter_documents(live_residences().filter(pk__in=ids)))
    gone = sorted(set(ids) - {document["id"] for document in documents})
    for backend in backends:
        try:
            if documents:
                backend.upsert(documents)
            if gone:
                backend.delete(gone)
        except Exception as error:
            logger.error(
                "Search index %s not updated for pages %s (%s); run `search_index update`",
                backend.name,
                ids,
                type(error).__name__,
                exc_info=True,
            )


def residence_ids_under(path: str) -> list[int]:
    """Residences at or below the page at `path` (a provider's, or the residence itself)."""
    return list(ResidencePage.objects.filter(path__startswith=path).values_list("pk", flat=True))


# Rebuild, check, update -----------------------------------------------------------------


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale or self.orphaned)

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.orphaned)

    def summary(self) -> str:
        return (
            f"{len(self.missing)} missing, {len(self.stale)} stale, {len(self.orphaned)} orphaned"
        )


def rebuild_index(backends=None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Rebuild every index from the live pages; returns documents indexed per backend.

    Pages published, unpublished or deleted while a rebuild runs are synced by the signal
    hooks; afterwards a catch-up `update_index` repairs anything the rebuild overwrote with
    what it had read before the edit, so edits made during a rebuild are never lost.
    """
    counts = {}
    for backend in _backends(backends):
        counts[backend.name] = backend.rebuild(_still_current(iter_documents(None, batch_size)))
        update_index([backend])
    return counts


def check_index(backends=None) -> dict[str, Drift]:
    expected = {document["id"]: document_version(document) for document in iter_documents()}
    return {
        backend.name: _drift(expected, backend.indexed_versions())
        for backend in _backends(backends)
    }


def update_index(backends=None) -> dict[str, Drift]:
    """Repair drift in every index; returns what was repaired per backend."""
    repaired = {}
    for backend, drift in zip(_backends(backends), check_index(backends).values(), strict=True):
        if drift.missing or drift.stale:
            changed = set(drift.missing) | set(drift.stale)
            for start in range(0, len(changed), BATCH_SIZE):
                batch = sorted(changed)[start : start + BATCH_SIZE]
                backend.upsert(list(iter_documents(live_residences().filter(pk__in=batch))))
        if drift.orphaned:
            backend.delete(drift.orphaned)
        repaired[backend.name] = drift
    return repaired


def _drift(expected: dict[int, str], indexed: dict[int, str]) -> Drift:
    return Drift(
        missing=sorted(set(expected) - set(indexed)),
        stale=sorted(
            page_id
            for page_id, version in expected.items()
            if page_id in indexed and not same_version(version, indexed[page_id])
        ),
        orphaned=sorted(set(indexed) - set(expected)),
    )


def same_version(expected: str, indexed: str) -> bool:
    """Compare versions; an index may report only last_published_at (cheaper to read).

    Such an index is then only checked for republished pages, not for content changes.
    """
    if "#" in (indexed or ""):
        return expected == indexed
    return expected.split("#", 1)[0] == (indexed or "")


def _still_current(documents: Iterator[dict], batch_size: int = BATCH_SIZE) -> Iterator[dict]:
    """Drop documents whose page changed since it was read, just before they are written.

    A rebuild reads pages as it goes; an editor may unpublish or republish one in between.
    Such pages were already synced by the hooks, and writing the older read would undo that.
    """
    batch: list[dict] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _current_only(batch)
            batch = []
    yield from _current_only(batch)


def _current_only(batch: list[dict]) -> list[dict]:
    if not batch:
        return []
    published = dict(
        ResidencePage.objects.live()
        .filter(pk__in=[document["id"] for document in batch])
        .values_list("pk", "last_published_at")
    )
    return [
        document
        for document in batch
        if document["id"] in published
        and _iso(published[document["id"]]) == document["last_published_at"]
    ]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _backends(backends):
    if backends is not None:
        return list(backends)
    from search.backends import get_index_backends

    return get_index_backends()
