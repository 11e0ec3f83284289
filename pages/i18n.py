"""Pages in more than one language.

Editorial pages (home, content pages) are translated by editors in Wagtail's admin (simple
translation copies a page into the English tree with the same slug). A provider's and a
residence's pages are not translated: they are served under every language's prefix, in the
visitor's language, with their own text marked as Dutch by their templates.
"""

from django.conf import settings
from django.utils import translation

from pages.navigation import in_active_language, language_mark


class ServedInEveryLanguage:
    """Wagtail gives a page the address of its own language only, which would send an English
    visitor of a Dutch-only page back to the Dutch site. This page's address follows the
    visitor's language instead ("/en/..." in English); the English home page finds it below
    the Dutch home (HomePage.route)."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request=request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, in_active_language(page_path)


def editor_text(dutch: str, english: str = "") -> tuple[str, str]:
    """A text an editor wrote (a setting, a menu label) as the visitor's language shows it, and
    the language it is in when that is not the visitor's ("nl"), for a `lang` attribute
    (WCAG 3.1.2).

    In Dutch: the text. In English: the editor's own English text when they wrote one, else the
    site's catalogue (it translates the texts the site ships with), else the Dutch text, marked.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    if not dutch or language == settings.LANGUAGE_CODE:
        return dutch, ""
    if english:
        return english, ""
    shown = translation.gettext(dutch)
    return shown, language_mark(settings.LANGUAGE_CODE) if shown == dutch else ""
