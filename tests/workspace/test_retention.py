"""Retention and the client's rights: archive after a year without activity, delete after two
(cron command), export everything as JSON, delete at once."""

import json
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.workspace.conftest import dementia_address
from workspace.models import Client, Note, Professional, SavedSearch, ShareLink, ShortlistItem


def make_client(professional, label, idle_days=0):
    return Client.objects.create(
        professional=Professional.objects.get(user=professional),
        label=label,
        last_activity_at=timezone.now() - timedelta(days=idle_days),
    )


def test_the_cron_command_archives_after_a_year_and_deletes_after_two(professional, capsys):
    active = make_client(professional, "A", idle_days=30)
    idle = make_client(professional, "B", idle_days=366)
    gone = make_client(professional, "C", idle_days=731)
    Note.objects.create(client=gone, text="weg")
    call_command("workspace_retention")
    assert "Archived 1 clients, deleted 1." in capsys.readouterr().out
    active.refresh_from_db()
    idle.refresh_from_db()
    assert active.archived_at is None
    assert idle.archived_at is not None
    assert not Client.objects.filter(pk=gone.pk).exists()
    assert not Note.objects.exists()


def test_an_archived_client_shows_as_archived_and_comes_back_when_used(signed_in, professional):
    idle = make_client(professional, "B", idle_days=400)
    call_command("workspace_retention")
    assert "gearchiveerd" in signed_in.get("/werkruimte/").content.decode()
    signed_in.post(f"/werkruimte/client/{idle.pk}/notitie/", {"text": "Weer contact gehad."})
    idle.refresh_from_db()
    assert idle.archived_at is None


def test_export_holds_everything_in_clear(signed_in, professional, dementia_homes):
    client = make_client(professional, "EX-1")
    base = f"/werkruimte/client/{client.pk}/"
    signed_in.post(base + "zoekopdracht/", {"name": "Dementie", "address": dementia_address()})
    signed_in.post(base + "bewaarlijst/toevoegen/", {"residence": dementia_homes[0].pk})
    signed_in.post(base + "notitie/", {"text": "Bellen na de vakantie, zegt zoon."})
    signed_in.post(base + "delen/")
    response = signed_in.get(base + "export/")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["label"] == "EX-1"
    assert data["saved_searches"][0]["name"] == "Dementie"
    assert "doelgroep=vv-pg" in data["saved_searches"][0]["query"]
    assert data["shortlist"][0]["residence_id"] == dementia_homes[0].pk
    assert data["notes"][0]["text"] == "Bellen na de vakantie, zegt zoon."
    assert len(data["share_links"]) == 1


def test_delete_at_once_removes_every_trace(signed_in, professional, dementia_homes):
    client = make_client(professional, "DEL-1")
    base = f"/werkruimte/client/{client.pk}/"
    signed_in.post(base + "zoekopdracht/", {"name": "Z", "address": dementia_address()})
    signed_in.post(base + "bewaarlijst/toevoegen/", {"residence": dementia_homes[0].pk})
    signed_in.post(base + "notitie/", {"text": "N"})
    signed_in.post(base + "delen/")
    assert "DEL-1 verwijderen?" in signed_in.get(base + "verwijderen/").content.decode()
    response = signed_in.post(base + "verwijderen/", follow=True)
    assert "alle gegevens zijn verwijderd" in response.content.decode()
    for model in (Client, SavedSearch, ShortlistItem, Note, ShareLink):
        assert not model.objects.exists()


def test_client_data_is_encrypted_at_rest(signed_in, professional, dementia_homes):
    signed_in.post("/werkruimte/", {"label": "GEHEIM-LABEL"})
    client = Client.objects.get()
    base = f"/werkruimte/client/{client.pk}/"
    signed_in.post(base + "zoekopdracht/", {"name": "GEHEIME-ZOEK", "address": dementia_address()})
    signed_in.post(base + "notitie/", {"text": "GEHEIME-NOTITIE"})
    with connection.cursor() as cursor:
        for table in ("workspace_client", "workspace_savedsearch", "workspace_note"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            stored = repr(cursor.fetchall())
            for secret in ("GEHEIM-LABEL", "GEHEIME-ZOEK", "GEHEIME-NOTITIE", "vv-pg"):
                assert secret not in stored, (table, secret)
    assert Client.objects.get().label == "GEHEIM-LABEL"


def test_a_key_rotation_reencrypts_client_data(professional, settings):
    from cryptography.fernet import Fernet

    client = make_client(professional, "ROT-1", idle_days=10)
    Note.objects.create(client=client, text="Oude sleutel")
    before = client.last_activity_at
    old_keys = list(settings.ENQUIRY_ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.ENQUIRY_ENCRYPTION_KEYS = [new_key, *old_keys]
    call_command("rotate_workspace_keys")
    settings.ENQUIRY_ENCRYPTION_KEYS = [new_key]
    client = Client.objects.get()
    assert client.label == "ROT-1"
    assert client.notes.get().text == "Oude sleutel"
    assert client.last_activity_at == before


def test_the_printable_overview_shows_everything_kept(signed_in, professional, dementia_homes):
    client = make_client(professional, "PR-1")
    base = f"/werkruimte/client/{client.pk}/"
    signed_in.post(base + "zoekopdracht/", {"name": "Dementie", "address": dementia_address()})
    signed_in.post(base + "bewaarlijst/toevoegen/", {"residence": dementia_homes[0].pk})
    signed_in.post(base + "notitie/", {"text": "Zoon belt terug."})
    page = signed_in.get(base + "overzicht/").content.decode()
    assert "Alle gegevens over PR-1" in page
    assert "Dementie" in page and "doelgroep=vv-pg" in page
    assert f"Woonlocatie {dementia_homes[0].pk}" in page
    assert "Zoon belt terug." in page
    assert "Print of bewaar als PDF" in page
