"""Our own screens in the Wagtail admin: the admin's look, its title at the end of the
breadcrumbs, and a 403 for anyone `may_view` does not let in. Residences, enquiries and the
questionnaire's report all build on this one mixin."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPageMixin(WagtailAdminTemplateMixin):
    @staticmethod
    def may_view(user) -> bool:
        # The admin's own login check has let the user in; a page narrows it further.
        return True

    def dispatch(self, request, *args, **kwargs):
        if not self.may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
