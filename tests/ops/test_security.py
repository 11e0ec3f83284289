"""Limits: admin login throttling, request rate limits, upload sizes, rich text sanitising."""

import io
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from config import ratelimit
from tests.factories import DEFAULT_PASSWORD, home_page

# Admin login throttling ----------------------------------------------------------------------


@pytest.fixture
def axes_on(settings, empty_cache):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.mark.django_db
def test_the_fifth_bad_admin_login_locks_out_and_the_sixth_is_refused_in_dutch(
    client, axes_on, superuser
):
    bad = {"username": superuser.username, "password": "fout-wachtwoord"}
    for attempt in range(1, 5):
        response = client.post("/admin/login/", bad)
        assert response.status_code == 200, attempt
        assert response.context["form"].errors, attempt
    # django-axes counts the failure that reaches AXES_FAILURE_LIMIT and locks at once.
    assert client.post("/admin/login/", bad).status_code == 429
    sixth = client.post("/admin/login/", bad)
    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert "Er is te vaak een verkeerd wachtwoord ingevuld" in page
    assert "Probeer het over 60 minuten opnieuw." in page
    assert sixth["Retry-After"] == "3600"
    # The right password does not help while the lockout lasts.
    right = client.post(
        "/admin/login/", {"username": superuser.username, "password": DEFAULT_PASSWORD}
    )
    assert right.status_code == 429


@pytest.mark.django_db
def test_login_failures_are_logged_under_a_pseudonym(client, axes_on, superuser, caplog):
    client.post("/admin/login/", {"username": superuser.username, "password": "fout"})
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "AXES" in messages
    assert superuser.username not in messages
    assert "127.0.0.1" not in messages


# Request rate limits -------------------------------------------------------------------------

DAY = 24 * 3600


@pytest.fixture
def client():
    # The limiter answers before any view runs; whatever the search and questionnaire views
    # answer below the limit (they are built elsewhere) is not what these tests are about.
    return Client(raise_request_exception=False)


@pytest.fixture
def tight_limits(settings, empty_cache):
    # Windows of a day: no test's requests can straddle a window boundary and reset the count.
    settings.RATE_LIMITS = {"/zoeken/": (3, DAY), "/vragenlijst/bewaren": (2, DAY)}
    settings.TRUSTED_PROXY_IP_HEADER = ""
    return settings


@pytest.mark.django_db
def test_search_past_its_limit_answers_429_with_a_dutch_page(client, tight_limits):
    for _ in range(3):
        assert client.get("/zoeken/?plaats=Rotterdam").status_code != 429
    response = client.get("/zoeken/?plaats=Schiedam")
    assert response.status_code == 429
    assert "U heeft in korte tijd heel vaak gezocht" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= DAY
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_questionnaire_saves_have_their_own_tighter_limit(client, tight_limits):
    for _ in range(2):
        assert client.post("/vragenlijst/bewaren/").status_code != 429
    assert client.post("/vragenlijst/bewaren/").status_code == 429
    # Searching is counted separately and still allowed.
    assert client.get("/zoeken/").status_code != 429


