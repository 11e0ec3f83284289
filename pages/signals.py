"""What makes the cached menus (pages/navigation.py) out of date: a page published, unpublished,
moved or deleted (its title or address may be in a menu), the navigation settings, or a site."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.navigation import new_navigation_version


def navigation_changed(**kwargs) -> None:
    """A new version at once, and again when the change commits: a request that read the old
    content before the commit may have stored it under the first new version."""
    new_navigation_version()
    # robust: a cache that fails at commit must not stop other commit callbacks (the search
    # index sync).
    transaction.on_commit(new_navigation_version, robust=True)


def connect() -> None:
    from pages.models import NavigationSettings

    uid = "pages.navigation"
    page_published.connect(navigation_changed, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(navigation_changed, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(navigation_changed, dispatch_uid=f"{uid}:moved")
    # A deleted page sends post_delete with its own (specific) class as sender.
    post_delete.connect(_deleted, dispatch_uid=f"{uid}:deleted")
    for model in (NavigationSettings, Site):
        post_save.connect(navigation_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}")


def _deleted(sender, **kwargs) -> None:
    from pages.models import NavigationSettings

    if isinstance(sender, type) and issubclass(sender, (Page, Site, NavigationSettings)):
        navigation_changed()
