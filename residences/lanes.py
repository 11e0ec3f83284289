"""Each admin user sees only their own lane of the page tree.

Wagtail's explorer already limits a user to the pages they hold permissions on. Its page chooser
and the bulk-action confirmation screens do not: they list any page by id, with its draft title,
so provider A's editor could read the unpublished names of provider B's residences. The hooks in
wagtail_hooks.py narrow both to the pages defined here.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from residences import numbers

page_policy = PagePermissionPolicy()


def visible_pages(user):
    """The pages the user may explore, and the pages above them (the site's structure, which a
    chooser shows to let them navigate down). Superusers see every page."""
    root = page_policy.explorable_root_instance(user)
    if root is None:
        return Page.objects.none()
    return page_policy.explorable_instances(user) | Page.objects.ancestor_of(root)


def chooser_pages(pages, request):
    """The page chooser's listing narrowed to the user's lane.

    The chooser also shows the page it browses, which the listing does not contain; a page
    outside the lane is answered with "not found", as the explorer answers a foreign page.
    """
    visible = visible_pages(request.user)
    parent_page_id = request.resolver_match.kwargs.get("parent_page_id")
    if parent_page_id is not None and not visible.filter(pk=parent_page_id).exists():
        raise Http404
    return pages.filter(pk__in=visible.values("pk"))


@method_decorator([require_admin_access, never_cache], name="dispatch")
class OwnLaneChosenMultipleView(ChosenMultipleView):
    """Wagtail's answer to "these pages were chosen" names any page id it is given, with its draft
    title, and runs no chooser hook; config/urls.py routes it here, ahead of Wagtail's admin.

    The ids outside the user's lane are dropped before Wagtail's view reads them.
    """

    def get(self, request):
        asked = [
            number
            for number in map(numbers.parse_whole_number, request.GET.getlist("id"))
            if number is not None
        ]
        allowed = visible_pages(request.user).filter(pk__in=asked).values_list("pk", flat=True)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in allowed])
        return super().get(request)


class OwnLaneBulkActionMixin:
    """Bulk actions act on and name only pages in the user's lane; the rest is left out, as if
    it did not exist, instead of being listed as 'no permission' with its title."""

    def get_actionable_objects(self):
        objects, groups = super().get_actionable_objects()
        listed = [*objects]
        for items in groups.values():
            listed.extend(entry["item"] if isinstance(entry, dict) else entry for entry in items)
        visible = set(
            visible_pages(self.request.user)
            .filter(pk__in=[page.pk for page in listed])
            .values_list("pk", flat=True)
        )

        def in_lane(entry):
            page = entry["item"] if isinstance(entry, dict) else entry
            return page.pk in visible

        return (
            [page for page in objects if in_lane(page)],
            {name: [entry for entry in items if in_lane(entry)] for name, items in groups.items()},
        )


class OwnLaneDeleteBulkAction(OwnLaneBulkActionMixin, DeleteBulkAction):
    pass


class OwnLaneMoveBulkAction(OwnLaneBulkActionMixin, MoveBulkAction):
    def get_form_kwargs(self):
        """A destination outside the lane counts as no destination: the form asks for one
        again, instead of showing the chosen page (and its title) beside the error."""
        kwargs = super().get_form_kwargs()
        data = kwargs.get("data")
        if data is not None and "chooser" in data:
            in_lane = forms.ModelChoiceField(queryset=visible_pages(self.request.user))
            try:
                in_lane.clean(data["chooser"])
            except ValidationError:
                data = data.copy()
                del data["chooser"]
                kwargs["data"] = data
        return kwargs


class OwnLanePublishBulkAction(OwnLaneBulkActionMixin, PublishBulkAction):
    pass


class OwnLaneUnpublishBulkAction(OwnLaneBulkActionMixin, UnpublishBulkAction):
    pass


PAGE_BULK_ACTIONS = (
    OwnLaneDeleteBulkAction,
    OwnLaneMoveBulkAction,
    OwnLanePublishBulkAction,
    OwnLaneUnpublishBulkAction,
)
