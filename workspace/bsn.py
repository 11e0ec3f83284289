"""Recognising a citizen service number (BSN) in free text, so a client label never holds one."""

from __future__ import annotations

import re

# Nine digits, possibly written in groups with spaces, dots or dashes (123.456.782).
_CANDIDATE = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){8}(?!\d)")


def passes_eleven_test(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    weights = range(9, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:8], weights, strict=True))
    return (total - int(digits[8])) % 11 == 0


def contains_bsn(text: str) -> bool:
    for candidate in _CANDIDATE.findall(text):
        digits = re.sub(r"\D", "", candidate)
        if passes_eleven_test(digits):
            return True
    return False
