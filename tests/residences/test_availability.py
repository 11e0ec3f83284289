from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow

from residences.availability import (
    Availability,
    editable_residences,
    stale_residences,
    update_availability,
)
from residences.models import ResidencePage
from residences.onboarding import WORKFLOW_NAME
from tests.factories import ResidencePageFactory

pytestmark = pytest.mark.django_db
URL = "/admin/beschikbaarheid/"


def long_ago():
    return timezone.localdate() - timedelta(days=90)


def row(index, page, free_places, waiting_weeks="", confirmed=False):
    data = {
        f"form-{index}-residence": str(page.pk),
        f"form-{index}-free_places": str(free_places),
        f"form-{index}-waiting_weeks": str(waiting_weeks),
    }
    if confirmed:
        data[f"form-{index}-confirmed"] = "on"
    return data


def formset_post(*rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for one in rows:
        data.update(one)
    return data


def test_editor_lists_only_own_residences(client, provider_a, provider_b):
    client.force_login(provider_a.editor)
    response = client.get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Huis A" in html and "Concept A" in html
    assert "Huis B" not in html and "Concept B" not in html


def test_editable_residences_follow_wagtail_page_permissions(provider_a, provider_b, superuser):
    assert set(editable_residences(provider_a.editor)) == {
        provider_a.residence.page_ptr.specific,
        provider_a.draft.page_ptr.specific,
    }
    assert editable_residences(superuser).count() == 4


def test_editor_updates_availability_and_it_is_published_at_once(client, provider_a, provider_b):
    page = provider_a.residence
    ResidencePage.objects.filter(pk=page.pk).update(availability_confirmed_on=long_ago())
    client.force_login(provider_a.editor)

    response = client.post(URL, formset_post(row(0, page, 0, 12)))

    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.free_places, page.waiting_weeks) == (0, 12)
    assert page.availability_confirmed_on == timezone.localdate()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision.user == provider_a.editor


def test_ticking_still_right_only_refreshes_the_date(client, provider_a):
    page = provider_a.residence
    ResidencePage.objects.filter(pk=page.pk).update(availability_confirmed_on=long_ago())
    client.force_login(provider_a.editor)

    client.post(URL, formset_post(row(0, page, page.free_places, page.waiting_weeks, True)))

    page.refresh_from_db()
    assert page.availability_confirmed_on == timezone.localdate()
    assert (page.free_places, page.waiting_weeks) == (1, 4)


def test_untouched_rows_are_not_saved(client, provider_a):
    page = provider_a.residence
    ResidencePage.objects.filter(pk=page.pk).update(availability_confirmed_on=long_ago())
    revisions = page.revisions.count()
    client.force_login(provider_a.editor)

    client.post(URL, formset_post(row(0, page, page.free_places, page.waiting_weeks)))

    page.refresh_from_db()
    assert page.availability_confirmed_on == long_ago()
    assert page.revisions.count() == revisions


def test_posting_another_providers_residence_is_refused(client, provider_a, provider_b):
    client.force_login(provider_a.editor)
    other = provider_b.residence

    response = client.post(URL, formset_post(row(0, provider_a.residence, 0), row(1, other, 0)))

    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    other.refresh_from_db()
    provider_a.residence.refresh_from_db()
    assert other.free_places == 1
    assert provider_a.residence.free_places == 1


def test_more_free_places_than_places_is_a_dutch_error_and_nothing_is_saved(client, provider_a):
    page = provider_a.residence
    client.force_login(provider_a.editor)

    response = client.post(URL, formset_post(row(0, page, 99)))

    assert response.status_code == 200
    assert "Er kunnen niet meer plaatsen vrij zijn dan er zijn (12)." in response.content.decode()
    page.refresh_from_db()
    assert page.free_places == 1


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_update_keeps_a_pending_moderation_and_its_draft(provider_a):
    page = provider_a.residence.page_ptr.specific
    page.title = "Huis A, nieuwe naam"
    revision = page.save_revision(user=provider_a.editor)
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.start(page, provider_a.editor)

    update_availability(
        page=page,
        user=provider_a.editor,
        availability=Availability(
            free_places=0, waiting_weeks=30, confirmed_on=timezone.localdate()
        ),
    )

    page = ResidencePage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    assert page.title == "Huis A"  # the pending title change is not published
    assert (page.free_places, page.waiting_weeks) == (0, 30)
    revision.refresh_from_db()
    assert revision.content["waiting_weeks"] == 30
    assert revision.as_object().title == "Huis A, nieuwe naam"


def test_dashboard_lists_own_stale_residences(client, provider_a, provider_b):
    ResidencePage.objects.filter(pk__in=[provider_a.residence.pk, provider_b.residence.pk]).update(
        availability_confirmed_on=long_ago()
    )
    client.force_login(provider_a.editor)

    html = client.get("/admin/").content.decode()

    assert "Beschikbaarheid verouderd" in html
    assert "Huis A" in html
    assert "Huis B" not in html


def test_stale_means_older_than_sixty_days_or_never(provider_a):
    today = timezone.localdate()
    fresh = ResidencePageFactory(parent=provider_a.page, availability_confirmed_on=today)
    edge = ResidencePageFactory(
        parent=provider_a.page, availability_confirmed_on=today - timedelta(days=60)
    )
    old = ResidencePageFactory(
        parent=provider_a.page, availability_confirmed_on=today - timedelta(days=61)
    )
    never = ResidencePageFactory(parent=provider_a.page, availability_confirmed_on=None)

    stale = set(stale_residences(ResidencePage.objects.all(), today).values_list("pk", flat=True))

    assert {old.pk, never.pk} <= stale
    assert not {fresh.pk, edge.pk} & stale


def test_reminder_mails_each_providers_editors_their_stale_residences(provider_a, provider_b):
    ResidencePage.objects.filter(pk=provider_a.residence.pk).update(
        availability_confirmed_on=long_ago()
    )
    mail.outbox.clear()  # onboarding invited the editors

    call_command("remind_stale_availability")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redacteur-a@example.nl"]
    assert "klopt de beschikbaarheid" in message.subject
    assert "Huis A" in message.body
    assert "Huis B" not in message.body
    link = f"http://testserver/admin/beschikbaarheid/?aanbieder={provider_a.page.pk}&verouderd=1"
    assert link in message.body


def test_reminder_link_opens_the_update_screen_for_the_editor(client, provider_a):
    ResidencePage.objects.filter(pk=provider_a.residence.pk).update(
        availability_confirmed_on=long_ago()
    )
    mail.outbox.clear()  # onboarding invited the editors
    call_command("remind_stale_availability")
    link = next(line for line in mail.outbox[0].body.splitlines() if "beschikbaarheid/" in line)
    client.force_login(provider_a.editor)

    response = client.get(link.replace("http://testserver", ""))

    assert response.status_code == 200
    assert "Huis A" in response.content.decode()
