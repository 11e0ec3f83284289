"""What makes cached pages and menus (pages/page_cache.py, pages/navigation.py) out of date."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.page_cache import content_changed


def connect() -> None:
    from pages.models import NavigationSettings, SiteSettings

    uid = "pages.content"
    page_published.connect(content_changed, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(content_changed, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(content_changed, dispatch_uid=f"{uid}:moved")
    # A deleted page sends post_delete with its own (specific) class as sender.
    post_delete.connect(_deleted, dispatch_uid=f"{uid}:deleted")
    watched = (NavigationSettings, SiteSettings, Site, PageViewRestriction, get_image_model())
    for model in watched:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}")


def _deleted(sender, **kwargs) -> None:
    from pages.models import NavigationSettings, SiteSettings

    watched = (Page, PageViewRestriction, Site, NavigationSettings, SiteSettings, get_image_model())
    if isinstance(sender, type) and issubclass(sender, watched):
        content_changed()
