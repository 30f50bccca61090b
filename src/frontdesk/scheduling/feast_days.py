"""German holidays and holiday periods by name ("über Ostern", "nach Weihnachten").

The days are computed for the year (Easter from dateutil), never listed: the conventions of
tests/scheduling/data/new_forms_conventions.md. `find_feasts` reads a normalised segment (see
`date_words.normalize`) and returns the day ranges meant, the questions it must ask (school
holidays differ by state and school, so they are never guessed), and the text with the words
blanked so no later reader takes "Ostermontag" or "Heiligabend" for something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from dateutil.easter import easter

Span = tuple[date, date]

Q_PAST_FEAST: Final = "Dieser Zeitraum liegt schon hinter uns. Welchen Tag meinen Sie?"
Q_SCHOOL_HOLIDAYS: Final = (
    "Die Ferien sind je nach Bundesland und Schule verschieden. An welche Tage haben Sie gedacht?"
)
WEEK: Final = 7  # "nach X" / "vor X" is the week after / before X


def _fixed(month: int, day: int) -> Callable[[int], Span]:
    return lambda year: (date(year, month, day), date(year, month, day))


def _fixed_span(first: tuple[int, int], last: tuple[int, int]) -> Callable[[int], Span]:
    return lambda year: (date(year, *first), date(year, *last))


def _easter(first: int, last: int | None = None) -> Callable[[int], Span]:
    """Days counted from Easter Sunday; `last` None means a single day."""

    def span(year: int) -> Span:
        sunday = easter(year)
        end = first if last is None else last
        return sunday + timedelta(days=first), sunday + timedelta(days=end)

    return span


def _turn_of_year(year: int) -> Span:
    # Anchored at the year whose 31 December it contains.
    return date(year, 12, 31), date(year + 1, 1, 1)


# Canonical name -> the days it means in a given year.
_SPANS: Final[dict[str, Callable[[int], Span]]] = {
    "heiligabend": _fixed(12, 24),
    "weihnachtstag1": _fixed(12, 25),
    "weihnachtstag2": _fixed(12, 26),
    "weihnachten": _fixed_span((12, 24), (12, 26)),
    "zwischen_den_jahren": _fixed_span((12, 27), (12, 30)),
    "silvester": _fixed(12, 31),
    "jahreswechsel": _turn_of_year,
    "neujahr": _fixed(1, 1),
    "tag_der_arbeit": _fixed(5, 1),
    "einheit": _fixed(10, 3),
    "reformationstag": _fixed(10, 31),
    "allerheiligen": _fixed(11, 1),
    "gründonnerstag": _easter(-3),
    "karfreitag": _easter(-2),
    "karsamstag": _easter(-1),
    "ostersonntag": _easter(0),
    "ostermontag": _easter(1),
    "ostern": _easter(-2, 1),
    "himmelfahrt": _easter(39),
    "pfingstsonntag": _easter(49),
    "pfingstmontag": _easter(50),
    "pfingsten": _easter(49, 50),
    "fronleichnam": _easter(60),
}

# Spoken forms (normalised text) -> canonical name; longer forms first within the regex.
_FORMS: Final[tuple[tuple[str, str], ...]] = (
    # "an Silvester" is the day; "über Silvester/Neujahr" the turn of the year.
    (r"(?:über )?(?:silvester|sylvester) und neujahr", "jahreswechsel"),
    (r"über (?:silvester|sylvester|neujahr)", "jahreswechsel"),
    (r"(?:jahreswechsel|jahreswende|neujahrswechsel)", "jahreswechsel"),
    (r"zwischen den jahren", "zwischen_den_jahren"),
    (r"(?:heiligabend|heiligen abend|heilig abend|heiliger abend|weihnachtsabend)", "heiligabend"),
    (r"1\. (?:weihnachtstag|weihnachtsfeiertag)", "weihnachtstag1"),
    (r"2\. (?:weihnachtstag|weihnachtsfeiertag)", "weihnachtstag2"),
    (r"(?:weihnachten|weihnachtsfeiertagen?|weihnachtstagen?|weihnachtstage)", "weihnachten"),
    (r"(?:silvester|sylvester|silvestertag|silvesterabend)", "silvester"),
    (r"(?:neujahr|neujahrstag)", "neujahr"),
    (r"(?:tag der arbeit|maifeiertag)", "tag_der_arbeit"),
    (r"(?:tag der deutschen einheit|einheitsfeiertag)", "einheit"),
    (r"reformationstag", "reformationstag"),
    (r"allerheiligen", "allerheiligen"),
    (r"gründonnerstag", "gründonnerstag"),
    (r"karfreitag", "karfreitag"),
    (r"(?:karsamstag|ostersamstag)", "karsamstag"),
    (r"ostersonntag", "ostersonntag"),
    (r"ostermontag", "ostermontag"),
    (r"(?:ostern|osterfeiertagen?|ostertagen?|osterwochenende)", "ostern"),
    (r"(?:christi himmelfahrt|himmelfahrt|himmelfahrtstag)", "himmelfahrt"),
    (r"pfingstsonntag", "pfingstsonntag"),
    (r"pfingstmontag", "pfingstmontag"),
    (r"(?:pfingsten|pfingstfeiertagen?|pfingsttagen?|pfingstwochenende)", "pfingsten"),
    (r"fronleichnam", "fronleichnam"),
)
_NAME_RE: Final = "|".join(f"(?P<f{index}>{form})" for index, (form, _) in enumerate(_FORMS))
# "gleich/direkt nach X" is the first day after X only; a plain "nach X" the week after.
_FEAST_RE: Final = re.compile(
    r"(?<!\S)(?:(?P<near>gleich|direkt|unmittelbar|sofort|kurz) )?(?:(?P<rel>nach|vor) )?"
    rf"(?:(?:den|dem|der|die) )?(?:{_NAME_RE})(?!\S)"
)
# Any kind of school holidays ("Herbstferien", "in den Ferien"): dates differ by state.
_SCHOOL_RE: Final = re.compile(r"(?<!\S)\w*ferien(?!\S)")
_NEAR_WORDS: Final = frozenset({"gleich", "direkt", "unmittelbar", "sofort"})


@dataclass
class FeastMentions:
    """Day ranges named by holidays, and questions (school holidays) in one segment."""

    spans: list[Span]
    questions: list[str]


def _related(span: Span, relation: str | None, near: bool) -> Span:
    """The days of the holiday itself, or the week (day, if `near`) after or before it."""
    first, last = span
    if relation == "nach":
        start = last + timedelta(days=1)
        return start, start + timedelta(days=0 if near else WEEK - 1)
    if relation == "vor":
        end = first - timedelta(days=1)
        return end - timedelta(days=0 if near else WEEK - 1), end
    return span


def next_span(name: str, today: date, relation: str | None = None, near: bool = False) -> Span:
    """The first occurrence that has not ended before today, clipped to start at today.

    Counting from last year's occurrence makes a period that is still running ("über
    Silvester" said on New Year's Day, "nach Ostern" in the week after Easter) this one.
    """
    for year in range(today.year - 1, today.year + 3):
        start, end = _related(_SPANS[name](year), relation, near)
        if end >= today:
            return max(start, today), end
    raise AssertionError("a holiday recurs every year")  # pragma: no cover


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "#" * (end - start) + text[end:]


def _name_of(match: re.Match[str]) -> str:
    for index, (_, name) in enumerate(_FORMS):
        if match.group(f"f{index}") is not None:
            return name
    raise AssertionError("the pattern only matches named forms")  # pragma: no cover


def blank_feasts(text: str) -> str:
    """The text without holiday names, for readers that would misread them ("heiligen Abend"
    is no evening)."""
    return _FEAST_RE.sub(lambda m: "#" * len(m.group(0)), text)


def find_feasts(text: str, today: date, year_shift: int = 0) -> tuple[FeastMentions, str]:
    """Holiday day ranges and school-holiday questions in `text`, and the text blanked.

    With `year_shift` ("Ostern nächstes Jahr") the holiday of that year is meant as named.
    """
    found = FeastMentions([], [])
    for m in _SCHOOL_RE.finditer(text):
        found.questions.append(Q_SCHOOL_HOLIDAYS)
        text = _blank(text, m.start(), m.end())
    for m in _FEAST_RE.finditer(text):
        name, relation = _name_of(m), m.group("rel")
        near = m.group("near") in _NEAR_WORDS
        if year_shift:
            start, end = _related(_SPANS[name](today.year + year_shift), relation, near)
            if end < today:
                found.questions.append(Q_PAST_FEAST)
            else:
                found.spans.append((max(start, today), end))
        else:
            found.spans.append(next_span(name, today, relation, near))
        text = _blank(text, m.start(), m.end())
    return found, text
