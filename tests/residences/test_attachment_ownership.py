"""Attaching images and documents by id, over HTTP: every image or document field of a
provider's pages takes only the provider's own files (issue 13, point 5).

The choosers list only the own collection, but a form post can name any id. Each row posts
provider A's edit form, as the admin renders it, with one attachment changed: into the logo,
the gallery, a rich text image or a rich text document link.
"""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from residences.models import ProviderPage, ResidencePage
from tests.factories import DocumentFactory, ImageFactory

IMAGE_REFUSED = "komt niet uit de eigen collectie van deze zorgaanbieder"


def rendered_form(client, user, page):
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return querydict_from_html(html, form_id="page-edit-form").copy()


def editor_rich_text(html: str) -> str:
    """The value Draftail posts for this stored rich text (its contentstate JSON)."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    features = ResidencePage._meta.get_field("description").features
    return ContentstateConverter(features).from_database_format(html)


def with_logo(data, image, document):
    data["logo"] = str(image.pk)
    return data


def with_gallery_image(data, image, document):
    rows = int(data["gallery_images-TOTAL_FORMS"])
    prefix = f"gallery_images-{rows}"
    data[f"{prefix}-image"] = str(image.pk)
    data[f"{prefix}-caption"] = "Tuin"
    data[f"{prefix}-id"] = ""
    data[f"{prefix}-ORDER"] = str(rows + 1)
    data["gallery_images-TOTAL_FORMS"] = str(rows + 1)
    return data


def with_rich_text_image(data, image, document):
    data["description"] = editor_rich_text(
        f'<p>Onze tuin.</p><embed embedtype="image" id="{image.pk}" format="left" alt="Tuin"/>'
    )
    return data


def with_rich_text_document(data, image, document):
    data["description"] = editor_rich_text(
        f'<p>Lees ons <a linktype="document" id="{document.pk}">kwaliteitsverslag</a>.</p>'
    )
    return data


# field -> (page of the provider it edits, how the post attaches, what it attaches)
FIELDS = {
    "logo": ("provider", with_logo, "image"),
    "gallery": ("residence", with_gallery_image, "image"),
    "description image": ("residence", with_rich_text_image, "image"),
    "description document link": ("residence", with_rich_text_document, "document"),
    "provider description image": ("provider", with_rich_text_image, "image"),
}


def target_page(provider, which):
    return provider.page if which == "provider" else provider.residence


def attached_ids(page_id, kind) -> set[int]:
    from residences.attachments import page_attachments

    page = Page.objects.get(pk=page_id).specific.get_latest_revision_as_object()
    return {each.object_id for each in page_attachments(page) if each.kind == kind}


def post_edit(client, user, page, data):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def post_preview(client, user, page, data):
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), data)
    return json.loads(response.content)["is_valid"]


@pytest.mark.parametrize("field", list(FIELDS))
def test_editor_cannot_attach_another_providers_file_by_id(client, provider_a, provider_b, field):
    which, attach, kind = FIELDS[field]
    page = target_page(provider_a, which)
    data = attach(
        rendered_form(client, provider_a.editor, page), provider_b.image, provider_b.document
    )
    foreign = provider_b.image if kind == "image" else provider_b.document
    revisions_before = page.revisions.count()

    response = post_edit(client, provider_a.editor, page, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "kon niet worden opgeslagen" in html
    assert IMAGE_REFUSED in html
    assert f"{'Afbeelding' if kind == 'image' else 'Document'} {foreign.pk} " in html
    assert page.revisions.count() == revisions_before
    assert foreign.pk not in attached_ids(page.pk, kind)
    assert post_preview(client, provider_a.editor, page, data) is False


@pytest.mark.parametrize("field", list(FIELDS))
def test_editor_attaches_own_file(client, provider_a, provider_b, field):
    which, attach, kind = FIELDS[field]
    page = target_page(provider_a, which)
    data = attach(
        rendered_form(client, provider_a.editor, page), provider_a.image, provider_a.document
    )
    own = provider_a.image if kind == "image" else provider_a.document

    response = post_edit(client, provider_a.editor, page, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert own.pk in attached_ids(page.pk, kind)
    assert post_preview(client, provider_a.editor, page, data) is True


@pytest.mark.parametrize("field", list(FIELDS))
def test_coordinator_and_superuser_cannot_attach_another_providers_file_either(
    client, provider_a, provider_b, coordinator, superuser, field
):
    which, attach, _kind = FIELDS[field]
    page = target_page(provider_a, which)
    for user in (coordinator, superuser):
        data = attach(rendered_form(client, user, page), provider_b.image, provider_b.document)

        response = post_edit(client, user, page, data)

        assert response.status_code == 200, user
        assert IMAGE_REFUSED in response.content.decode()


def test_shared_photo_coordinator_may_attach_editor_may_not_but_may_keep(
    client, provider_a, provider_b, coordinator
):
    shared = ImageFactory(title="Gedeelde foto")  # the root collection: no provider's
    page = provider_a.residence

    refused = post_edit(
        client, provider_a.editor, page,
        with_gallery_image(rendered_form(client, provider_a.editor, page), shared, None),
    )
    assert refused.status_code == 200
    assert IMAGE_REFUSED in refused.content.decode()

    accepted = post_edit(
        client, coordinator, page,
        with_gallery_image(rendered_form(client, coordinator, page), shared, None),
    )
    assert accepted.status_code == 302
    assert shared.pk in attached_ids(page.pk, "image")

    data = rendered_form(client, provider_a.editor, page)
    data["title"] = "Huis A, nieuwe naam"
    kept = post_edit(client, provider_a.editor, page, data)
    assert kept.status_code == 302
    assert shared.pk in attached_ids(page.pk, "image")


def test_editor_cannot_attach_an_image_that_does_not_exist(client, provider_a):
    page = provider_a.residence
    missing = type("Missing", (), {"pk": 987654})()
    data = with_rich_text_image(rendered_form(client, provider_a.editor, page), missing, None)

    response = post_edit(client, provider_a.editor, page, data)

    assert response.status_code == 200
    assert "Afbeelding 987654 komt niet uit de eigen collectie" in response.content.decode()


def test_model_validation_refuses_another_providers_file_outside_the_form(
    provider_a, provider_b
):
    """save_revision cleans the page, so code that bypasses the form is refused too."""
    from django.core.exceptions import ValidationError

    provider = ProviderPage.objects.get(pk=provider_a.page.pk)
    provider.logo = provider_b.image

    with pytest.raises(ValidationError) as refusal:
        provider.save_revision()

    assert IMAGE_REFUSED in str(refusal.value.message_dict["logo"])
    residence = ResidencePage.objects.get(pk=provider_a.residence.pk)
    residence.description = (
        f'<p><a linktype="document" id="{DocumentFactory(collection=provider_b.collection).pk}">'
        "verslag</a></p>"
    )
    with pytest.raises(ValidationError):
        residence.save_revision()
