"""`{% asset %}` and `{% icon %}` (pages/templatetags/assets.py) give what `{% static %}` and the
icon include gave."""

from django.template import Context, Template


def render(source: str, **values) -> str:
    return Template(source).render(Context(values))


def test_asset_gives_the_url_static_gives():
    for name in ("css/woonvinder.css", "icons/sprite.svg", "js/woonvinder.js"):
        expected = render("{% load static %}{% static name %}", name=name)
        assert render("{% load assets %}{% asset name %}", name=name) == expected


def test_icon_tag_and_icon_include_give_the_same_markup():
    sprite = render("{% load static %}{% static 'icons/sprite.svg' %}")

    assert render('{% include "components/icon.html" with name="logo" %}') == (
        '<svg class="icon" aria-hidden="true" focusable="false">'
        f'<use href="{sprite}#logo"></use></svg>'
    )
    assert render('{% load assets %}{% icon "care" size="large" %}') == (
        '<svg class="icon icon--large" aria-hidden="true" focusable="false">'
        f'<use href="{sprite}#care"></use></svg>'
    )
    assert '#a&quot;b"' in render("{% load assets %}{% icon name %}", name='a"b')
