"""The import validates like the editor's form (issue 13, point 4): rich text reduced to the
field's features, the form's lengths, a file size limit before parsing, bounded memory, and
another provider's files refused; and nothing is written unless all of it is valid."""

import json
import re
import tracemalloc
from html.parser import HTMLParser

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.whitelist import check_url

from residences.importexport.importing import import_catalogue
from residences.models import ProviderPage, ResidencePage
from residences.models.pages import DESCRIPTION_MAX_LENGTH, RICH_TEXT_FEATURES
from residences.validators import sanitise_rich_text
from tests.residences.catalogues import catalogue, write

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Welkom<script>alert(1)</script></p>"
    '<p><img src="x" onerror="alert(2)">Tuin</p>'
    '<p onclick="alert(3)"><a href="javascript:alert(4)">klik</a> '
    '<a href=" JaVa&#x09;script:alert(5)">hier</a></p>'
    '<iframe src="https://kwaad.example"></iframe>'
    "<p><a href=\"https://maaskant.example.nl/kamers\">Onze kamers</a> en <b>tuin</b>.</p>"
)


def residence(external_id, **overrides):
    record = {
        "external_id": external_id,
        "name": f"Huize {external_id}",
        "street_address": "Coolsingel 40",
        "postcode": "3011 AD",
        "municipality": "Rotterdam",
        "place": "Rotterdam",
        "latitude": 51.9225,
        "longitude": 4.4792,
        "target_groups": ["vv-pg"],
        "places": 10,
        "free_places": 2,
    }
    record.update(overrides)
    return record


