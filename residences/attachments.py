"""Which images and documents a provider's pages may use.

Each onboarded provider has its own collection (residences/onboarding.py): the collection on
which the provider's editor group, the group with page permissions on that ProviderPage, holds
collection permissions. A collection no provider's group holds is shared (the demo photos, the
root). The rule, for every image or document field, gallery row, rich text image and document
link of a ProviderPage or ResidencePage:

- another provider's image or document is refused, whoever saves (the data rule: the model's
  clean, hence the import and `save_revision`, and the editor's form);
- in the editor's form, someone who may not publish (a provider's editor) may newly attach only
  what is in the provider's own collection; coordinators and superusers may also attach shared
  items. What the page already had stays allowed, so an editor can save a page that a
  coordinator gave a shared photo.

The refusal reads the same for another provider's item, a shared one and one that does not
exist, so an editor learns nothing about other providers' files by trying ids.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.rich_text import extract_references_from_rich_text

from residences import numbers

IMAGE, DOCUMENT = "image", "document"
OWN, SHARED, FOREIGN = "own", "shared", "foreign"


@dataclass(frozen=True)
class Attachment:
    field: str
    kind: str
    object_id: int

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.object_id


def media_models() -> dict[str, type[models.Model]]:
    return {IMAGE: get_image_model(), DOCUMENT: get_document_model()}


def kind_of(model) -> str | None:
    for kind, media_model in media_models().items():
        if model is not None and issubclass(model, media_model):
            return kind
    return None


def as_id(value) -> int | None:
    value = getattr(value, "pk", value)
    if isinstance(value, int):
        return value
    return numbers.parse_whole_number(value)


def rich_text_attachments(field_name: str, html: str) -> list[Attachment]:
    found = []
    for model, object_id, _model_path, _content_path in extract_references_from_rich_text(
        html or ""
    ):
        kind, number = kind_of(model), as_id(object_id)
        if kind and number is not None:
            found.append(Attachment(field_name, kind, number))
    return found


def field_attachments(model, values: dict, field_name=None) -> list[Attachment]:
    """The images and documents in `values` (a form's cleaned data, or a model's fields)."""
    found = []
    for field in model._meta.concrete_fields:
        if field.name not in values:
            continue
        value = values[field.name]
        if isinstance(field, RichTextField):
            found += rich_text_attachments(field_name or field.name, value)
        elif field.is_relation and kind_of(field.related_model):
            number = as_id(value)
            if number is not None:
                kind = kind_of(field.related_model)
                found.append(Attachment(field_name or field.name, kind, number))
    return found


def model_values(instance) -> dict:
    fields = instance._meta.concrete_fields
    return {field.name: getattr(instance, field.attname) for field in fields}


def page_attachments(page) -> list[Attachment]:
    """Everything a page attaches, child rows (the gallery) under their relation's name."""
    found = field_attachments(type(page), model_values(page))
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        for child in getattr(page, name).all():
            found += field_attachments(type(child), model_values(child), field_name=name)
    return found


def collection_status(collection: Collection, provider) -> str:
    from residences.models import ProviderPage

    lineage = Collection.objects.ancestor_of(collection, inclusive=True)
    groups = GroupCollectionPermission.objects.filter(collection__in=lineage).values("group")
    owners = set(
        GroupPagePermission.objects.filter(
            group__in=groups, page__content_type=ContentType.objects.get_for_model(ProviderPage)
        ).values_list("page_id", flat=True)
    )
    if not owners:
        return SHARED
    if provider is not None and provider.pk in owners:
        return OWN
    return FOREIGN


def refused(attachments, provider, *, user=None, may_attach_shared=False, kept=frozenset()):
    """The attachments the rule refuses. Without a user, only the data rule applies."""
    statuses: dict[int, str] = {}
    items = {}
    for kind, media_model in media_models().items():
        ids = {each.object_id for each in attachments if each.kind == kind}
        for item in media_model.objects.filter(pk__in=ids).select_related("collection"):
            items[kind, item.pk] = item
    refusals = []
    for attachment in attachments:
        item = items.get(attachment.key)
        if item is None:
            if user is not None and attachment.key not in kept:
                refusals.append(attachment)
            continue
        collection = item.collection
        if collection.pk not in statuses:
            statuses[collection.pk] = collection_status(collection, provider)
        status = statuses[collection.pk]
        if status == FOREIGN:
            refusals.append(attachment)
        elif (
            status == SHARED
            and user is not None
            and not may_attach_shared
            and attachment.key not in kept
        ):
            refusals.append(attachment)
    return refusals


def refusal_message(attachment: Attachment) -> str:
    if attachment.kind == IMAGE:
        return _(
            "Afbeelding %(id)s komt niet uit de eigen collectie van deze zorgaanbieder. "
            "Kies een afbeelding uit uw eigen collectie."
        ) % {"id": attachment.object_id}
    return _(
        "Document %(id)s komt niet uit de eigen collectie van deze zorgaanbieder. "
        "Kies een document uit uw eigen collectie."
    ) % {"id": attachment.object_id}


def attachment_errors(page, provider) -> dict[str, list[str]]:
    """The data rule for a whole page, as model validation errors by field."""
    errors: dict[str, list[str]] = {}
    for attachment in refused(page_attachments(page), provider):
        errors.setdefault(attachment.field, []).append(refusal_message(attachment))
    return errors


def user_may_attach_shared(user, page) -> bool:
    if user.is_superuser:
        return True
    if page is None or page.pk is None:
        return False
    return page.permissions_for_user(user).can_publish()
