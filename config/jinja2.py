"""The Jinja2 environment of the hottest templates: the result cards and the parts they share
with the residence, compare and shortlist pages (search/jinja2/). Django's templates render
everything else; `{% include_jinja %}` (search_tags) includes these from them.

Twenty cards cost about 10 ms of CPU as Django templates and a tenth of that here
(benchmarks/RESULTS.md, 2026-12-05). The helpers are Django's own, so a card reads as the
Django templates did: Django's translations (the same msgids, "%(name)s" placeholders),
`date` and `floatformat` with the active language's formats, `url` is `reverse`.
"""

from django.template.defaultfilters import date, floatformat
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment


def environment(**options) -> Environment:
    from search.templatetags.search_tags import availability_tag  # the one home of the tag

    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(url=reverse, static=static, get_language=translation.get_language)
    env.filters.update(date=date, floatformat=floatformat, availability_tag=availability_tag)
    return env
