"""The application uses Django's and Wagtail's public API only: nothing that a minor upgrade may
change without notice (private attributes, the CSRF middleware's internal request flag)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPLICATION = (
    "config", "pages", "residences", "search", "questionnaire", "enquiries", "workspace",
)

# `x._name` (after a name, a call or an index) and `getattr(x, "_name")`, except on the code's own
# object (`self._name`, `cls._name`). Allowed: Model._meta, _default_manager and _base_manager,
# which Django documents as public, and elasticsearch-dsl's Document._index, which its guide uses.
PRIVATE_ATTRIBUTE = re.compile(
    r"[\w)\]](?<!\bself)(?<!\bcls)\._(?!_)(?!(?:meta|default_manager|base_manager|index)\b)\w"
    r"|(?:get|set|has|del)attr\(\s*(?!self\b|cls\b)[\w.]+,\s*[\"']_(?!_)"
)


def application_lines():
    for folder in APPLICATION:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                yield f"{path.relative_to(ROOT)}:{number}: {line.strip()}", line


def test_no_code_reads_the_csrf_middlewares_internal_flag():
    hits = [where for where, line in application_lines() if "CSRF_COOKIE_NEEDS_UPDATE" in line]

    assert hits == []


def test_no_code_reads_the_connections_undocumented_transaction_state():
    # transaction.on_commit and transaction.get_autocommit are the documented way in.
    undocumented = ("run_on_commit", "in_atomic_block", "savepoint_ids")
    hits = [where for where, line in application_lines() if any(n in line for n in undocumented)]

    assert hits == []


def test_no_code_reaches_into_private_attributes_of_other_objects():
    hits = [where for where, line in application_lines() if PRIVATE_ATTRIBUTE.search(line)]

    assert hits == []


def test_the_check_finds_private_access_and_leaves_public_access_alone():
    for private in (
        "request._cached_user",
        "Page._get_path(a, b, c)",
        "qs._raw_delete(alias)",
        'getattr(request, "_content_version", None)',
        "super()._helper()",
        "Page._base_manager.filter(pk=1)._raw_delete(alias)",
        "self.page._cache",
        "items[0]._x",
    ):
        assert PRIVATE_ATTRIBUTE.search(private), private
    for public in (
        "self._values",
        "cls._registry",
        "Model._meta.get_field('x')",
        "Page._default_manager",
        "value.__class__",
        "foo_bar._",
        "_local['x']",
    ):
        assert not PRIVATE_ATTRIBUTE.search(public), public
