"""`{% icon %}` (pages/templatetags/assets.py): an icon from the sprite `{% static %}` serves."""

from django.template import Context, Template


def render(source: str, **values) -> str:
    return Template(source).render(Context(values))


def test_icon_tag_and_icon_include_point_at_the_sprite_static_serves():
    sprite = render("{% load static %}{% static 'icons/sprite.svg' %}")

    assert render('{% include "components/icon.html" with name="logo" %}') == (
        '<svg class="icon" aria-hidden="true" focusable="false">'
        f'<use href="{sprite}#logo"></use></svg>'
    )
    assert render('{% load assets %}{% icon "care" size="large" %}') == (
        '<svg class="icon icon--large" aria-hidden="true" focusable="false">'
        f'<use href="{sprite}#care"></use></svg>'
    )


def test_icon_names_are_escaped():
    assert '#a&quot;b"' in render("{% load assets %}{% icon name %}", name='a"b')
