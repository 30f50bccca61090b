"""Time ranges in normalised German text: "zwischen 14 und 16 Uhr", "ab drei", "bis mittags".

Conventions: tests/scheduling/data/new_forms_conventions.md. Each end is read as said (a
`ClockReading`, like a single time) so `times.resolve_hour` later applies the same hour rules
with the daypart words of the whole utterance ("vormittags zwischen 9 und 11"). The words of a
range are blanked, so the single-time reader does not take "ab 15 Uhr" for "um 15 Uhr".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from frontdesk.scheduling.times import ClockReading, find_times

# One clock expression as `normalize` writes it: "halb 3", "viertel nach 9", "14:30", "14 uhr 30",
# "16 uhr", or a bare hour. A number with a dot ("5.") is a day of the month, not a time.
_CLOCK: Final = (
    r"(?:(?:viertel|\d{1,2}) (?:vor|nach) (?:halb )?\d{1,2}"
    r"|halb \d{1,2}|(?:dreiviertel|3 viertel|viertel) \d{1,2}"
    r"|\d{1,2}:\d{2}|\d{1,2}\.\d{2}(?= uhr)|\d{1,2})"
    r"(?: uhr(?: \d{1,2}(?!\S))?)?"
)
# A number followed by one of these counts something ("zwischen 2 und 3 Wochen").
_NOT_TIME: Final = (
    r"(?! (?:personen|leute|leuten|kinder|kindern|jahre|jahren|jahr|tage|tagen|tag|wochen|woche"
    r"|monate|monaten|monat|minuten|minute|stunden|stunde|euro|prozent|termine|termin|mal|stück"
    r"|patienten|zimmer|mann|uhr)(?!\S))"
)
# Approximations keep the value ("ab etwa 15 Uhr" = from 15:00), as for single times.
_T: Final = rf"(?:(?:um|gegen|ca|circa|etwa|ungefähr) )?({_CLOCK})(?!\S){_NOT_TIME}"
_H: Final = r"(\d{1,2}(?::\d{2})?)"
_FREE: Final = r"(?<!\S)(?<!nicht )"
# "10 nach 4" and "5 vor halb 3" are single times: "nach"/"vor" right after an hour number or
# "viertel" belongs to the time, not to a range (but "am 24.12 nach 15 Uhr" is a bound).
_OFFSET_BEFORE_RE: Final = re.compile(r"(?:^|\s)(?:\d{1,2}|viertel) $")
_NOON: Final = (
    r"(?:(?:zum|zur|dem|der|den) )?(?:mittag|mittags|mittagszeit|mittagspause|mittagessen)"
)

_BOTH: Final = (
    re.compile(rf"(?<!\S)zwischen {_T} (?:und|bis) {_T}"),
    re.compile(rf"(?<!\S)(?:von|ab|frühestens) {_T} bis (?:spätestens )?{_T}"),
    re.compile(rf"(?<!\S)(?<!vom )(?<!am )(?<!den ){_T} bis {_T}"),
    # "14-16 Uhr" as transcribed: the hyphen between digits survives normalisation.
    re.compile(rf"(?<!\S)(?:(?:von|zwischen) )?{_H}-{_H}(?: uhr)?(?!\S){_NOT_TIME}"),
)
_FROM: Final = re.compile(
    rf"{_FREE}(?:nicht vor|nicht früher als|frühestens ab|frühestens|ab frühestens|erst ab|ab"
    rf"|nach|später als) {_T}"
)
_TO: Final = re.compile(
    rf"{_FREE}(?:bis spätestens|spätestens bis|spätestens|nicht nach|nicht später als"
    rf"|früher als|bis|vor) {_T}"
)
# Noon as a bound: "bis mittags" ends at 12:00, "ab mittags" starts at 13:00 (after the
# usual lunch break); neither is the midday daypart.
_TO_NOON: Final = re.compile(rf"(?<!\S)(?:bis|vor|spätestens) {_NOON}(?!\S)")
_FROM_NOON: Final = re.compile(rf"(?<!\S)(?:ab|nach) {_NOON}(?!\S)")
# "spätestens um 12." at a sentence end: after "um" the dot ends the sentence, not a day number.
_UM_DOT_RE: Final = re.compile(r"(?<!\S)um (\d{1,2})\.(?!\S)")
NOON_END: Final = ClockReading(12, 0, True, 0)
NOON_START: Final = ClockReading(13, 0, True, 0)


@dataclass(frozen=True)
class RangeReading:
    """The ends of a time range as said; None for an open end ("ab 15 Uhr")."""

    start: ClockReading | None
    end: ClockReading | None


def read_clock(expression: str) -> ClockReading | None:
    """One clock expression as said; a bare hour is read like "um <hour>"."""
    readings, _ = find_times(expression)
    if not readings:
        readings, _ = find_times(f"um {expression}")
    return readings[0] if readings else None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "#" * (end - start) + text[end:]


def _in_offset(text: str, start: int) -> bool:
    return _OFFSET_BEFORE_RE.search(text[max(0, start - 12) : start]) is not None


def find_time_range(text: str) -> tuple[RangeReading | None, str]:
    """The first time range of each kind (both ends, or a lower and/or an upper bound) in the
    text, and the text with the words of the range blanked."""
    text = _UM_DOT_RE.sub(r"um \1 ", text)
    start: ClockReading | None = None
    end: ClockReading | None = None
    for pattern in _BOTH:
        for m in pattern.finditer(text):
            low, high = read_clock(m.group(1)), read_clock(m.group(2))
            if low is None or high is None or start is not None or end is not None:
                continue
            start, end = low, high
            text = _blank(text, m.start(), m.end())
    for m in _FROM_NOON.finditer(text):
        start = start or NOON_START
        text = _blank(text, m.start(), m.end())
    for m in _TO_NOON.finditer(text):
        end = end or NOON_END
        text = _blank(text, m.start(), m.end())
    for m in _FROM.finditer(text):
        reading = read_clock(m.group(1))
        if reading is not None and start is None and not _in_offset(text, m.start()):
            start = reading
            text = _blank(text, m.start(), m.end())
    for m in _TO.finditer(text):
        reading = read_clock(m.group(1))
        if reading is not None and end is None and not _in_offset(text, m.start()):
            end = reading
            text = _blank(text, m.start(), m.end())
    if start is None and end is None:
        return None, text
    return RangeReading(start, end), text
