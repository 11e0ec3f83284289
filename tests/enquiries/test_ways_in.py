"""The ways into a request: the residence page asks that residence; the shortlist and the
compare page ask the first three residences on them. Each link leads to the first question."""

import re

import pytest
from django.urls import reverse

from tests.factories import ResidencePageFactory

LINK = re.compile(r'href="(/aanvraag/\?residences=[0-9,]+)"')


def request_link(response) -> str:
    assert response.status_code == 200
    match = LINK.search(response.content.decode())
    assert match, "no 'Vraag een kennismaking aan' link"
    assert "Vraag een kennismaking aan" in response.content.decode()
    return match.group(1)


@pytest.mark.django_db
def test_the_residence_page_asks_that_residence(client, provider_a):
    link = request_link(client.get(provider_a.residence.url))
    assert link == f"/aanvraag/?residences={provider_a.residence.pk}"
    assert client.get(link)["Location"] == reverse("enquiries:step", args=["wie"])


@pytest.mark.django_db
def test_shortlist_and_compare_ask_the_first_three(client, provider_a, provider_b):
    extra = [ResidencePageFactory(parent=provider_b.page, title=f"Extra {n}") for n in range(2)]
    pages = [provider_a.residence, provider_b.residence, *extra]
    for page in pages:
        client.post(reverse("search:shortlist_add"), {"residence": page.pk})
    shortlist_link = request_link(client.get(reverse("search:shortlist")))
    asked = [int(pk) for pk in shortlist_link.split("=")[1].split(",")]
    assert len(asked) == 3 and set(asked) <= {page.pk for page in pages}

    query = "&".join(f"id={page.pk}" for page in pages[:2])
    compare_link = request_link(client.get(f"{reverse('search:compare')}?{query}"))
    assert compare_link == f"/aanvraag/?residences={pages[0].pk},{pages[1].pk}"
    check = client.get(compare_link, follow=True).content.decode()
    assert "Uw aanvraag gaat naar deze 2 woonlocaties:" in check


@pytest.mark.django_db
def test_a_list_longer_than_three_says_which_it_asks(client, provider_a, provider_b):
    from enquiries.services import MAX_RESIDENCES

    extra = [ResidencePageFactory(parent=provider_b.page, title=f"Extra {n}") for n in range(2)]
    for page in [provider_a.residence, provider_b.residence, *extra]:
        client.post(reverse("search:shortlist_add"), {"residence": page.pk})
    dutch = client.get(reverse("search:shortlist")).content.decode()
    assert f"Vraag een kennismaking aan (bij de eerste {MAX_RESIDENCES})" in dutch
    english = client.get("/en" + reverse("search:shortlist")).content.decode()
    assert f"(to the first {MAX_RESIDENCES})" in english
