"""What starts a new content version (pages/navigation.py), so cached menus and fragments that
show other pages are made again: a page published, unpublished, moved or deleted (its title or
address may be shown elsewhere), the navigation settings, the site settings (the footer and
support texts), or a site."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.navigation import new_content_version


def content_changed(**kwargs) -> None:
    """A new version at once, and again when the change commits: a request that read the old
    content before the commit may have stored it under the first new version."""
    new_content_version()
    # robust: a cache that fails at commit must not stop other commit callbacks (the search
    # index sync).
    transaction.on_commit(new_content_version, robust=True)


def connect() -> None:
    from pages.models import NavigationSettings, SiteSettings

    uid = "pages.navigation"
    page_published.connect(content_changed, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(content_changed, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(content_changed, dispatch_uid=f"{uid}:moved")
    # A deleted page sends post_delete with its own (specific) class as sender.
    post_delete.connect(_deleted, dispatch_uid=f"{uid}:deleted")
    post_save.connect(content_changed, sender=Site, dispatch_uid=f"{uid}:Site")
    for model in (NavigationSettings, SiteSettings):
        post_save.connect(_settings_saved, sender=model, dispatch_uid=f"{uid}:{model.__name__}")


def _settings_saved(created=False, **kwargs) -> None:
    """The menus, footer or support texts changed. Settings made with their defaults, on a
    site's first request, change nothing that was shown before."""
    if not created:
        content_changed()


def _deleted(sender, **kwargs) -> None:
    from pages.models import NavigationSettings, SiteSettings

    if isinstance(sender, type) and issubclass(
        sender, (Page, Site, NavigationSettings, SiteSettings)
    ):
        content_changed()
