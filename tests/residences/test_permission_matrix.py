"""Who may do what in the admin, over HTTP: roles × actions × provider A or B.

Read a row of EXPECTED as "this role may do these actions on provider A's / B's things".
Everything not listed must be refused: a redirect to the login or to the dashboard with an
error (Wagtail's answer to PermissionDenied), a 403 or 404, or, for the choosers, the item
simply not listed. Every cross-provider cell is refused; that is the security promise.
"""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from residences.models import ResidencePage
from tests.residences.conftest import is_refusal

PAGE_ACTIONS = (
    "explore", "edit_form", "edit", "delete", "move", "copy", "revisions", "history", "preview",
)
MEDIA_ACTIONS = ("image_chooser", "document_chooser", "image_edit", "document_edit")
ALL_ACTIONS = (*PAGE_ACTIONS, "publish", *MEDIA_ACTIONS)
EDITOR_OWN = frozenset((*PAGE_ACTIONS, *MEDIA_ACTIONS))  # never publish: that is moderated
COORDINATOR = frozenset((*PAGE_ACTIONS, "publish"))  # no provider's media collections

EXPECTED = {
    "anonymous": {"A": frozenset(), "B": frozenset()},
    "editor_a": {"A": EDITOR_OWN, "B": frozenset()},
    "editor_b": {"A": frozenset(), "B": EDITOR_OWN},
    "coordinator": {"A": COORDINATOR, "B": COORDINATOR},
    "superuser": {"A": frozenset(ALL_ACTIONS), "B": frozenset(ALL_ACTIONS)},
}
CHOOSERS = {"image_chooser", "document_chooser"}


def redirected_to_own_root(response, action) -> bool:
    # The explorer sends an editor who asks for a foreign subtree back to their own one.
    return (
        action == "explore"
        and response.status_code == 302
        and response["Location"].startswith("/admin/pages/")
    )


@pytest.fixture
def world(provider_a, provider_b, coordinator, superuser):
    return {
        "providers": {"A": provider_a, "B": provider_b},
        "users": {
            "anonymous": None,
            "editor_a": provider_a.editor,
            "editor_b": provider_b.editor,
            "coordinator": coordinator,
            "superuser": superuser,
        },
        "superuser": superuser,
    }


def edit_form_data(client, superuser, page, title):
    """The page's own edit form as the admin renders it, with a new title."""
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    client.logout()
    data = querydict_from_html(html, form_id="page-edit-form").copy()
    data["title"] = title
    return data


def latest_title(page_id):
    return Page.objects.get(pk=page_id).specific.get_latest_revision_as_object().title


def probe(action, client, world, target, login):
    """Perform the action; return (response, whether it took effect)."""
    superuser = world["superuser"]
    residence, draft = target.residence, target.draft
    if action in ("edit", "publish", "preview"):
        data = edit_form_data(client, superuser, residence, "Nieuwe naam")
        if action == "publish":
            data["action-publish"] = "action-publish"
        login()
        if action == "preview":
            response = client.post(
                reverse("wagtailadmin_pages:preview_on_edit", args=[residence.pk]), data
            )
            ok = response.status_code == 200 and json.loads(response.content)["is_valid"]
            return response, ok
        response = client.post(reverse("wagtailadmin_pages:edit", args=[residence.pk]), data)
        if action == "publish":
            return response, ResidencePage.objects.get(pk=residence.pk).title == "Nieuwe naam"
        return response, latest_title(residence.pk) == "Nieuwe naam"
    login()
    if action == "explore":
        response = client.get(reverse("wagtailadmin_explore", args=[target.page.pk]))
        return response, response.status_code == 200
    if action == "edit_form":
        response = client.get(reverse("wagtailadmin_pages:edit", args=[residence.pk]))
        return response, response.status_code == 200
    if action == "delete":
        response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
        return response, not Page.objects.filter(pk=draft.pk).exists()
    if action == "move":
        url = reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, target.page.pk])
        response = client.post(url)
        explore = reverse("wagtailadmin_explore", args=[target.page.pk])
        return response, response.status_code == 302 and response["Location"] == explore
    if action == "copy":
        slug = f"kopie-{target.page.slug}"
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[residence.pk]),
            {"new_title": "Kopie", "new_slug": slug, "new_parent_page": target.page.pk},
        )
        return response, Page.objects.filter(slug=slug).exists()
    if action == "revisions":
        revision = residence.live_revision
        url = reverse("wagtailadmin_pages:revisions_view", args=[residence.pk, revision.pk])
        response = client.get(url)
        return response, response.status_code == 200
    if action == "history":
        response = client.get(reverse("wagtailadmin_pages:history", args=[residence.pk]))
        return response, response.status_code == 200
    if action in CHOOSERS:
        name, item = {
            "image_chooser": ("wagtailimages_chooser:choose", target.image),
            "document_chooser": ("wagtaildocs_chooser:choose", target.document),
        }[action]
        response = client.get(reverse(name))
        return response, response.status_code == 200 and item.title in response.content.decode()
    if action in ("image_edit", "document_edit"):
        name, item = {
            "image_edit": ("wagtailimages:edit", target.image),
            "document_edit": ("wagtaildocs:edit", target.document),
        }[action]
        response = client.get(reverse(name, args=[item.pk]))
        return response, response.status_code == 200
    raise AssertionError(f"unknown action {action}")


@pytest.mark.parametrize("action", ALL_ACTIONS)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(client, world, role, action):
    """One row of the matrix: this role and action on provider A's and on B's things."""
    user = world["users"][role]

    def login():
        if user is not None:
            client.force_login(user)

    for letter in ("A", "B"):
        response, took_effect = probe(action, client, world, world["providers"][letter], login)
        allowed = action in EXPECTED[role][letter]

        assert response.status_code < 500, (role, action, letter)
        assert took_effect is allowed, (role, action, letter, response.status_code)
        cross_provider = role.startswith("editor_") and not role.endswith(letter.lower())
        if not allowed and (cross_provider or role == "anonymous") and action not in CHOOSERS:
            assert is_refusal(response) or redirected_to_own_root(response, action), (
                letter, response.status_code, response.get("Location")
            )
        client.logout()


def test_editor_cannot_copy_own_residence_into_another_provider(client, provider_a, provider_b):
    client.force_login(provider_a.editor)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[provider_a.residence.pk]),
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": provider_b.page.pk},
    )

    assert response.status_code < 500
    assert not Page.objects.filter(slug="kopie").exists()


def test_editor_cannot_move_own_draft_into_another_provider(client, provider_a, provider_b):
    client.force_login(provider_a.editor)
    draft = provider_a.draft

    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, provider_b.page.pk])
    )

    assert is_refusal(response)
    assert Page.objects.get(pk=draft.pk).get_parent().pk == provider_a.page.pk


def test_editor_cannot_add_a_residence_under_another_provider(client, provider_a, provider_b):
    client.force_login(provider_a.editor)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["residences", "residencepage", provider_b.page.pk])
    )

    assert is_refusal(response)


def test_editor_explorer_search_does_not_list_other_providers_pages(
    client, provider_a, provider_b
):
    client.force_login(provider_a.editor)

    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "Huis"}).content.decode()

    assert "Huis B" not in html
