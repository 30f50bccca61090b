"""Graded field comparisons: each pair of values falls into one level per field.

The levels are what the Fellegi-Sunter weights are estimated for (`estimation.py`), so a level
exists only where its share of true and false pairs differs: a birth date one digit off, with
day and month swapped, or ten years off is a keying or hearing slip of the same person far more
often than a stranger's date, and each gets its own weight instead of a hard yes or no.
"""

from __future__ import annotations

from datetime import date

from rapidfuzz.distance import OSA, JaroWinkler

from frontdesk.identity.nicknames import is_short_form
from frontdesk.identity.normalise import cologne_keys, compact

EXACT, CLOSE, SHORT, PART, MISMATCH = "exact", "close", "short", "part", "mismatch"
MISSING = "missing"
# Birth-date levels below exact, in the order they are tested.
SWAPPED, DECADE, DIGIT = "swapped", "decade", "digit"
LOCAL = "local"  # an e-mail address with the same local part (or one slip off) at another host

FIELDS = ("surname", "first_name", "birth_date", "phone", "email")
LEVELS: dict[str, tuple[str, ...]] = {
    "surname": (EXACT, PART, CLOSE, MISMATCH),
    "first_name": (EXACT, SHORT, CLOSE, MISMATCH),
    "birth_date": (EXACT, SWAPPED, DECADE, DIGIT, MISMATCH),
    "phone": (EXACT, MISMATCH),
    "email": (EXACT, LOCAL, MISMATCH),
}
_GENDER_ENDINGS = ("a", "e", "ne", "na", "ine")
# "dreizehn" / "dreissig": a day heard as its -zehn or -zig twin (13th and 30th).
_SPOKEN_TWINS = {(13, 30), (30, 13)}


def _gender_pair(a: str, b: str) -> bool:
    """Jan/Jana, Christian/Christiane, Alexander/Alexandra: different people, not slips."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short) :] in _GENDER_ENDINGS:
        return True
    stem = min(len(a), len(b)) - 2
    return stem >= 4 and a[:stem] == b[:stem] and (a[-1] in "ae") != (b[-1] in "ae")


def similar(a: str, b: str) -> bool:
    """One slip (insertion, deletion, substitution, transposition) or a near spelling."""
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return OSA.distance(a, b) <= limit or JaroWinkler.similarity(a, b) >= 0.92


def surname_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    q, s = compact(query), compact(stored)
    if q == s:
        return EXACT
    # A double surname given in part ("Müller" for "Müller-Lüdenscheidt"): its own level, since
    # it is far rarer by chance than a one-letter slip between two common names.
    if set(query.split()) & set(stored.split()):
        return PART
    if similar(q, s):
        return CLOSE
    q_keys, s_keys = set(cologne_keys(query)) - {None}, set(cologne_keys(stored)) - {None}
    # Same sound (Meier/Meyer, Beyer/Baier): a spelling the recogniser picked, not a new name.
    if q_keys & s_keys and JaroWinkler.similarity(q, s) >= 0.7:
        return CLOSE
    return MISMATCH


def first_name_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    q, s = compact(query), compact(stored)
    if q == s:
        return EXACT
    q_parts, s_parts = query.split(), stored.split()
    if q_parts[0] == s_parts[0] or is_short_form(q_parts[0], s_parts[0]):
        return SHORT
    if _gender_pair(q, s):
        return MISMATCH
    if len(min(q, s, key=len)) >= 3 and (s.startswith(q) or q.startswith(s)):
        return SHORT
    return CLOSE if similar(q, s) else MISMATCH


def birth_level(query: date | None, stored: date | None) -> str:
    if query is None or stored is None:
        return MISSING
    if query == stored:
        return EXACT
    if query.year == stored.year and (query.month, query.day) == (stored.day, stored.month):
        return SWAPPED
    same_day = (query.month, query.day) == (stored.month, stored.day)
    if same_day and abs(query.year - stored.year) == 10:
        return DECADE
    a, b = query.strftime("%Y%m%d"), stored.strftime("%Y%m%d")
    heard_twin = (query.day, stored.day) in _SPOKEN_TWINS and a[:6] == b[:6]
    return DIGIT if heard_twin or OSA.distance(a, b) <= 1 else MISMATCH


def email_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    if query == stored:
        return EXACT
    q_local, s_local = query.partition("@")[0], stored.partition("@")[0]
    # The local part is the personal bit; the host is often misheard or out of date.
    if len(q_local) >= 4 and OSA.distance(q_local, s_local) <= 1:
        return LOCAL
    return MISMATCH


def equal_level(query: str | None, stored: str | None) -> str:
    if not query or not stored:
        return MISSING
    return EXACT if query == stored else MISMATCH
