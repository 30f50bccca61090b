"""Pure normalisation of what callers say and what customer records hold.

Names are compared only in their folded form (umlauts spelled out, foreign letters folded,
salutations and titles removed), because speech recognition writes "Mueller" as often as
"Müller", and registered names sometimes lack their Turkish or Polish letters."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import cologne_phonetics

from frontdesk.identity.birthdates import parse_birth_date

__all__ = [
    "ParsedName",
    "cologne_keys",
    "compact",
    "fold",
    "normalise_email",
    "normalise_name",
    "parse_birth_date",
    "split_name",
]

# Letters NFKD does not decompose into base + mark (or that German spells out).
_LETTERS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "oe",
        "ı": "i",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
    }
)
_SALUTATIONS = frozenset({"herr", "herrn", "frau", "fraeulein", "hr", "fr", "mr", "mrs", "ms"})
_TITLES = frozenset(
    {
        "dr",
        "prof",
        "professor",
        "doktor",
        "med",
        "dent",
        "rer",
        "nat",
        "phil",
        "dipl",
        "ing",
        "mag",
        "jur",
        "habil",
    }
)
_NON_LETTER = re.compile(r"[^a-z]+")


def fold(text: str) -> str:
    """Lower-case ASCII letters, single spaces: 'Müller-Lüdenscheidt' -> 'mueller luedenscheidt'."""
    text = unicodedata.normalize("NFC", text).lower().translate(_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NON_LETTER.sub(" ", text.translate(_LETTERS)).split())


def _strip_prefixes(tokens: list[str]) -> list[str]:
    """Drop salutations and academic titles wherever they stand ("Herr Dr. med. Weber")."""
    return [t for t in tokens if t not in _SALUTATIONS and t not in _TITLES]


def normalise_name(text: str | None) -> str | None:
    """A name part in comparable form, or None when nothing name-like is left."""
    if not text:
        return None
    tokens = _strip_prefixes(fold(text).split())
    return " ".join(tokens) or None


def compact(norm: str) -> str:
    """Without spaces: double names compare as one string ('mueller luedenscheidt')."""
    return norm.replace(" ", "")


@dataclass(frozen=True)
class ParsedName:
    first_norm: str | None
    last_norm: str | None


def split_name(raw: str | None) -> ParsedName:
    """First and last name of a spoken full name.

    One word is taken as the surname (callers say "Herr Schneider", rarely a bare first name);
    "Schneider, Anna" puts the surname first; otherwise the last word is the surname, keeping a
    hyphenated double surname whole."""
    if not raw or not raw.strip():
        return ParsedName(None, None)
    if "," in raw:
        surname, _, given = raw.partition(",")
        return ParsedName(normalise_name(given), normalise_name(surname))
    words = [w for w in raw.split() if normalise_name(w)]
    if not words:
        return ParsedName(None, None)
    first = normalise_name(" ".join(words[:-1])) if len(words) > 1 else None
    return ParsedName(first, normalise_name(words[-1]))


def _swap_ending(word: str) -> str:
    """The '-er' <-> '-a' swap speech recognition makes (Schreiber/Schreiba, Werner/Werna)."""
    if word.endswith("er") and len(word) > 3:
        return word[:-2] + "a"
    if word.endswith("a") and len(word) > 2:
        return word[:-1] + "er"
    return word


def _encode(word: str) -> str:
    return "".join(code for _, code in cologne_phonetics.encode(word)) if word else ""


@lru_cache(maxsize=65536)
def cologne_keys(last_norm: str | None) -> tuple[str | None, str | None]:
    """Kölner Phonetik of the surname and of its -er/-a swapped form (candidate keys only)."""
    if not last_norm:
        return None, None
    word = compact(last_norm)
    return _encode(word) or None, _encode(_swap_ending(word)) or None


_EMAIL_WORDS = (
    (re.compile(r"\s*\b(?:klammeraffe|at-zeichen|at zeichen|ät|at)\b\s*"), "@"),
    (re.compile(r"\s*\b(?:punkt|dot)\b\s*"), "."),
    (re.compile(r"\s*\b(?:minus|bindestrich|strich)\b\s*"), "-"),
    (re.compile(r"\s*\b(?:unterstrich|underscore)\b\s*"), "_"),
)
_EMAIL_RE = re.compile(r"^[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}$")


def normalise_email(raw: str | None) -> str | None:
    """A lower-case address from a typed or spoken form ('max punkt müller at web punkt de')."""
    if not raw:
        return None
    text = unicodedata.normalize("NFC", raw).strip().lower().translate(_LETTERS)
    if "@" not in text:
        for pattern, symbol in _EMAIL_WORDS:
            text = pattern.sub(symbol, text)
    else:
        text = re.sub(r"\s*\b(?:punkt|dot)\b\s*", ".", text) if " punkt " in text else text
    text = "".join(text.split()).strip(".")
    return text if _EMAIL_RE.match(text) else None