@pytest.mark.django_db
def test_pages_outside_the_limited_prefixes_are_never_limited(client, tight_limits):
    for _ in range(10):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_each_client_address_has_its_own_count(client, tight_limits):
    for _ in range(3):
        client.get("/zoeken/", REMOTE_ADDR="198.51.100.1")
    assert client.get("/zoeken/", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get("/zoeken/", REMOTE_ADDR="198.51.100.2").status_code != 429


@pytest.mark.django_db
def test_a_forged_forwarding_header_does_not_escape_the_limit(client, tight_limits):
    for number in range(3):
        client.get("/zoeken/", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    assert client.get("/zoeken/", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


@pytest.mark.django_db
def test_behind_a_configured_proxy_the_forwarded_client_address_counts(client, tight_limits):
    tight_limits.TRUSTED_PROXY_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for _ in range(3):
        client.get("/zoeken/", HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.7")
    assert client.get("/zoeken/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert client.get("/zoeken/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code != 429


def test_the_window_is_fixed_and_a_new_window_starts_counting_again(rf, settings, empty_cache):
    limit = ratelimit.Limit("/zoeken/", 2, 60)
    request = rf.get("/zoeken/")
    start = 1_000_020.0  # 0 s into a 60-second window
    counts = [ratelimit.hit(request, limit, now=start + offset) for offset in (0, 10, 59)]
    assert counts == [1, 2, 3]
    assert ratelimit.hit(request, limit, now=start + 60) == 1
    assert ratelimit.retry_after(limit, now=start + 45) == 15


def test_the_cache_key_holds_no_client_address(rf, settings, empty_cache):
    request = rf.get("/zoeken/", REMOTE_ADDR="203.0.113.9")
    ratelimit.hit(request, ratelimit.Limit("/zoeken/", 5, 60))
    keys = list(empty_cache._cache.keys())
    assert keys and not any("203.0.113.9" in key for key in keys)


def test_limits_match_the_most_specific_prefix_and_ignore_a_language_prefix(settings):
    settings.RATE_LIMITS = {"/zoeken/": (120, 60), "/zoeken/vergelijk/": (30, 60)}
    assert ratelimit.limit_for_path("/zoeken/vergelijk/").requests == 30
    assert ratelimit.limit_for_path("/en/zoeken/").requests == 120
    assert ratelimit.limit_for_path("/over-ons/") is None


# Upload limits -------------------------------------------------------------------------------


def noisy_png(side: int) -> bytes:
    """A PNG that does not compress: random pixels, about 3 bytes per pixel."""
    image = PillowImage.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_image_over_the_upload_limit_is_refused_with_a_message(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024
    content = noisy_png(100)
    assert len(content) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Te grote foto",
            "description": "Tuin van de woonvorm",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("groot.png", content, content_type="image/png"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("te groot" in str(error) for error in errors), errors
    assert not Image.objects.filter(title="Te grote foto").exists()


@pytest.mark.django_db
def test_a_document_over_the_upload_limit_is_refused_with_a_message(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Te grote folder",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("folder.txt", b"x" * 4096, content_type="text/plain"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("te groot" in str(error) for error in errors), errors
    assert not Document.objects.filter(title="Te grote folder").exists()


def test_the_configured_upload_limits_are_ten_megabytes():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


# Rich text sanitising ------------------------------------------------------------------------


def home_page_form(page, how_it_works) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "how_it_works": how_it_works,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def contentstate(text: str) -> str:
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )


@pytest.mark.django_db
def test_script_typed_into_rich_text_in_the_admin_is_shown_as_text_not_run(admin_client, client):
    page = home_page()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        home_page_form(page, contentstate('Welkom <script>alert("x")</script>')),
    )
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    assert "<script>" not in page.how_it_works
    html = client.get("/").content.decode()
    assert "&lt;script&gt;alert" in html
    assert '<script>alert("x")</script>' not in html


@pytest.mark.django_db
def test_pasted_html_with_script_and_event_handlers_is_reduced_to_the_whitelist(
    admin_client, client
):
    page = home_page()
    pasted = (
        '<p onclick="steal()">Zo werkt het <b>echt</b></p>'
        '<script>alert("x")</script><iframe src="https://evil.example"></iframe>'
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        home_page_form(page, rich_text(pasted)),
    )
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    stored = page.how_it_works
    assert "Zo werkt het <b>echt</b>" in stored
    # The whitelist keeps the text of a dropped element, never the element itself.
    for forbidden in ("<script", "onclick", "<iframe", "evil.example"):
        assert forbidden not in stored
    html = client.get("/").content.decode()
    assert "steal()" not in html and "evil.example" not in html
    assert '<script>alert("x")' not in html
