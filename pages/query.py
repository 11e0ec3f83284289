"""Reading a value from a query string, the same way for every form on the site (the results'
filters, the questionnaire's addresses, the site search): control characters removed, spaces
trimmed. The site shell is the lowest app, so every other app can use it."""

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_value(value: str) -> str:
    """A query-string value as the parsers read it: control characters removed, spaces trimmed."""
    return CONTROL_CHARACTERS.sub("", value).strip()
