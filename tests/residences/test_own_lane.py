"""Provider A's editor never reads provider B's page titles, drafts included, in the admin's page
chooser, explorer or bulk-action screens (residences/lanes.py)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import home_page

BULK_ACTIONS = ("delete", "move", "publish", "unpublish")


@pytest.fixture
def secret_b(provider_b):
    """B's live residence with an unpublished new name, and B's draft residence."""
    residence = provider_b.residence
    residence.title = "Geheime nieuwe naam B"
    residence.save_revision()
    return provider_b


def titles_of_b(provider):
    return ("Zorggroep B", "Huis B", "Geheime nieuwe naam B", "Concept B")


def b_page_ids(provider):
    return [provider.page.pk, provider.residence.pk, provider.draft.pk]


def shows_none_of(response, titles):
    content = response.content.decode()
    return [title for title in titles if title in content] == []


def bulk_url(action, ids):
    query = "&".join(f"id={page_id}" for page_id in ids)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    return f"{url}?{query}&next=/admin/"


@pytest.fixture
def editor_a(client, provider_a, secret_b):
    client.force_login(provider_a.editor)
    return client


def test_page_chooser_browses_down_to_the_own_provider_only(editor_a, provider_a, secret_b):
    root = editor_a.get(reverse("wagtailadmin_choose_page"))
    home = editor_a.get(reverse("wagtailadmin_choose_page_child", args=[home_page().pk]))
    own = editor_a.get(reverse("wagtailadmin_choose_page_child", args=[provider_a.page.pk]))

    assert root.status_code == home.status_code == own.status_code == 200
    assert "Zorggroep A" in home.content.decode()
    assert "Huis A" in own.content.decode() and "Concept A" in own.content.decode()
    for response in (root, home, own):
        assert shows_none_of(response, titles_of_b(secret_b))


@pytest.mark.parametrize("which", range(3))
def test_page_chooser_refuses_to_browse_another_providers_pages(editor_a, secret_b, which):
    page_id = b_page_ids(secret_b)[which]

    response = editor_a.get(reverse("wagtailadmin_choose_page_child", args=[page_id]))

    assert response.status_code == 404
    assert shows_none_of(response, titles_of_b(secret_b))


@pytest.mark.parametrize("query", ["B", "Huis", "Concept", "Geheime", "Zorggroep"])
def test_page_chooser_search_finds_only_own_pages(editor_a, secret_b, query):
    response = editor_a.get(reverse("wagtailadmin_choose_page_search"), {"q": query})

    assert response.status_code == 200
    assert shows_none_of(response, titles_of_b(secret_b))


def test_page_chooser_search_still_finds_own_drafts(editor_a):
    response = editor_a.get(reverse("wagtailadmin_choose_page_search"), {"q": "Concept"})

    assert "Concept A" in response.content.decode()


def test_explorer_lists_only_the_own_provider(editor_a, secret_b):
    home = editor_a.get(reverse("wagtailadmin_explore", args=[home_page().pk]), follow=True)
    foreign = [
        editor_a.get(reverse("wagtailadmin_explore", args=[page_id]), follow=True)
        for page_id in b_page_ids(secret_b)
    ]

    assert "Huis A" in home.content.decode()
    for response in (home, *foreign):
        assert shows_none_of(response, titles_of_b(secret_b))


@pytest.mark.parametrize("action", BULK_ACTIONS)
def test_bulk_action_confirmation_names_no_foreign_page(editor_a, provider_a, secret_b, action):
    mixed = editor_a.get(bulk_url(action, [provider_a.draft.pk, *b_page_ids(secret_b)]))
    foreign_only = editor_a.get(bulk_url(action, b_page_ids(secret_b)))
    all_under_b = editor_a.get(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        + f"?id=all&childOf={secret_b.page.pk}"
    )

    assert mixed.status_code == 200
    assert "Concept A" in mixed.content.decode()
    for response in (mixed, foreign_only, all_under_b):
        assert response.status_code < 500
        assert shows_none_of(response, titles_of_b(secret_b))


@pytest.mark.parametrize("action", BULK_ACTIONS)
def test_bulk_actions_do_nothing_to_foreign_pages(editor_a, secret_b, action):
    data = {"chooser": str(secret_b.page.pk)} if action == "move" else {}

    response = editor_a.post(bulk_url(action, b_page_ids(secret_b)), data)

    assert response.status_code < 500
    assert shows_none_of(response, titles_of_b(secret_b))
    for page_id in b_page_ids(secret_b):
        page = Page.objects.get(pk=page_id)
        assert page.get_parent().pk in (home_page().pk, secret_b.page.pk)
    assert Page.objects.get(pk=secret_b.residence.pk).live
    assert not Page.objects.get(pk=secret_b.draft.pk).live


def test_bulk_move_offers_no_foreign_destination(editor_a, provider_a, secret_b):
    response = editor_a.post(
        bulk_url("move", [provider_a.draft.pk]), {"chooser": str(secret_b.page.pk)}
    )

    assert response.status_code < 500
    assert shows_none_of(response, titles_of_b(secret_b))
    assert Page.objects.get(pk=provider_a.draft.pk).get_parent().pk == provider_a.page.pk


def test_coordinators_still_choose_from_every_provider(client, coordinator, secret_b):
    client.force_login(coordinator)

    home = client.get(reverse("wagtailadmin_choose_page_child", args=[home_page().pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Concept"})

    assert "Zorggroep A" in home.content.decode() and "Zorggroep B" in home.content.decode()
    assert "Concept B" in search.content.decode()


def test_chosen_pages_answer_names_only_own_pages(editor_a, provider_a, secret_b):
    ids = [provider_a.draft.pk, *b_page_ids(secret_b)]
    query = "&".join(f"id={page_id}" for page_id in ids)

    response = editor_a.get(f"{reverse('wagtailadmin_choose_page_chosen_multiple')}?{query}")

    assert response.status_code == 200
    assert [page["id"] for page in response.json()["result"]] == [provider_a.draft.pk]
    assert shows_none_of(response, titles_of_b(secret_b))


def test_chosen_pages_answer_skips_ids_that_are_not_plain_numbers(editor_a, provider_a):
    # Too long for an integer column, another script's digits, a sign: none is a page id.
    query = f"id={provider_a.draft.pk}&id=99999999999999999999&id=%D9%A3&id=-1"

    response = editor_a.get(f"{reverse('wagtailadmin_choose_page_chosen_multiple')}?{query}")

    assert response.status_code == 200
    assert [page["id"] for page in response.json()["result"]] == [provider_a.draft.pk]


def test_chosen_pages_answer_needs_admin_access(client, provider_a):
    response = client.get(
        f"{reverse('wagtailadmin_choose_page_chosen_multiple')}?id={provider_a.draft.pk}"
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_sidebar_page_explorer_lists_only_own_pages(editor_a, provider_a, secret_b):
    children = editor_a.get("/admin/api/main/pages/", {"child_of": provider_a.page.pk})
    at_home = editor_a.get("/admin/api/main/pages/", {"child_of": home_page().pk})
    foreign = [
        editor_a.get(f"/admin/api/main/pages/{page_id}/") for page_id in b_page_ids(secret_b)
    ]

    assert "Concept A" in children.content.decode()
    for response in (children, at_home, *foreign):
        assert response.status_code < 500
        assert shows_none_of(response, titles_of_b(secret_b))
