"""The admin form of provider and residence pages: the attachment rule with the editor's user.

The model's clean applies the same rule without a user (residences/attachments.py), so the
import and any other write path refuse another provider's files too.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from wagtail.admin.forms import WagtailAdminPageForm

from residences import attachments


class ProviderContentPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is None:
            return cleaned_data
        provider = self.instance.attachment_provider(self.parent_page)
        rule = {
            "provider": provider,
            "user": self.for_user,
            "may_attach_shared": attachments.user_may_attach_shared(
                self.for_user, provider or self.parent_page
            ),
            "kept": {each.key for each in self.stored_attachments()},
        }
        own_fields = attachments.field_attachments(type(self.instance), cleaned_data)
        for attachment in attachments.refused(own_fields, **rule):
            if attachment.field in self.cleaned_data:
                self.add_error(attachment.field, attachments.refusal_message(attachment))
        for formset in self.formsets.values():
            for form in formset.forms:
                self.check_child_form(form, rule)
        return self.cleaned_data

    def stored_attachments(self):
        if self.instance.pk is None:
            return []
        return attachments.page_attachments(self.instance)

    def check_child_form(self, form, rule) -> None:
        if not form.is_valid() or form.cleaned_data.get(DELETION_FIELD_NAME):
            return
        found = attachments.field_attachments(type(form.instance), form.cleaned_data)
        for attachment in attachments.refused(found, **rule):
            if attachment.field in form.cleaned_data:
                form.add_error(attachment.field, attachments.refusal_message(attachment))
