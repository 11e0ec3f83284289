"""Onboarding a care provider: its page, its editors, their permissions and their media.

Everything here is idempotent: running `onboard_provider` again for the same provider finds
what exists and creates only what is missing, so it is safe in scripts and from the admin.

What an editor group may do, and why:
- add, change and lock on its own ProviderPage subtree only. Not publish: publishing goes
  through the "Beoordeling regio" workflow, approved by the regional coordinators. Not
  bulk_delete: an editor may remove one draft residence, never a provider with its residences.
- add, change and choose in its own image and document collection only, so the choosers never
  list another provider's photos or documents.
- access to the Wagtail admin.

Each editor account created here gets an invitation mail with a one-time link to choose a
password (residences/invitations.py); accounts that existed already get none.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from residences import taxonomy
from residences.invitations import send_invitation
from residences.models import ProviderPage
from residences.roles import COORDINATOR_GROUP_NAME

WORKFLOW_NAME = "Beoordeling regio"
APPROVAL_TASK_NAME = "Beoordeling door regiocoördinator"
EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")
COORDINATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
COLLECTION_PERMISSIONS = ("add", "change", "choose")
MEDIA_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


def editor_group_name(provider_name: str) -> str:
    return f"Redacteuren {provider_name}"


@dataclass
class OnboardingResult:
    provider: ProviderPage
    editor_group: Group
    collection: Collection
    coordinator_group: Group
    workflow: Workflow
    editors: list = field(default_factory=list)
    new_editors: list = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    invited: list = field(default_factory=list)
    invitation_failures: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created)


def onboard_provider(**options) -> OnboardingResult:
    """Create (or find) a provider with its editor group, collection and moderation, then
    invite the editors whose accounts this run created.

    The mails go out after the accounts are saved, so a link never names an account that a
    rolled-back transaction took away; a mail that fails is reported, not fatal.
    """
    result = create_provider(**options)
    for user in result.new_editors:
        sent = send_invitation(user)
        (result.invited if sent else result.invitation_failures).append(user)
    return result


@transaction.atomic
def create_provider(
    *,
    name: str,
    region: str = taxonomy.Region.ROTTERDAM,
    editors_emails=(),
    external_id: str | None = None,
    publish: bool = False,
    home=None,
) -> OnboardingResult:
    """The database part of onboarding, all or nothing.

    The ProviderPage starts as an unpublished draft unless `publish` is set: the provider's
    editors fill it in and the coordinator publishes it through the workflow.
    """
    name = name.strip()
    if not name:
        raise ValueError(gettext("Geef de naam van de zorgaanbieder."))
    if region not in taxonomy.Region.values:
        raise ValueError(gettext("Onbekende regio: %(region)s.") % {"region": region})
    created: list[str] = []

    coordinators = ensure_coordinator_group(created)
    workflow = ensure_workflow(coordinators, created)
    provider = ensure_provider_page(
        name=name, region=region, external_id=external_id, publish=publish, home=home,
        created=created,
    )
    editor_group = ensure_group(editor_group_name(name), created)
    grant_page_permissions(editor_group, provider, EDITOR_PAGE_PERMISSIONS, created)
    grant_page_permissions(coordinators, provider, COORDINATOR_PAGE_PERMISSIONS, created)
    collection = ensure_collection(name, created)
    grant_collection_permissions(editor_group, collection, created)
    if not WorkflowPage.objects.filter(page=provider).exists():
        WorkflowPage.objects.create(page=provider, workflow=workflow)
        created.append("workflow-page")
    editors, new_editors = [], []
    for email in editors_emails:
        user, was_created = ensure_editor(email, editor_group, created)
        editors.append(user)
        if was_created:
            new_editors.append(user)
    return OnboardingResult(
        provider=provider,
        editor_group=editor_group,
        collection=collection,
        coordinator_group=coordinators,
        workflow=workflow,
        editors=editors,
        new_editors=new_editors,
        created=created,
    )


def admin_access_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def ensure_group(name: str, created: list[str]) -> Group:
    group, was_created = Group.objects.get_or_create(name=name)
    if was_created:
        created.append(f"group:{name}")
    permission = admin_access_permission()
    if not group.permissions.filter(pk=permission.pk).exists():
        group.permissions.add(permission)
        created.append(f"admin-access:{name}")
    return group


def ensure_coordinator_group(created: list[str]) -> Group:
    return ensure_group(COORDINATOR_GROUP_NAME, created)


def ensure_workflow(coordinators: Group, created: list[str]) -> Workflow:
    workflow, was_created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if was_created:
        created.append("workflow")
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        created.append("approval-task")
    if not task.groups.filter(pk=coordinators.pk).exists():
        task.groups.add(coordinators)
        created.append("approval-task-group")
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        created.append("workflow-task")
    return workflow


def default_home() -> Page:
    from pages.models import HomePage

    return HomePage.default_home()


def ensure_provider_page(*, name, region, external_id, publish, home, created) -> ProviderPage:
    home = home or default_home()
    slug = slugify(name)
    existing = ProviderPage.objects.child_of(home)
    provider = None
    if external_id:
        provider = ProviderPage.objects.filter(external_id=external_id).first()
    provider = provider or existing.filter(slug=slug).first()
    if provider is not None:
        return provider
    provider = ProviderPage(
        title=name, slug=slug, region=region, external_id=external_id or None, live=False
    )
    home.add_child(instance=provider)
    revision = provider.save_revision()
    if publish:
        revision.publish()
    created.append("provider-page")
    provider.refresh_from_db()
    return provider


def page_permission(action: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=f"{action}_page"
    )


def grant_page_permissions(group: Group, page: Page, actions, created: list[str]) -> None:
    for action in actions:
        _permission, was_created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(action)
        )
        if was_created:
            created.append(f"page-permission:{group.name}:{action}")


def ensure_collection(name: str, created: list[str]) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
        created.append("collection")
    return collection


def grant_collection_permissions(group: Group, collection: Collection, created) -> None:
    for app_label, model in MEDIA_MODELS:
        for action in COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            _permission, was_created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
            if was_created:
                created.append(f"collection-permission:{model}:{action}")


def ensure_editor(email: str, group: Group, created: list[str]):
    """Find or create the editor's account; a new account has no password until the editor
    chooses one through the invitation link."""
    email = email.strip().lower()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    was_created = user is None
    if was_created:
        user = User(username=email, email=email, is_active=True)
        user.set_unusable_password()
        user.save()
        created.append(f"user:{email}")
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        created.append(f"membership:{email}")
    return user, was_created
