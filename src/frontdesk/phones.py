"""Caller numbers: one notation (E.164) for every way a number is written, and withheld IDs."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

# What telephony passes when the caller withheld their number; a normal case, not an error.
WITHHELD_MARKERS = frozenset(
    {
        "",
        "anonymous",
        "restricted",
        "unknown",
        "private",
        "unavailable",
        "withheld",
        "none",
        "null",
        "anonym",
        "unbekannt",
        "+266696687",
        "+7378742833",
        "266696687",
        "7378742833",
    }
)


# Digits with the separators people and phone systems write; anything else is not a number.
_NOTATION = re.compile(r"^\+?[\d\s()./-]+$")
_MIN_NATIONAL_DIGITS = 5


@dataclass(frozen=True)
class CallerNumber:
    raw: str | None
    e164: str | None
    withheld: bool


def is_withheld(raw: str | None) -> bool:
    if raw is None:
        return True
    return raw.strip().lower() in WITHHELD_MARKERS


def normalise_phone(raw: str | None, region: str = "DE") -> str | None:
    """E.164 for a plausible number in any common notation, else None (never a fake string)."""
    if raw is None or is_withheld(raw):
        return None
    text = raw.strip().replace("(0)", "")
    if not _NOTATION.match(text):  # letters and the like: a marker or garbage, not a number
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    if len(phonenumbers.national_significant_number(parsed)) < _MIN_NATIONAL_DIGITS:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def caller_number(raw: str | None, region: str = "DE") -> CallerNumber:
    """Classify what the platform delivered as the caller's number."""
    withheld = is_withheld(raw)
    e164 = None if withheld else normalise_phone(raw, region)
    return CallerNumber(raw=raw, e164=e164, withheld=withheld or e164 is None)
