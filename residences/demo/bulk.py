"""Insert many residence pages at once, bypassing treebeard's one-by-one add_child.

add_child costs several queries per page (path lookup, numchild update, full_clean, revision),
which makes 100,000 pages take an hour. Here we compute the materialised paths ourselves,
bulk-insert the base `wagtailcore_page` rows, then the `ResidencePage` child rows through the
child table with one INSERT per batch (columns from the model's public `_meta`), then gallery and
service rows. The path format is treebeard's documented one: each level is `Page.steplen`
characters of `Page.alphabet`.

The pages are live, with url_path, depth and numchild consistent, so they render and open in the
admin editor (which falls back to the page itself when there is no revision yet). They have no
revision until an editor saves one; the search index is rebuilt afterwards by the caller.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, ReferenceIndex

from residences.models import ExtraService, ProviderPage, ResidenceGalleryImage, ResidencePage

BATCH_SIZE = 500
BASE_FIELDS = {f.name for f in Page._meta.concrete_fields}


@dataclass
class PlannedResidence:
    provider: ProviderPage
    fields: dict
    image_ids: list[int] = field(default_factory=list)
    services: list[tuple] = field(default_factory=list)


def step_number(key: str) -> int:
    """The number one level of a materialised path encodes."""
    number = 0
    for character in key:
        number = number * len(Page.alphabet) + Page.alphabet.index(character)
    return number


def step_key(number: int) -> str:
    """One level of a materialised path for the `number`th child (treebeard's format)."""
    digits = ""
    while number:
        number, digit = divmod(number, len(Page.alphabet))
        digits = Page.alphabet[digit] + digits
    return digits.rjust(Page.steplen, Page.alphabet[0])


def next_child_step(parent: Page) -> int:
    last = parent.get_last_child()
    if last is None:
        return 1
    return step_number(last.path[-Page.steplen :]) + 1


def bulk_create_residences(planned: list[PlannedResidence]) -> list[int]:
    """Create the planned residences as live pages; returns their ids in plan order."""
    content_type = ContentType.objects.get_for_model(ResidencePage)
    steps: dict[int, int] = {}
    added: dict[int, int] = {}
    now = timezone.now()
    ids: list[int] = []
    for start in range(0, len(planned), BATCH_SIZE):
        batch = planned[start : start + BATCH_SIZE]
        base_rows = [base_row(plan, content_type, steps, added, now) for plan in batch]
        Page.objects.bulk_create(base_rows)
        page_ids = resolve_ids(base_rows)
        insert_children(batch, page_ids)
        insert_related(batch, page_ids)
        ids += page_ids
    for provider_id, count in added.items():
        Page.objects.filter(pk=provider_id).update(numchild=F("numchild") + count)
    return ids


def base_row(plan: PlannedResidence, content_type, steps, added, now) -> Page:
    provider = plan.provider
    if provider.pk not in steps:
        steps[provider.pk] = next_child_step(provider)
    step = steps[provider.pk]
    steps[provider.pk] = step + 1
    added[provider.pk] = added.get(provider.pk, 0) + 1
    title = plan.fields["title"]
    slug = f"{slugify(title)[:60]}-{step}"
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=provider.path + step_key(step),
        depth=provider.depth + 1,
        numchild=0,
        url_path=f"{provider.url_path}{slug}/",
        locale_id=provider.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
    )


def resolve_ids(rows: list[Page]) -> list[int]:
    if all(row.pk for row in rows):
        return [row.pk for row in rows]
    # Backends that cannot return ids from a bulk insert: look them up by their unique path.
    by_path = dict(
        Page.objects.filter(path__in=[row.path for row in rows]).values_list("path", "pk")
    )
    return [by_path[row.path] for row in rows]


def insert_children(batch: list[PlannedResidence], page_ids: list[int]) -> None:
    """The ResidencePage rows of pages whose base rows exist: one INSERT for the batch."""
    fields = ResidencePage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    holders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(ResidencePage._meta.db_table)} ({columns}) VALUES ({holders})"
    rows = []
    for plan, page_id in zip(batch, page_ids, strict=True):
        own = {key: value for key, value in plan.fields.items() if key not in BASE_FIELDS}
        child = ResidencePage(page_ptr_id=page_id, id=page_id, **own)
        rows.append(
            [field.get_db_prep_save(field.pre_save(child, True), connection) for field in fields]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def insert_related(batch: list[PlannedResidence], page_ids: list[int]) -> None:
    gallery, services = [], []
    for plan, page_id in zip(batch, page_ids, strict=True):
        gallery += [
            ResidenceGalleryImage(page_id=page_id, image_id=image_id, sort_order=order)
            for order, image_id in enumerate(plan.image_ids)
        ]
        services += [
            ExtraService(
                page_id=page_id, name=name, monthly_price=price, description=text, sort_order=order
            )
            for order, (name, price, text) in enumerate(plan.services)
        ]
    ResidenceGalleryImage.objects.bulk_create(gallery)
    ExtraService.objects.bulk_create(services)


DELETE_CHUNK = 900  # below SQLite's limit on query parameters


def bulk_delete_pristine_residences(parent: Page) -> int:
    """Delete, without per-page signals, the residences under `parent` nobody ever saved.

    Pages that never got a revision carry no comments, workflow states or history, so removing
    their rows directly is safe; Wagtail's page-by-page delete (with a signal and an index sync
    per page) takes minutes for a large demo. Pages with revisions are left to Wagtail's delete.
    The caller rebuilds the search index afterwards.
    """
    ids = list(
        ResidencePage.objects.descendant_of(parent)
        .filter(latest_revision__isnull=True, live_revision__isnull=True)
        .values_list("pk", flat=True)
    )
    page_type = ContentType.objects.get_for_model(Page)
    for start in range(0, len(ids), DELETE_CHUNK):
        chunk = ids[start : start + DELETE_CHUNK]
        for relation in ResidencePage._meta.related_objects:
            if relation.on_delete is models.CASCADE and relation.related_model is not Page:
                delete_rows(relation.related_model, relation.field.column, chunk)
        ReferenceIndex.objects.filter(
            base_content_type=page_type, object_id__in=[str(pk) for pk in chunk]
        ).delete()
        delete_rows(ResidencePage, ResidencePage._meta.pk.column, chunk)
        delete_rows(Page, Page._meta.pk.column, chunk)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    return len(ids)


def delete_rows(model, column: str, values: list) -> None:
    """DELETE the model's rows whose `column` is among `values`, in SQL: no per-object signals
    (the caller has made sure nothing else refers to them)."""
    quote = connection.ops.quote_name
    holders = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(column)} IN ({holders})",
            values,
        )
