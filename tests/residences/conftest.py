"""Two onboarded providers, each with an editor, a published residence, a draft residence, a
photo and a document in its own collection; plus a coordinator and a superuser."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from residences.onboarding import onboard_provider
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    ResidencePageFactory,
    UserFactory,
)


@dataclass
class Provider:
    page: object
    editor: object
    residence: object
    draft: object
    image: object
    document: object
    collection: object
    group: object


def make_provider(letter: str) -> Provider:
    result = onboard_provider(
        name=f"Zorggroep {letter}",
        editors_emails=[f"redacteur-{letter.lower()}@example.nl"],
        publish=True,
    )
    editor = result.editors[0]
    editor.set_password("correct-horse-battery-staple")
    editor.save()
    residence = ResidencePageFactory(parent=result.provider, title=f"Huis {letter}")
    draft = ResidencePageFactory(parent=result.provider, title=f"Concept {letter}", publish=False)
    return Provider(
        page=result.provider,
        editor=editor,
        residence=residence,
        draft=draft,
        image=ImageFactory(title=f"Foto {letter}", collection=result.collection),
        document=DocumentFactory(title=f"Verslag {letter}", collection=result.collection),
        collection=result.collection,
        group=result.editor_group,
    )


@pytest.fixture
def superuser(db):
    return UserFactory(username="beheerder", superuser=True)


def is_refusal(response) -> bool:
    """Whatever the admin says to someone who may not: 403, 404, or back to login or home."""
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.startswith("/admin/login/") or location == reverse("wagtailadmin_home")
    )
