import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from residences.models import ProviderPage
from residences.onboarding import (
    COORDINATOR_GROUP_NAME,
    WORKFLOW_NAME,
    onboard_provider,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        "providers": ProviderPage.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "workflow_pages": WorkflowPage.objects.count(),
    }


def test_onboarding_creates_draft_page_group_collection_and_workflow():
    result = onboard_provider(name="Zorggroep Maas", editors_emails=["Jan@Example.nl"])

    assert result.provider.title == "Zorggroep Maas"
    assert not result.provider.live
    assert result.editor_group.name == "Redacteuren Zorggroep Maas"
    assert result.collection.name == "Zorggroep Maas"
    assert result.editors[0].email == "jan@example.nl"
    assert result.editors[0].groups.filter(pk=result.editor_group.pk).exists()
    assert not result.editors[0].has_usable_password()
    assert WorkflowPage.objects.get(page=result.provider).workflow.name == WORKFLOW_NAME


def test_editor_group_may_add_change_and_lock_its_own_subtree_but_not_publish():
    result = onboard_provider(name="Zorggroep Maas")
    permissions = GroupPagePermission.objects.filter(group=result.editor_group)

    assert {permission.page_id for permission in permissions} == {result.provider.pk}
    assert {permission.permission.codename for permission in permissions} == {
        "add_page",
        "change_page",
        "lock_page",
    }
    assert result.editor_group.permissions.filter(codename="access_admin").exists()


def test_editor_group_may_use_only_its_own_collection():
    result = onboard_provider(name="Zorggroep Maas")
    permissions = GroupCollectionPermission.objects.filter(group=result.editor_group)

    assert {permission.collection_id for permission in permissions} == {result.collection.pk}
    assert {permission.permission.codename for permission in permissions} == {
        "add_image", "change_image", "choose_image",
        "add_document", "change_document", "choose_document",
    }


def test_coordinators_publish_every_onboarded_provider_and_approve_the_workflow():
    first = onboard_provider(name="Zorggroep Maas")
    second = onboard_provider(name="Stichting Rijnmond Wonen")
    coordinators = Group.objects.get(name=COORDINATOR_GROUP_NAME)

    published_pages = set(
        GroupPagePermission.objects.filter(
            group=coordinators, permission__codename="publish_page"
        ).values_list("page_id", flat=True)
    )
    assert published_pages == {first.provider.pk, second.provider.pk}
    task = first.workflow.tasks.get().specific
    assert list(task.groups.all()) == [coordinators]


def test_onboarding_twice_changes_nothing():
    onboard_provider(name="Zorggroep Maas", editors_emails=["jan@example.nl"])
    before = counts()

    again = onboard_provider(name="Zorggroep Maas", editors_emails=["jan@example.nl"])

    assert again.created == []
    assert counts() == before


def test_onboarding_refuses_an_empty_name():
    with pytest.raises(ValueError, match="naam"):
        onboard_provider(name="  ")


def test_onboard_provider_command_is_idempotent_and_can_publish(capsys):
    call_command("onboard_provider", "Zorggroep Maas", "--editor", "jan@example.nl", "--publish")
    call_command("onboard_provider", "Zorggroep Maas", "--editor", "jan@example.nl")
    output = capsys.readouterr().out

    assert ProviderPage.objects.get().live
    assert "Niets veranderd." in output
    assert ProviderPage.objects.count() == 1


def test_superuser_onboards_a_provider_from_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/aanbieders/aanmelden/",
        {"name": "Zorggroep Maas", "region": "rotterdam", "editors": "jan@example.nl\n"},
    )

    provider = ProviderPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{provider.pk}/edit/"
    assert Group.objects.filter(name="Redacteuren Zorggroep Maas").exists()


def test_admin_onboarding_form_names_a_bad_email(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/aanbieders/aanmelden/",
        {"name": "Zorggroep Maas", "region": "rotterdam", "editors": "geen-adres"},
    )

    assert response.status_code == 200
    assert "geen geldig e-mailadres" in response.content.decode()
    assert not ProviderPage.objects.exists()


def test_editors_may_not_onboard_providers(client, provider_a):
    client.force_login(provider_a.editor)
    response = client.get("/admin/aanbieders/aanmelden/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
