"""Whatever a visitor types into the site search, the page answers: never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["\x00", "wlz\x00", '"', "'", "wlz\"", "*", "-", "AND", "OR NOT", "(", "zorg)", "^", "NEAR("],
)
def test_site_search_answers_any_query(client, home_page, query):
    from pages.demo import create_demo_content

    create_demo_content(home_page)
    response = client.get("/zoeken-op-site/", {"q": query, "page": "abc"})
    assert response.status_code == 200
