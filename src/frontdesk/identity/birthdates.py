"""Birth dates as German callers say them: '12.03.1984', '12.3.84', '12. März 1984',
'1984-03-12', 'zwölfter dritter vierundachtzig'. Future or implausible dates give None."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "januar": 1,
    "jan": 1,
    "jaenner": 1,
    "februar": 2,
    "feb": 2,
    "maerz": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
_UNITS = {
    "null": 0,
    "ein": 1,
    "eins": 1,
    "eine": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwoelf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fuenfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
}
_TENS = {
    "zwanzig": 20,
    "dreissig": 30,
    "vierzig": 40,
    "fuenfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}
# Ordinals differ from cardinals in a few stems ("erster", "dritter", "siebter", "achter").
_ORDINAL_STEMS = {"er": "eins", "ers": "eins", "drit": "drei", "sieb": "sieben", "ach": "acht"}
_MAX_AGE_YEARS = 120
_NUMERIC = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII),  # ISO
    re.compile(r"^(\d{1,2})[./ ]\s*(\d{1,2})[./ ]\s*(\d{2}|\d{4})$", re.ASCII),  # German day first
)


def _fold(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return text.replace("ß", "ss")


def _number_word(word: str) -> int | None:
    """0..99 from one German number word, cardinal or ordinal ('vierundachtzigsten' -> 84)."""
    word = (
        re.sub(r"(?:sten|ste|ster|stes|ten|te|ter|tes|en|er)$", "", word)
        if not (word in _UNITS or word in _TENS)
        else word
    )
    word = _ORDINAL_STEMS.get(word, word)
    if word in _UNITS:
        return _UNITS[word]
    for tens_word, tens in _TENS.items():
        if word == tens_word or word == tens_word[:-1]:
            return tens
        if word.endswith("und" + tens_word):
            unit = _UNITS.get(
                _ORDINAL_STEMS.get(word[: -len("und" + tens_word)], word[: -len("und" + tens_word)])
            )
            return tens + unit if unit is not None and unit < 10 else None
    return None


def _year_word(word: str) -> int | None:
    """'neunzehnhundertvierundachtzig', 'zweitausendfuenf', or a two-digit 'vierundachtzig'."""
    if "hundert" in word:
        head, _, tail = word.partition("hundert")
        century = _number_word(head)
        rest = _number_word(tail) if tail else 0
        return century * 100 + rest if century is not None and rest is not None else None
    if word.startswith("zweitausend"):
        tail = word[len("zweitausend") :].removeprefix("und")
        rest = _number_word(tail) if tail else 0
        return 2000 + rest if rest is not None else None
    return _number_word(word)


def _full_year(year: int, today: date) -> int:
    """A two-digit year: the most recent past century that makes it a birth year."""
    if year >= 100:
        return year
    candidate = 2000 + year
    return candidate if candidate <= today.year else 1900 + year


def _plausible(year: int, month: int, day: int, today: date) -> date | None:
    try:
        born = date(_full_year(year, today), month, day)
    except ValueError:
        return None
    if born > today or today.year - born.year > _MAX_AGE_YEARS:
        return None
    return born


def _from_words(text: str, today: date) -> date | None:
    tokens = [t for t in re.split(r"[\s.,/]+", text) if t and t not in {"der", "den", "am", "im"}]
    if len(tokens) != 3:
        return None
    day = int(tokens[0]) if tokens[0].isdecimal() else _number_word(tokens[0])
    month = _MONTHS.get(tokens[1])
    if month is None:
        month = int(tokens[1]) if tokens[1].isdecimal() else _number_word(tokens[1])
    year = int(tokens[2]) if tokens[2].isdecimal() else _year_word(tokens[2])
    if day is None or month is None or year is None:
        return None
    return _plausible(year, month, day, today)


def parse_birth_date(raw: str | None, *, today: date | None = None) -> date | None:
    """The date a caller gave as their birth date, or None if it is not a plausible one."""
    if not raw or not raw.strip():
        return None
    today = today or date.today()
    text = _fold(raw.strip()).removesuffix(".")
    iso = _NUMERIC[0].match(text)
    if iso:
        return _plausible(int(iso[1]), int(iso[2]), int(iso[3]), today)
    german = _NUMERIC[1].match(text)
    if german:
        return _plausible(int(german[3]), int(german[2]), int(german[1]), today)
    return _from_words(text, today)
