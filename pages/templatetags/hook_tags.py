"""`{% hook_html "woonvinder_residence_actions" residence=page %}`: what the apps built on top of
a page add to it, through Wagtail's hooks.

The catalogue's and the search's templates name a place, never the app that fills it: the
requests app adds "Vraag een kennismaking aan", the workspace "Bewaar voor een cliënt". Each hook
is called as `hook(request, **values)` and returns HTML rendered from its own template (or "").
The places:

- `woonvinder_residence_actions`: below a residence's own buttons (`residence`);
- `woonvinder_results_actions`: beside the sort form of a results page (`criteria`);
- `woonvinder_residence_list_actions`: on the shortlist and the comparison (`residence_ids`).

Per visitor: never call this inside a `{% cache %}` fragment.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def hook_html(context, hook_name: str, **values):
    request = context.get("request")
    parts = (hook(request, **values) for hook in hooks.get_hooks(hook_name))
    return mark_safe("".join(conditional_escape(part) for part in parts if part))