class Elements(HTMLParser):
    """Every element and attribute in stored rich text, as a browser's tokenizer sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_harmless(html: str) -> None:
    for tag, attrs in Elements(html).tags:
        assert tag not in {"script", "iframe", "style", "object", "img", "svg"}, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            if name in ("href", "src"):
                assert check_url(value or "") is not None, html
    assert "<!" not in html and "<?" not in html, html


def test_import_stores_only_what_the_editor_features_allow(tmp_path):
    call_command("import_catalogue", write(tmp_path, catalogue(
        residence("w-1", description=HOSTILE, day_in_the_life='<h2>Ochtend</h2><p>Koffie</p>'),
        description=HOSTILE,
    )))

    page = ResidencePage.objects.get(external_id="w-1")
    provider = ProviderPage.objects.get(external_id="aanbieder-1")
    for stored in (page.description, page.day_in_the_life, provider.description):
        assert_harmless(stored)
        assert "alert" not in stored and "javascript" not in stored.lower()
    assert page.live and provider.live
    assert '<a href="https://maaskant.example.nl/kamers">Onze kamers</a>' in page.description
    assert "<b>tuin</b>" in page.description
    assert "Welkom" in page.description and "Tuin" in page.description
    # The day in the life has no headings in its editor, so the import has none either.
    assert page.day_in_the_life == "Ochtend<p>Koffie</p>"
    assert page.get_latest_revision().content["description"] == page.description


def test_published_page_shows_no_hostile_markup(client, tmp_path):
    call_command("import_catalogue", write(tmp_path, catalogue(
        residence("w-1", description=HOSTILE)
    )))
    page = ResidencePage.objects.get(external_id="w-1")

    html = client.get(page.url).content.decode()

    assert "Onze kamers" in html
    assert "alert(" not in html and "javascript:" not in html.lower()
    assert "kwaad.example" not in html


def test_description_longer_than_the_form_allows_is_refused_naming_record_and_field(tmp_path):
    too_long = "<p>" + "a" * (DESCRIPTION_MAX_LENGTH + 1) + "</p>"
    report = import_catalogue(catalogue(residence("w-1"), residence("w-2", description=too_long)))

    assert [(error.record, error.field) for error in report.errors] == [
        ("woonlocatie 'w-2' (nr. 1.2)", "description")
    ]
    assert "niet meer dan 20000 tekens" in report.errors[0].message
    assert not ResidencePage.objects.exists()
    assert not ProviderPage.objects.exists()


def test_markup_far_past_the_limit_is_refused_before_parsing():
    # Only tags, no text: the text limit alone would let it through to the parser.
    huge = "<b></b>" * 100_000
    report = import_catalogue(catalogue(residence("w-1", description=huge)))

    assert [error.field for error in report.errors] == ["description"]
    assert "Deze tekst is te groot: 700000 tekens met opmaak" in report.errors[0].message


def test_file_past_the_size_limit_is_refused_unparsed(tmp_path, settings, capsys):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "groot.json"
    # Not even JSON: the refusal must come before any parsing.
    path.write_text("{" + "x" * 1024 * 1024, encoding="utf-8")

    with pytest.raises(CommandError, match="Er is niets opgeslagen"):
        call_command("import_catalogue", str(path))

    error = capsys.readouterr().err
    assert "bestand groot.json, veld '-': Het bestand is groter dan 1 MB" in error
    assert "JSON" not in error


def test_default_file_limit_is_twenty_megabytes():
    from residences.importexport.importing import max_file_bytes

    assert max_file_bytes() == 20 * 1024 * 1024


def test_memory_stays_bounded_for_a_large_valid_file(tmp_path):
    text = "Een rustig huis met een tuin en een eigen kamer voor iedereen. " * 300
    records = [
        residence(f"w-{number}", description=f"<p>{text[:DESCRIPTION_MAX_LENGTH - 10]}</p>")
        for number in range(40)
    ]
    path = write(tmp_path, catalogue(*records, description=f"<p>{text}</p>"))
    size = (tmp_path / "catalogus.json").stat().st_size
    assert size > 700_000

    tracemalloc.start()
    try:
        call_command("import_catalogue", path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert ResidencePage.objects.count() == 40
    # A handful of copies of the file (text, parsed records, validated pages, revisions),
    # not hundreds as when a 50 MB description reached the parser.
    assert peak < 40 * size, (peak, size)


def test_import_refuses_another_providers_image_in_rich_text(provider_a, provider_b):
    provider_a.page.external_id = "aanbieder-a"
    provider_a.page.save_revision().publish()
    own = f'<embed embedtype="image" id="{provider_a.image.pk}" format="left" alt="Tuin"/>'
    foreign = f'<p><a linktype="document" id="{provider_b.document.pk}">Verslag</a></p>'
    data = catalogue(
        residence("w-1", description=own), residence("w-2", description=foreign),
        external_id="aanbieder-a", name=provider_a.page.title,
    )

    report = import_catalogue(data)

    assert [(error.record, error.field) for error in report.errors] == [
        ("woonlocatie 'w-2' (nr. 1.2)", "description")
    ]
    assert f"Document {provider_b.document.pk} komt niet uit de eigen collectie" in (
        report.errors[0].message
    )
    assert not ResidencePage.objects.filter(external_id__in=["w-1", "w-2"]).exists()

    report = import_catalogue(catalogue(
        residence("w-1", description=own), external_id="aanbieder-a", name=provider_a.page.title,
    ))

    assert report.ok, [str(error) for error in report.errors]
    assert f'id="{provider_a.image.pk}"' in ResidencePage.objects.get(external_id="w-1").description


# The sanitiser, for any text --------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "<script>", "</script>", "<script src=//x>", "<iframe src=x>", "</iframe>", "<img src=x ",
    "onerror=alert(1)", " onclick=", "javascript:", "JaVaScRiPt:", "java\tscript:", "&#106;",
    "<a href=", '"', "'", ">", "<", "/>", "<p>", "</p>", "<b>", "<embed ", 'embedtype="image"',
    'id="1"', 'format="left"', "<a linktype=", '"document"', '"page"', "<!--", "-->",
    "<![CDATA[", "]]>", "<?", "<!DOCTYPE html>", "<svg onload=alert(1)>", "<style>", "data:",
    "<div>", "<h2>", "<ul><li>", "<math>", "<template>", "<noscript>", "&lt;", "&amp;", " ",
    "<object data=x>", "<a href=\"javascript:alert(1)\">", "\x00", "\u2028",
])
HTMLISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)


@hypothesis_settings(max_examples=400, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
])
@given(text=HTMLISH)
def test_stored_rich_text_never_contains_script_handlers_javascript_or_frames(text):
    for features in (RICH_TEXT_FEATURES, ["bold", "italic", "ol", "ul"]):
        stored = sanitise_rich_text(text, features)

        assert_harmless(stored)
        assert sanitise_rich_text(stored, features) == stored
        for embed in re.findall(r"<embed\b[^>]*>", stored):
            assert embed.endswith("/>") and 'embedtype="image"' in embed


def test_sanitiser_keeps_what_the_editor_stores(provider_a):
    """Draftail's own output passes unchanged, so the form and the import store alike."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    stored = (
        '<h2>Wonen</h2><p>Met <b>zorg</b>, l\'eau "zacht" &amp; <i>rust</i> en '
        '<a href="https://example.nl/?a=1&amp;b=2">een tuin</a>.</p><ul><li>Eigen kamer</li></ul>'
        f'<p><a linktype="page" id="{provider_a.residence.pk}">Huis</a> en '
        f'<a linktype="document" id="{provider_a.document.pk}">verslag</a></p>'
        f'<embed embedtype="image" id="{provider_a.image.pk}" format="left" alt="De tuin"/>'
    )
    from_editor = converter.to_database_format(converter.from_database_format(stored))

    assert sanitise_rich_text(from_editor, RICH_TEXT_FEATURES) == from_editor
    assert 'data-block-key="' in from_editor and f'id="{provider_a.image.pk}"' in from_editor


# The editor's form, the other write path ----------------------------------------------------


def contentstate(text, url=None):
    entity_ranges, entity_map = [], {}
    if url is not None:
        entity_ranges = [{"offset": 0, "length": len(text), "key": 0}]
        entity_map = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}}
    block = {
        "key": "abcde", "type": "unstyled", "text": text, "depth": 0,
        "inlineStyleRanges": [], "entityRanges": entity_ranges, "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": entity_map})


def post_description(client, editor, page, value):
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form").copy()
    data["description"] = value
    return client.post(url, data)


def test_editor_form_stores_no_javascript_link(client, provider_a):
    page = provider_a.residence

    response = post_description(
        client, provider_a.editor, page, contentstate("klik", "javascript:alert(1)")
    )

    assert response.status_code == 302
    stored = ResidencePage.objects.get(pk=page.pk).get_latest_revision_as_object().description
    assert "klik" in stored
    assert_harmless(stored)
    assert "javascript" not in stored.lower()


def test_editor_form_refuses_the_same_length_as_the_import(client, provider_a):
    page = provider_a.residence
    revisions = page.revisions.count()

    response = post_description(
        client, provider_a.editor, page, contentstate("a" * (DESCRIPTION_MAX_LENGTH + 1))
    )

    assert response.status_code == 200
    assert "niet meer dan 20000 tekens" in response.content.decode()
    assert page.revisions.count() == revisions
