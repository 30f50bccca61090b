"""Understand when a German caller wants an appointment.

`parse_wish("nächste Woche Dienstag um halb drei", now)` -> Tuesday of next week, 14:30.
Pure functions: no I/O, no database. The conventions are those of the shared date data set
(shared/data/dates/README.md); a past, impossible or contradictory day is answered with a
question back (`ask`), never with a guessed day.

Pipeline: normalise the words (date_words), drop what is not the wish (greetings, past events,
durations), cut the utterance at self-corrections, read times, dayparts and days per segment
(times, date_mentions), and let later segments override what they correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final

from frontdesk.scheduling.date_mentions import (
    DayOutcome,
    find_day_mentions,
    resolve_days,
)
from frontdesk.scheduling.date_words import MONTH_RE, WEEKDAY_RE, normalize
from frontdesk.scheduling.feast_days import blank_feasts
from frontdesk.scheduling.time_ranges import RangeReading, find_time_range
from frontdesk.scheduling.times import (
    ClockReading,
    Daypart,
    find_daypart,
    find_times,
    resolve_hour,
)

__all__ = ["DateWish", "Daypart", "parse_wish", "parse_wish_parts"]

# Inside DateWish the name `time` is the field; the range fields need the type by another name.
_Clock = time


@dataclass(frozen=True)
class DateWish:
    """When the caller wants to come; `question` is set exactly when `ask` is True.

    `time_from`/`time_to` carry a time range ("zwischen 14 und 16 Uhr", "ab 15 Uhr": an open
    end is None); when a range was said, `time` is None.
    """

    date_from: date | None
    date_to: date | None
    time: time | None
    daypart: Daypart | None
    ask: bool
    question: str | None
    time_from: _Clock | None = None
    time_to: _Clock | None = None


_GREETING_RE: Final = re.compile(
    r"(?<!\S)(?:guten (?:morgen|abend|tag|mittag)|mahlzeit|schönen (?:abend|tag)(?: noch)?"
    r"|einen schönen (?:abend|tag)|gute nacht"
    # Season's greetings name a holiday without wishing a day.
    r"|(?:frohe|fröhliche|schöne|gesegnete)[ns]? (?:weihnachten|ostern|pfingsten|feiertage|fest)"
    r"|(?:frohes|gutes|gesundes) neues(?: jahr)?|guten rutsch(?: ins neue jahr)?)(?!\S)"
)
# Clause boundaries for dropping clauses that tell about the past.
_CLAUSE_RE: Final = re.compile(r"(?<!\S)(?:,|\.|und|aber|sondern|weil|dass|ob|wenn|als)(?!\S)")
_PAST_VERB_RE: Final = re.compile(
    r"(?<!\S)(?:war|waren|warst|wart|gewesen|hatte|hatten|hattest|gehabt|angerufen|verpasst"
    r"|versäumt|abgesagt|ausgefallen|vergessen|gesprochen|geschrieben|behandelt|dagewesen"
    r"|angefangen|begonnen|absagen|stornieren|storniert)(?!\S)"
)
# A past-tense clause that still states a wish ("ich hatte an Freitag gedacht").
_WISH_VERB_RE: Final = re.compile(r"(?<!\S)(?:gedacht|gehofft|überlegt|vorgestellt)(?!\S)")
_PAST_SPAN_RE: Final = re.compile(
    r"(?<!\S)(?:"
    rf"(?:letzte[nmrs]?|vorige[nmrs]?|vergangene[nmrs]?) (?:woche|wochenende|monat|jahr|mal"
    rf"|{WEEKDAY_RE}s?|{MONTH_RE})"
    r"|vor (?:(?:\d+|einer|einem|ein paar|paar|mehreren|einigen) (?:tag|tagen|woche|wochen"
    r"|monat|monaten|jahr|jahren)|kurzem)"
    r"|seit (?:dem |der |einer |einem |letzte[nmrs]? |vorige[nmrs]? )?\S+"
    rf"(?: (?:tag|tagen|woche|wochen|monat|monaten|jahr|jahren|{MONTH_RE}))?"
    r"|gestern|vorgestern|neulich"
    rf"|vom (?:letzten )?(?:\d{{1,2}}\.(?: ?\d{{1,2}}\.)?(?: {MONTH_RE})?|{WEEKDAY_RE})(?! bis)"
    r")(?!\S)"
)
_RESCHEDULE_RE: Final = re.compile(r"verschieb|verleg|umleg|umbuch")
_TARGET_RE: Final = re.compile(r"(?<!\S)auf(?!\S)")
# Self-corrections: what follows replaces what came before.
_CORRECTION_RE: Final = re.compile(
    r"(?<!\S)(?:nein|nee|nö|quatsch|moment|korrektur|sorry|sondern|aber|lieber|stattdessen"
    r"|doch nicht|ich meine|ich meinte|besser gesagt|beziehungsweise|bzw|oder doch|oder besser"
    r"|oder eher|eher)(?!\S)"
)
# A corrected stretch that says "not ..." is rejected, even if the correction only hints at
# the replacement ("nicht nächste Woche, sondern übernächste").
# "nicht vor 15 Uhr" is a time bound, not a rejection.
_NEGATION_RE: Final = re.compile(
    r"(?<!\S)(?:nicht(?! (?:vor|nach|früher|später)(?!\S))|kein|keine|keinen)(?!\S)"
)


@dataclass(frozen=True)
class _Segment:
    """What one stretch of words says; None means "not mentioned here"."""

    days: DayOutcome | None
    reading: ClockReading | None
    daypart: Daypart | None
    night: bool
    span: RangeReading | None = None

    @property
    def has_clock(self) -> bool:
        return self.reading is not None or self.span is not None


def _drop_past_clauses(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for m in [*_CLAUSE_RE.finditer(text), None]:
        end = m.start() if m else len(text)
        clause = text[last:end]
        if _PAST_VERB_RE.search(clause) and not _WISH_VERB_RE.search(clause):
            clause = " , "
        pieces.append(clause)
        if m:
            pieces.append(m.group(0))
            last = m.end()
    return "".join(pieces)


def _keep_reschedule_target(text: str) -> str:
    """ "den Termin vom Montag auf Mittwoch verschieben": only the new day is wanted."""
    if not _RESCHEDULE_RE.search(text):
        return text
    targets = list(_TARGET_RE.finditer(text))
    return text[targets[-1].end() :] if targets else text


def _clean(text: str) -> str:
    text = normalize(text)
    text = _GREETING_RE.sub(" , ", text)
    text = _drop_past_clauses(text)
    text = _PAST_SPAN_RE.sub(" , ", text)
    return _keep_reschedule_target(text)


def _analyse_segment(text: str, today: date) -> _Segment:
    # Ranges first: their words ("ab 15 Uhr", "bis mittags") are neither a single time nor a
    # daypart. Holiday names are hidden from the daypart reader ("heiligen Abend").
    span, text = find_time_range(text)
    readings, blanked = find_times(text)
    daypart, night = find_daypart(blank_feasts(text))
    days = resolve_days(find_day_mentions(blanked, today), today)
    reading = readings[0] if readings and span is None else None
    return _Segment(days, reading, daypart, night, span)


def _merge(segments: list[_Segment]) -> _Segment:
    """Later segments override the fields they mention (self-corrections); a time and a time
    range replace each other ("um zehn, nee, ab elf")."""
    days: DayOutcome | None = None
    clock = _Segment(None, None, None, False)
    daypart: Daypart | None = None
    night = False
    for segment in segments:
        days = segment.days if segment.days is not None else days
        clock = segment if segment.has_clock else clock
        daypart = segment.daypart if segment.daypart is not None else daypart
        night = night or segment.night
    return _Segment(days, clock.reading, daypart, night, clock.span)


def _analyse(text: str, today: date) -> _Segment:
    cleaned = _clean(text)
    parts = [part for part in _CORRECTION_RE.split(cleaned) if part.strip()]
    segments = [
        _Segment(None, None, None, False)
        if index < len(parts) - 1 and _NEGATION_RE.search(part)
        else _analyse_segment(part, today)
        for index, part in enumerate(parts)
    ]
    return _merge(segments)


def _resolve(reading: ClockReading | None, result: _Segment) -> time | None:
    return None if reading is None else resolve_hour(reading, result.daypart, result.night)


def _finish(result: _Segment) -> DateWish:
    span = result.span or RangeReading(None, None)
    days = result.days or DayOutcome(None, None)
    return DateWish(
        date_from=days.start,
        date_to=days.end,
        time=_resolve(result.reading, result) if result.span is None else None,
        daypart=result.daypart,
        ask=days.question is not None,
        question=days.question,
        time_from=_resolve(span.start, result),
        time_to=_resolve(span.end, result),
    )


def parse_wish(text: str, now: datetime) -> DateWish:
    """The appointment wish in `text`, said at `now` (company wall time; today = now.date())."""
    return _finish(_analyse(text, now.date()))


def parse_wish_parts(date_text: str | None, time_text: str | None, now: datetime) -> DateWish:
    """Like `parse_wish` for date words and time words passed separately.

    The day comes from the date words (or the time words if those name none); the clock time
    and daypart prefer the time words. An ask in either part is an ask.
    """
    today = now.date()
    on_date = _analyse(date_text or "", today)
    on_time = _analyse(time_text or "", today)
    candidates = [d for d in (on_date.days, on_time.days) if d is not None]
    asking = [d for d in candidates if d.question is not None]
    chosen = asking or candidates
    days = chosen[0] if chosen else None
    clock = on_time if on_time.has_clock else on_date
    merged = _Segment(
        days=days,
        reading=clock.reading,
        daypart=on_time.daypart or on_date.daypart,
        night=on_time.night or on_date.night,
        span=clock.span,
    )
    return _finish(merged)
