"""Day expressions in one normalised utterance segment, and the day range they agree on.

`find_day_mentions` collects what the words say (single days, weekdays, ranges, and dates that
force a question back); `resolve_days` combines them. Where mentions disagree, or a weekday is
named inside a range longer than a week, the result is a question, never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from frontdesk.scheduling.date_words import MONTH_NAMES, MONTH_RE, MONTHS, WEEKDAY_NAMES, WEEKDAYS
from frontdesk.scheduling.feast_days import find_feasts
from frontdesk.scheduling.times import is_morning_noun

_NEXT: Final = r"(?:nächste|kommende|folgende)[nmrs]?"
_AFTER_NEXT: Final = r"übernächste[nmrs]?"
_THIS: Final = r"diese[nmrs]?"
_QUALIFIER: Final = rf"({_AFTER_NEXT}|{_NEXT}|{_THIS})"
_WD: Final = "(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)s?"
# Words after an ordinal that show it is not a day of the month ("der erste freie Termin").
_NOT_A_DAY: Final = (
    r"(?! (?:mal|termin|termine|freien|freie|freier|möglichen|mögliche|verfügbaren|stock|platz"
    r"|klasse|kind|kinder|patient|woche|wochen|tag|tage|jahr|jahre|monat|quartal|advent"
    r"|weihnachtstag|weihnachtsfeiertag|feiertag|etage|person|personen|reihe|versuch|hälfte"
    r"|lebensjahr|geburtstag|stelle|wahl)(?!\S))"
)

_RELATIVE_RE: Final = re.compile(
    r"(?<!\S)(heute )?in (\d{1,3}|einer|einem) (tag|tage|tagen|woche|wochen)(?!\S)"
)
_ANY_WEEKDAY_RE: Final = re.compile(rf"(?<!\S){_WD}(?!\S)")
_YEAR_RE: Final = re.compile(rf"(?<!\S)(?:({_NEXT})|{_THIS}) jahr(?:es|s)?(?!\S)")
_ISO_RE: Final = re.compile(r"(?<!\S)([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\.?(?!\S)")
_NUMERIC_RE: Final = re.compile(
    r"(?<!\S)(\d{1,2})\. ?(\d{1,2})\.(?:(\d{4}|\d{2})\.?| (\d{4})\.?)?(?!\S)"
)
_NUMERIC_NO_DOT_RE: Final = re.compile(r"(?<!\S)([0-9]{1,2})\.([0-9]{1,2})(?!\S)")
_WORD_MONTH_RE: Final = re.compile(
    rf"(?<!\S)([0-9]{{1,2}})\.? ({MONTH_RE})(?: ([0-9]{{4}}))?\.?(?!\S)"
)
_DAY_ONLY_RE: Final = re.compile(
    rf"(?<!\S)(?<!vor )(?<!nach )(?:am|den|der|dem|zum|ab|bis|für|auf|{_WD}(?: ,)?) "
    rf"(\d{{1,2}})\.(?!\S){_NOT_A_DAY}"
    rf"(?: (?:des )?({_NEXT}|{_AFTER_NEXT}) monats(?!\S))?"
)
_MONTH_NAME_RE: Final = re.compile(
    rf"(?<!\S)(?:(anfang|mitte|ende) (?:des |im )?)?({MONTH_RE})(?: (\d{{4}}))?(?!\S)"
)
_MONTH_REL_RE: Final = re.compile(
    rf"(?<!\S)(?:(anfang|mitte|ende) (?:des |der )?)?(?:{_QUALIFIER} )?monats?(?!\S)"
)
_WEEK_RE: Final = re.compile(
    rf"(?<!\S)(?:(anfang|mitte|ende) (?:der |des )?)?(?:{_QUALIFIER} )?woche(?!\S)"
)
_WEEK_PART_WORD_RE: Final = re.compile(r"(?<!\S)(wochenanfang|wochenbeginn|wochenmitte)(?!\S)")
_WEEKEND_RE: Final = re.compile(rf"(?<!\S)(?:{_QUALIFIER} )?wochenende(?!\S)")

_WEEK_PARTS: Final[dict[str | None, tuple[int, int]]] = {
    None: (0, 6),
    "anfang": (0, 1),
    "mitte": (1, 3),
    "ende": (3, 4),
}
_MONTH_PARTS: Final[dict[str | None, tuple[int, int]]] = {
    None: (1, 31),
    "anfang": (1, 10),
    "mitte": (11, 20),
    "ende": (21, 31),
}

Q_CONFLICT: Final = "Ich habe verschiedene Tage verstanden. Welchen Tag meinen Sie genau?"
Q_PAST_RANGE: Final = "Dieser Zeitraum liegt schon hinter uns. Welchen Tag meinen Sie?"


@dataclass
class DayMentions:
    """Everything one segment says about the day."""

    singles: list[date] = field(default_factory=list)
    weekdays: list[tuple[int, bool]] = field(default_factory=list)  # (weekday, after-next)
    ranges: list[tuple[date, date, bool]] = field(default_factory=list)  # (from, to, short)
    questions: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.singles or self.weekdays or self.ranges or self.questions)


@dataclass(frozen=True)
class DayOutcome:
    """The days meant, or a question when they cannot be told without asking."""

    start: date | None
    end: date | None
    question: str | None = None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "#" * (end - start) + text[end:]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_shift(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _label(day: int, month: int, year: int | None = None) -> str:
    text = f"{day}. {MONTH_NAMES[month - 1]}"
    return f"{text} {year}" if year is not None else text


def _impossible(day: int, month: int) -> str:
    if 1 <= month <= 12:
        return f"Der {_label(day, month)} existiert nicht – welchen Tag meinen Sie?"
    return f"Das Datum {day}.{month}. existiert nicht – welchen Tag meinen Sie?"


def _past(label: str) -> str:
    return f"Der {label} liegt schon hinter uns. Meinen Sie einen Tag in der Zukunft?"


def _could_exist(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _last_day(2024, month)


def _add_full_date(found: DayMentions, today: date, day: int, month: int, year: int) -> None:
    value = _safe_date(year, month, day)
    if value is None:
        found.questions.append(_impossible(day, month))
    elif value < today:
        found.questions.append(_past(_label(day, month, year)))
    else:
        found.singles.append(value)


def _add_day_month(found: DayMentions, today: date, day: int, month: int, shift: int) -> None:
    """Day and month without a year: the next occurrence, unless one was just missed."""
    if not _could_exist(day, month):
        found.questions.append(_impossible(day, month))
        return
    if shift:
        _add_full_date(found, today, day, month, today.year + shift)
        return
    before = [d for y in (today.year, today.year - 1) if (d := _safe_date(y, month, day))]
    latest = max((d for d in before if d < today), default=None)
    if latest is not None and 1 <= (today - latest).days <= 30:
        found.questions.append(_past(_label(day, month)))
        return
    for year in range(today.year, today.year + 9):
        value = _safe_date(year, month, day)
        if value is not None and value >= today:
            found.singles.append(value)
            return
    found.questions.append(_impossible(day, month))


def _add_day_of_month(found: DayMentions, today: date, day: int, months_ahead: int) -> None:
    """A day number alone: the next such day on or after today (months without it skipped)."""
    if not 1 <= day <= 31:
        found.questions.append(f"Den {day}. gibt es nicht – welchen Tag meinen Sie?")
        return
    if months_ahead:
        year, month = _month_shift(today.year, today.month, months_ahead)
        value = _safe_date(year, month, day)
        if value is None:
            found.questions.append(_impossible(day, month))
        else:
            found.singles.append(value)
        return
    for shift in range(12):
        year, month = _month_shift(today.year, today.month, shift)
        value = _safe_date(year, month, day)
        if value is not None and value >= today:
            found.singles.append(value)
            return


def _add_month(
    found: DayMentions, today: date, year: int, month: int, part: str | None, named_year: bool
) -> None:
    first, last = _MONTH_PARTS[part]
    start = date(year, month, first)
    end = date(year, month, min(last, _last_day(year, month)))
    if end < today:
        label = f"{MONTH_NAMES[month - 1]} {year}" if named_year else MONTH_NAMES[month - 1]
        found.questions.append(f"Der {label} liegt schon hinter uns. Welchen Monat meinen Sie?")
        return
    found.ranges.append((max(start, today), end, False))


def _add_week(found: DayMentions, today: date, offset: int, part: str | None) -> None:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
    first, last = _WEEK_PARTS[part]
    start, end = max(monday + timedelta(days=first), today), monday + timedelta(days=last)
    if start > end:
        found.questions.append(Q_PAST_RANGE)
    else:
        found.ranges.append((start, end, True))


def _week_offset(qualifier: str | None) -> int:
    if qualifier is None or qualifier.startswith("dies"):
        return 0
    return 2 if qualifier.startswith("über") else 1


def _scan_relative(text: str, today: date, found: DayMentions) -> str:
    # "in zwei Wochen am Dienstag": with a weekday, the weeks name a calendar week (the one
    # containing today + 14), and the weekday picks its day; alone they are today + 14.
    with_weekday = _ANY_WEEKDAY_RE.search(text) is not None
    for m in _RELATIVE_RE.finditer(text):
        count = 1 if m.group(2) in ("einer", "einem") else int(m.group(2))
        days = count * 7 if m.group(3).startswith("woche") else count
        target = today + timedelta(days=days)
        # "in 14 Tagen am Dienstag" counts weeks just like "in zwei Wochen am Dienstag".
        if with_weekday and days >= 7 and days % 7 == 0:
            monday = target - timedelta(days=target.weekday())
            found.ranges.append((monday, monday + timedelta(days=6), True))
        else:
            found.singles.append(target)
        text = _blank(text, m.start(), m.end())
    return text


def _scan_feasts(text: str, today: date, found: DayMentions, shift: int) -> str:
    feasts, text = find_feasts(text, today, shift)
    found.questions.extend(feasts.questions)
    # A holiday period of at most a week can hold a weekday ("Dienstag nach Ostern").
    found.ranges.extend((start, end, (end - start).days < 7) for start, end in feasts.spans)
    return text


def _scan_year_shift(text: str) -> tuple[str, int]:
    shift = 0
    for m in _YEAR_RE.finditer(text):
        shift = 1 if m.group(1) else 0
        text = _blank(text, m.start(), m.end())
    return text, shift


def _scan_dates(text: str, today: date, found: DayMentions, shift: int) -> str:
    for m in _ISO_RE.finditer(text):
        _add_full_date(found, today, int(m.group(3)), int(m.group(2)), int(m.group(1)))
        text = _blank(text, m.start(), m.end())
    for m in _NUMERIC_RE.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        year_text = m.group(3) or m.group(4)
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            _add_full_date(found, today, day, month, year)
        else:
            _add_day_month(found, today, day, month, shift)
        text = _blank(text, m.start(), m.end())
    for m in _NUMERIC_NO_DOT_RE.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            _add_day_month(found, today, day, month, shift)
            text = _blank(text, m.start(), m.end())
    for m in _WORD_MONTH_RE.finditer(text):
        day, month = int(m.group(1)), MONTHS[m.group(2)]
        if m.group(3):
            _add_full_date(found, today, day, month, int(m.group(3)))
        else:
            _add_day_month(found, today, day, month, shift)
        text = _blank(text, m.start(), m.end())
    for m in _DAY_ONLY_RE.finditer(text):
        ahead = _week_offset(m.group(2)) if m.group(2) else 0
        _add_day_of_month(found, today, int(m.group(1)), ahead)
        text = _blank(text, m.start(1), m.end())
    return text


def _scan_months(text: str, today: date, found: DayMentions, shift: int) -> str:
    for m in _MONTH_NAME_RE.finditer(text):
        month = MONTHS[m.group(2)]
        if m.group(3):
            year = int(m.group(3))
        elif shift:
            year = today.year + shift
        else:
            year = today.year if month >= today.month else today.year + 1
        _add_month(found, today, year, month, m.group(1), bool(m.group(3)))
        text = _blank(text, m.start(), m.end())
    for m in _MONTH_REL_RE.finditer(text):
        if m.group(1) is None and m.group(2) is None:
            continue
        year, month = _month_shift(today.year, today.month, _week_offset(m.group(2)))
        _add_month(found, today, year, month, m.group(1), False)
        text = _blank(text, m.start(), m.end())
    return text


def _scan_weeks(text: str, today: date, found: DayMentions) -> str:
    for m in _WEEK_RE.finditer(text):
        if m.group(1) is None and m.group(2) is None:
            continue
        _add_week(found, today, _week_offset(m.group(2)), m.group(1))
        text = _blank(text, m.start(), m.end())
    for m in _WEEK_PART_WORD_RE.finditer(text):
        part = "mitte" if m.group(1) == "wochenmitte" else "anfang"
        _add_week(found, today, 0, part)
        text = _blank(text, m.start(), m.end())
    for m in _WEEKEND_RE.finditer(text):
        saturday = today + timedelta(days=(4 - today.weekday()) % 7 + 1)
        if _week_offset(m.group(1)) == 2:
            saturday += timedelta(weeks=1)
        found.ranges.append((saturday, saturday + timedelta(days=1), True))
        text = _blank(text, m.start(), m.end())
    return text


def _scan_tokens(text: str, today: date, found: DayMentions) -> None:
    tokens = text.split()
    for index, token in enumerate(tokens):
        if token == "heute":
            found.singles.append(today)
        elif token == "morgen" and not is_morning_noun(tokens, index):
            found.singles.append(today + timedelta(days=1))
        elif token == "übermorgen":
            found.singles.append(today + timedelta(days=2))
        else:
            name = token[:-1] if token.endswith("s") and token[:-1] in WEEKDAYS else token
            if name in WEEKDAYS:
                before = tokens[index - 1] if index > 0 else ""
                found.weekdays.append((WEEKDAYS[name], before.startswith("übernächst")))


def find_day_mentions(text: str, today: date) -> DayMentions:
    """Collect the day expressions of one normalised segment (times already blanked)."""
    found = DayMentions()
    text = _scan_relative(text, today, found)
    text, shift = _scan_year_shift(text)
    text = _scan_feasts(text, today, found, shift)
    text = _scan_dates(text, today, found, shift)
    text = _scan_months(text, today, found, shift)
    text = _scan_weeks(text, today, found)
    _scan_tokens(text, today, found)
    return found


def _inconsistent(day: date, weekday: int) -> str:
    return (
        f"Der {_label(day.day, day.month)} ist ein {WEEKDAY_NAMES[day.weekday()]}, "
        f"kein {WEEKDAY_NAMES[weekday]}. Welchen Tag meinen Sie?"
    )


def _intersect(ranges: list[tuple[date, date, bool]]) -> tuple[date, date] | None:
    start = max(r[0] for r in ranges)
    end = min(r[1] for r in ranges)
    return (start, end) if start <= end else None


def _resolve_single(found: DayMentions) -> DayOutcome:
    days = set(found.singles)
    if len(days) > 1:
        return DayOutcome(None, None, Q_CONFLICT)
    day = found.singles[0]
    for weekday, _ in found.weekdays:
        if weekday != day.weekday():
            return DayOutcome(None, None, _inconsistent(day, weekday))
    if any(not start <= day <= end for start, end, _ in found.ranges):
        return DayOutcome(None, None, Q_CONFLICT)
    return DayOutcome(day, day)


def _resolve_weekday(found: DayMentions, today: date) -> DayOutcome:
    weekdays = {w for w, _ in found.weekdays}
    if len(weekdays) > 1:
        return DayOutcome(None, None, Q_CONFLICT)
    weekday = weekdays.pop()
    name = WEEKDAY_NAMES[weekday]
    if found.ranges:
        window = _intersect(found.ranges)
        if window is None or not all(short for _, _, short in found.ranges):
            return DayOutcome(None, None, f"Welchen {name} genau meinen Sie?")
        day = window[0] + timedelta(days=(weekday - window[0].weekday()) % 7)
        if day > window[1]:
            return DayOutcome(None, None, Q_CONFLICT)
        return DayOutcome(day, day)
    if any(after_next for _, after_next in found.weekdays):
        return DayOutcome(None, None, f"Welchen {name} genau meinen Sie?")
    day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return DayOutcome(day, day)


def resolve_days(found: DayMentions, today: date) -> DayOutcome | None:
    """One day range from a segment's mentions; None when the segment names no day."""
    if not found:
        return None
    if found.questions:
        return DayOutcome(None, None, found.questions[0])
    if found.singles:
        return _resolve_single(found)
    if found.weekdays:
        return _resolve_weekday(found, today)
    window = _intersect(found.ranges)
    if window is None:
        return DayOutcome(None, None, Q_CONFLICT)
    return DayOutcome(window[0], window[1])
