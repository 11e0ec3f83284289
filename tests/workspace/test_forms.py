"""Client labels, notes and saved searches: BSNs refused in Dutch, and no 500 under a fuzz."""

import random

import pytest

from workspace import bsn
from workspace.models import Client, Note


@pytest.mark.parametrize(
    "text", ["111222333", "123456782", "1234 56 782", "123.456.782", "cliënt 111222333 Rotterdam"]
)
def test_a_bsn_shaped_number_is_refused_with_a_dutch_error(signed_in, text):
    response = signed_in.post("/werkruimte/", {"label": text[:30]})
    page = response.content.decode()
    assert "Dit lijkt op een BSN" in page
    assert "Er is een probleem" in page
    assert not Client.objects.exists()


@pytest.mark.parametrize("text", ["123456789", "JdV-12", "2024-0042", "12345678"])
def test_numbers_that_fail_the_eleven_test_are_labels(signed_in, text):
    response = signed_in.post("/werkruimte/", {"label": text})
    assert response.status_code == 302
    assert Client.objects.get().label == text


def test_the_form_warns_against_names_and_bsn(signed_in):
    page = signed_in.get("/werkruimte/").content.decode()
    assert "Vul geen volledige naam en geen BSN in." in page


def test_a_note_with_a_bsn_is_refused(signed_in, professional):
    from workspace.models import Professional

    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="AB"
    )
    response = signed_in.post(
        f"/werkruimte/client/{client.pk}/notitie/", {"text": "BSN is 111222333"}
    )
    assert response.status_code == 400
    assert "Dit lijkt op een BSN" in response.content.decode()
    assert not Note.objects.exists()


def test_the_eleven_test():
    assert bsn.passes_eleven_test("111222333")
    assert not bsn.passes_eleven_test("111222334")
    assert not bsn.passes_eleven_test("000000000")
    assert not bsn.contains_bsn("1112223330")


def random_text(generator: random.Random) -> str:
    pieces = []
    for _index in range(generator.randint(0, 40)):
        kind = generator.random()
        if kind < 0.2:
            pieces.append(chr(generator.randint(0, 0x1F)))
        elif kind < 0.4:
            pieces.append(chr(generator.randint(0xD800, 0xDFFF)))
        elif kind < 0.6:
            pieces.append(chr(generator.randint(0x1F300, 0x1FAFF)))
        elif kind < 0.8:
            pieces.append(chr(generator.randint(0x0600, 0x06FF)))
        else:
            pieces.append(chr(generator.randint(0x20, 0x2FFF)))
    if generator.random() < 0.1:
        pieces.append("x" * generator.randint(1000, 5000))
    return "".join(pieces)


def test_no_form_answers_with_a_500_under_a_unicode_fuzz(signed_in, professional, dementia_homes):
    from workspace.models import Professional

    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="AB"
    )
    base = f"/werkruimte/client/{client.pk}/"
    generator = random.Random(18)
    for _round in range(60):
        text = random_text(generator)
        text_bytes = text.encode("utf-8", "surrogatepass")
        for url, field in (
            ("/werkruimte/", "label"),
            (base + "notitie/", "text"),
            (base + "zoekopdracht/", "name"),
            (base + "zoekopdracht/", "address"),
            (base + "bewaarlijst/toevoegen/", "residence"),
            ("/werkruimte/inloggen/code/", "token"),
        ):
            data = {"name": "Zoek", "address": "doelgroep=vv-pg", field: text_bytes}
            response = signed_in.post(url, data)
            assert response.status_code < 500, (url, field, text)
        response = signed_in.get(f"/werkruimte/gedeeld/{text_bytes.hex()}/")
        assert response.status_code == 404
    # Whatever was stored reads back and renders.
    assert signed_in.get(base).status_code == 200
    assert signed_in.get("/werkruimte/").status_code == 200
