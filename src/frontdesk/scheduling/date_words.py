"""Lexicon and normalisation for spoken German date and time phrases.

`normalize` turns a transcript into one lower-case string of space-separated tokens in which
number words are digits ("vierzehn" -> "14"), ordinal words are digits with a dot ("fünften" ->
"5."), and punctuation is reduced to "," (pause) and "." (sentence end). Everything downstream
matches regexes against that string.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

WEEKDAYS: Final[dict[str, int]] = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
}
WEEKDAY_NAMES: Final = (
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
)
MONTHS: Final[dict[str, int]] = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "feber": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
MONTH_NAMES: Final = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)

WEEKDAY_RE: Final = "(?:" + "|".join(WEEKDAYS) + ")"
MONTH_RE: Final = "(?:" + "|".join(MONTHS) + ")"

_UNITS: Final[dict[str, int]] = {
    "ein": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
}
_SMALL: Final[dict[str, int]] = {
    "null": 0,
    "eins": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
}
_TENS: Final[dict[str, int]] = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50}
# Ordinal stems that are not simply "<cardinal>t".
_ORDINAL_IRREGULAR: Final[dict[str, int]] = {
    "erst": 1,
    "zweit": 2,
    "dritt": 3,
    "siebt": 7,
    "siebent": 7,
    "acht": 8,
}
_ORDINAL_SUFFIXES: Final = ("en", "er", "es", "em", "e")

_COMPOUND_RE: Final = re.compile(r"^(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(\w+)$")
_THOUSAND_RE: Final = re.compile(r"^zweitausend(?:und)?(\w*)$")
# "Mittwochnachmittag" -> "mittwoch nachmittag", so weekday and daypart are separate tokens.
_WEEKDAY_COMPOUND_RE: Final = re.compile(
    rf"\b({WEEKDAY_RE})s?(vormittag|nachmittag|morgen|mittag|abend|früh|nacht)(s?)\b"
)
_DIGIT_ORDINAL_RE: Final = re.compile(r"\b([0-9]{1,2})(?:ste[nmrs]?|te[nmrs]?|ste|te)\b")
_ABBREVIATIONS: Final = (
    ("ca.", "ca"),
    ("bzw.", "bzw"),
    ("dr.", "dr"),
    ("nr.", "nr"),
    ("str.", "str"),
    ("z.b.", "zb"),
    ("evtl.", "evtl"),
    ("usw.", "usw"),
)
_PAUSE_RE: Final = re.compile(r"[,;()\"„“”«»–—…/]|(?<!\d):|:(?!\d)|(?<!\d)-|-(?!\d)")
_STOP_RE: Final = re.compile(r"[?!]|(?<!\d)\.")
_SPACE_RE: Final = re.compile(r"\s+")
# Staff or customer names that happen to be calendar words ("Frau Montag", "Herrn Freitag").
_NAME_RE: Final = re.compile(
    r"\b(?:[Ff]rau|[Hh]errn?|[Ff]räulein|[Ff]amilie|[Kk]ollegin|[Kk]ollegen?|[Dd]oktor|[Dd]r\.?)"
    r"(?:\s+(?:[Dd]oktor|[Dd]r\.?|[Mm]ed\.?|[Pp]rof\.?))*"
    r"\s+(?!(?:am|um|an|im|in|den|der|die|das|dem|zu|zum|ab|bis|für)\b)[A-ZÄÖÜ][\wäöüß-]*"
)


def cardinal(word: str) -> int | None:
    """Value of a German cardinal word up to 99, or 2000-2099 for spoken years."""
    if word in _SMALL:
        return _SMALL[word]
    match = _COMPOUND_RE.match(word)
    if match and match.group(2) in _TENS:
        return _UNITS[match.group(1)] + _TENS[match.group(2)]
    match = _THOUSAND_RE.match(word)
    if match:
        rest = match.group(1)
        if not rest:
            return 2000
        value = cardinal(rest)
        if value is not None and 0 < value < 100:
            return 2000 + value
    return None


def ordinal(word: str) -> int | None:
    """Day number (1-31) of an inflected ordinal word such as "fünften" or "Zwölfte"."""
    for suffix in _ORDINAL_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            break
    else:
        return None
    value: int | None
    if stem in _ORDINAL_IRREGULAR:
        value = _ORDINAL_IRREGULAR[stem]
    elif stem.endswith("st") and (value := cardinal(stem[:-2])) is not None and value >= 20:
        pass
    elif stem.endswith("t"):
        value = cardinal(stem[:-1])
        if value is not None and not 4 <= value <= 19:
            value = None
    else:
        value = None
    if value is None or not 1 <= value <= 31:
        return None
    return value


def mask_names(text: str) -> str:
    """Replace titled person names by a neutral token before anything reads calendar words."""
    return _NAME_RE.sub(" person ", text)


def _convert(token: str, following: str) -> str:
    if not token.isalpha():
        return token
    if token == "ein" and following == "uhr":
        return "1"
    if token not in ("ein", "eine"):
        value = cardinal(token)
        if value is not None:
            return str(value)
    day = ordinal(token)
    if day is not None:
        return f"{day}."
    return token


def normalize(text: str) -> str:
    """Lower-case token string with digits for number words; see the module docstring."""
    text = unicodedata.normalize("NFC", mask_names(text)).lower()
    for abbreviation, plain in _ABBREVIATIONS:
        text = text.replace(abbreviation, plain)
    text = _WEEKDAY_COMPOUND_RE.sub(r"\1 \2\3", text)
    text = _DIGIT_ORDINAL_RE.sub(r"\1.", text)
    text = _PAUSE_RE.sub(" , ", text)
    text = _STOP_RE.sub(" . ", text)
    tokens = _SPACE_RE.split(text.strip())
    out = [
        _convert(tok, tokens[i + 1] if i + 1 < len(tokens) else "")
        for i, tok in enumerate(tokens)
        if tok
    ]
    return " ".join(out)
