import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from pages.blocks import FigureBlock
from tests.factories import ImageFactory, UserFactory, png_bytes

pytestmark = pytest.mark.django_db


def upload(name="kamer.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def test_image_form_requires_a_description_as_alt_text():
    Form = get_image_form(get_image_model())
    form = Form(
        data={"title": "Kamer", "description": ""},
        files={"file": upload()},
        user=UserFactory(superuser=True),
    )

    assert not form.is_valid()
    assert form.errors["description"] == [
        "Vul een alt-tekst in: beschrijf wat er op de afbeelding te zien is."
    ]


def test_editor_cannot_upload_an_image_without_alt_text_in_the_admin(client):
    client.force_login(UserFactory(superuser=True))
    model = get_image_model()

    response = client.post(
        "/admin/images/add/", {"title": "Kamer", "description": "", "file": upload()}
    )

    assert response.status_code == 200
    assert model.objects.count() == 0
    assert "Vul een alt-tekst in" in response.content.decode()


def test_editor_can_upload_an_image_with_alt_text_in_the_admin(client):
    client.force_login(UserFactory(superuser=True))
    model = get_image_model()

    response = client.post(
        "/admin/images/add/",
        {"title": "Kamer", "description": "Lichte slaapkamer met een bed", "file": upload()},
    )

    assert response.status_code == 302
    assert model.objects.get().description == "Lichte slaapkamer met een bed"


def test_content_image_block_refuses_an_image_without_alt_text():
    block = FigureBlock()
    value = block.to_python(
        {
            "image": {"image": ImageFactory().pk, "alt_text": "", "decorative": False},
            "caption": "",
        }
    )

    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_content_image_block_accepts_alt_text():
    block = FigureBlock()
    value = block.to_python(
        {
            "image": {"image": ImageFactory().pk, "alt_text": "Tuin", "decorative": False},
            "caption": "",
        }
    )

    cleaned = block.clean(value)

    assert cleaned["image"].contextual_alt_text == "Tuin"
