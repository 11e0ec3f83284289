import pytest
from django.test import Client, override_settings
from django.urls import path
from django.views import defaults

pytestmark = pytest.mark.django_db


def crash(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("kapot/", crash)]


def test_unknown_address_gets_our_404_page_with_status_404(client, home_page):
    response = client.get("/bestaat-echt-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert '<section lang="en"' in html
    assert "Page not found" in html
    assert '<a href="/">Ga naar de startpagina</a>' in html
    assert 'class="site-header"' in html


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_gets_our_plain_500_page_with_status_500():
    client = Client(raise_request_exception=False)

    response = client.get("/kapot/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Something went wrong" in html
    assert '<a href="/">startpagina</a>' in html


def test_500_page_renders_without_the_database_or_context(rf, django_db_blocker):
    with django_db_blocker.block():
        response = defaults.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
