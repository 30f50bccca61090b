"""Clock times and dayparts in normalised German text (see `date_words.normalize`).

A time is first read as said ("halb drei" -> 2:30, a 12-hour reading); `resolve_hour` later
turns the reading into a 24-hour clock time using the daypart words of the whole utterance.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Final, Literal

from frontdesk.scheduling.date_words import WEEKDAYS

Daypart = Literal["morning", "midday", "afternoon", "evening"]


@dataclass(frozen=True)
class ClockReading:
    """A time as said: `literal` when the hour was given in 24-hour form (0, 13-23, "06")."""

    hour: int
    minute: int
    literal: bool
    position: int


_H: Final = r"(\d{1,2})\.?"
_END: Final = r"(?!\S)"
# A number followed by one of these counts something rather than telling the time.
_UNITS: Final = (
    r"(?! (?:personen|leute|leuten|kinder|kindern|jahre|jahren|jahr|tage|tagen|tag|wochen|woche"
    r"|monate|monaten|monat|minuten|minute|stunden|stunde|euro|prozent|termine|termin|mal|stück"
    r"|patienten|zimmer|mann)\b)"
)
_M: Final = r"(viertel|\d{1,2})"

_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("half_offset", re.compile(rf"(?<!\S){_M} (vor|nach) halb {_H}{_END}")),
    ("half", re.compile(rf"(?<!\S)halb {_H}{_END}{_UNITS}")),
    ("three_quarter", re.compile(rf"(?<!\S)(?:dreiviertel|3 viertel) {_H}{_END}")),
    ("offset", re.compile(rf"(?<!\S){_M} (vor|nach) {_H}{_END}{_UNITS}")),
    ("quarter", re.compile(rf"(?<!\S)viertel {_H}{_END}{_UNITS}")),
    ("colon", re.compile(r"(?<!\S)([0-9]{1,2}):([0-9]{2})\.?(?: uhr)?(?!\S)")),
    ("dot_uhr", re.compile(r"(?<!\S)([0-9]{1,2})\.([0-9]{2}) uhr(?!\S)")),
    ("prep_dot", re.compile(r"(?<=um |ab )([0-9]{1,2})\.([0-9]{2})\.?(?!\S)")),
    ("uhr", re.compile(rf"(?<!\S)([0-9]{{1,2}}) uhr(?: ([0-9]{{1,2}})(?!\S){_UNITS})?")),
    ("mitternacht", re.compile(r"(?<!\S)mitternacht\w*")),
    (
        "prep",
        re.compile(
            rf"(?<!\S)(?:um|gegen|punkt|circa|ca|etwa|ungefähr) (\d{{1,2}})\.?{_END}{_UNITS}"
        ),
    ),
)

_DAY_WORDS: Final = frozenset({"heute", "morgen", "übermorgen", *WEEKDAYS})
# "Morgen" after these words is the noun (morning), not "tomorrow".
_MORNING_NOUN_AFTER: Final = frozenset(
    {
        "am",
        "heute",
        "jeden",
        "den",
        "dem",
        "einem",
        "morgen",
        "übermorgen",
        "gestern",
        "frühen",
        "späten",
        "ganzen",
        *WEEKDAYS,
    }
)


def _twelve(hour: int) -> int:
    return 12 if hour == 0 else hour


def _literal(hour_text: str, hour: int) -> bool:
    return hour == 0 or hour >= 13 or (len(hour_text) == 2 and hour_text.startswith("0"))


def _minutes(word: str) -> int:
    return 15 if word == "viertel" else int(word)


def _from_minutes(total: int, literal: bool, position: int) -> ClockReading | None:
    """Reading from minutes after midnight of a 12-hour dial (colloquial forms)."""
    total %= 24 * 60
    hour, minute = divmod(total, 60)
    if literal:
        return ClockReading(hour, minute, True, position)
    return ClockReading(_twelve(hour % 12) if hour <= 12 else hour, minute, False, position)


def _read_half_offset(m: re.Match[str]) -> ClockReading | None:
    offset, hour = _minutes(m.group(1)), int(m.group(3))
    if not 1 <= offset <= 29 or not 1 <= hour <= 24:
        return None
    sign = -1 if m.group(2) == "vor" else 1
    return _from_minutes((hour - 1) * 60 + 30 + sign * offset, hour > 13, m.start())


def _read_half(m: re.Match[str]) -> ClockReading | None:
    hour = int(m.group(1))
    if not 1 <= hour <= 24:
        return None
    return _from_minutes((hour - 1) * 60 + 30, hour > 13, m.start())


def _read_three_quarter(m: re.Match[str]) -> ClockReading | None:
    hour = int(m.group(1))
    if not 1 <= hour <= 24:
        return None
    return _from_minutes((hour - 1) * 60 + 45, hour > 13, m.start())


def _read_quarter(m: re.Match[str]) -> ClockReading | None:
    hour = int(m.group(1))
    if not 1 <= hour <= 24:
        return None
    return _from_minutes((hour - 1) * 60 + 15, hour > 13, m.start())


def _read_offset(m: re.Match[str]) -> ClockReading | None:
    offset, hour = _minutes(m.group(1)), int(m.group(3))
    if not 1 <= offset <= 29 or not 0 <= hour <= 24:
        return None
    if m.group(2) == "vor":
        return _from_minutes(hour * 60 - offset, hour > 12 or hour == 0, m.start())
    return _from_minutes(hour * 60 + offset, hour > 12 or hour == 0, m.start())


def _read_numeric(m: re.Match[str]) -> ClockReading | None:
    hour_text = m.group(1)
    hour = int(hour_text)
    minute = int(m.group(2)) if m.lastindex and m.lastindex >= 2 and m.group(2) else 0
    if hour == 24 and minute == 0:
        hour = 0
    if not 0 <= hour <= 23 or not 0 <= minute <= 59:
        return None
    return ClockReading(hour, minute, _literal(hour_text, hour), m.start())


def _read_midnight(m: re.Match[str]) -> ClockReading | None:
    return ClockReading(0, 0, True, m.start())


def _read_prep(m: re.Match[str]) -> ClockReading | None:
    hour = int(m.group(1))
    if hour == 24:
        hour = 0
    if not 0 <= hour <= 23:
        return None
    return ClockReading(hour, 0, _literal(m.group(1), hour), m.start())


_READERS: Final[dict[str, Callable[[re.Match[str]], ClockReading | None]]] = {
    "half_offset": _read_half_offset,
    "half": _read_half,
    "three_quarter": _read_three_quarter,
    "offset": _read_offset,
    "quarter": _read_quarter,
    "colon": _read_numeric,
    "dot_uhr": _read_numeric,
    "prep_dot": _read_numeric,
    "uhr": _read_numeric,
    "mitternacht": _read_midnight,
    "prep": _read_prep,
}


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "#" * (end - start) + text[end:]


def find_times(text: str) -> tuple[list[ClockReading], str]:
    """All clock readings in order of position, and the text with their words blanked out."""
    readings: list[ClockReading] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            reading = _READERS[name](match)
            if reading is not None:
                readings.append(reading)
                text = _blank(text, match.start(), match.end())
    readings.sort(key=lambda r: r.position)
    return readings, text


def is_morning_noun(tokens: list[str], index: int) -> bool:
    """Whether tokens[index] == "morgen" is the noun ("heute Morgen") rather than tomorrow."""
    return index > 0 and tokens[index - 1] in _MORNING_NOUN_AFTER


def _is_early(tokens: list[str], index: int) -> bool:
    """ "früh" means morning only next to a day or a time, or in "in der Früh"."""
    before = tokens[index - 1] if index > 0 else ""
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    return (
        before in _DAY_WORDS
        or before in ("der", "uhr", "#")
        or before[:1].isdigit()
        or before.startswith("#")
        or after == "um"
        or after[:1].isdigit()
        or after.startswith("#")
    )


def _token_daypart(tokens: list[str], index: int) -> Daypart | None:
    token = tokens[index]
    if token.startswith(("spät", "früh")) and token[4:].startswith(("abend", "nachmittag")):
        token = token[4:]
    if token.startswith("vormittag"):
        return "morning"
    if token.startswith("nachmittag"):
        return "afternoon"
    if token in ("morgens", "frühmorgens", "morgenstunden", "frühs"):
        return "morning"
    if token == "morgen":
        return "morning" if is_morning_noun(tokens, index) else None
    if token == "früh":
        return "morning" if _is_early(tokens, index) else None
    if token.startswith("mittag") and not token.startswith("mittagessen"):
        return "midday"
    if token.startswith("abend") or token == "feierabend":
        return "evening"
    return None


def find_daypart(text: str) -> tuple[Daypart | None, bool]:
    """First daypart word in the text, and whether "nachts" (night) was said."""
    tokens = text.split()
    night = any(tok in ("nachts", "nacht") for tok in tokens)
    for index in range(len(tokens)):
        daypart = _token_daypart(tokens, index)
        if daypart is not None:
            return daypart, night
    return None, night


def resolve_hour(reading: ClockReading, daypart: Daypart | None, night: bool) -> time:
    """24-hour clock time of a reading, following the daypart conventions."""
    hour = reading.hour
    if not reading.literal and 1 <= hour <= 12:
        if night:
            hour = 0 if hour == 12 else hour + 12 if hour >= 9 else hour
        elif daypart is None:
            hour = hour + 12 if hour <= 6 else hour
        elif daypart == "midday":
            hour = hour + 12 if hour <= 5 else hour
        elif daypart in ("afternoon", "evening"):
            hour = hour + 12 if hour <= 11 else hour
    return time(hour % 24, reading.minute)
