"""The German SMS bodies a patient reads, each within two segments.

Only the practice, the service and the staff member vary in length, so when a body would not
fit those names are shortened; the date, the time and any instruction are never dropped. Names
are brought into the GSM-7 alphabet where a faithful equivalent exists (typographic quotes,
dashes, accents outside GSM-7), because one such character would make the whole body UCS-2 and
double its cost. The patient's own name is never part of a body: it would show on a lock screen."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from frontdesk.messaging.segments import fits, is_gsm7

MAX_SEGMENTS = 2

_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_ELLIPSIS = "..."
_SHORTEST_NAME = 4  # one character and the ellipsis; below that a name is left out
_LONGEST_NAME = 306  # two GSM-7 segments: a longer name can never fit

# Characters without a GSM-7 form that Unicode decomposition does not reduce to one.
_GSM7_EQUIVALENTS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u2039": "'",
    "\u203a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00b7": ".",
    "\u2022": "-",
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u0131": "i",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u00d0": "D",
    "\u00f0": "d",
    "\u00de": "Th",
    "\u00fe": "th",
}


@dataclass(frozen=True)
class AppointmentFacts:
    practice: str
    service: str
    start_local: datetime  # aware, in the practice's time zone
    staff: str | None = None

    def __post_init__(self) -> None:
        if self.start_local.utcoffset() is None:
            raise ValueError("start_local must be timezone-aware, in the practice's time zone")


@dataclass(frozen=True)
class _Names:
    """The variable-length parts of a body, as they will be printed."""

    practice: str
    service: str
    staff: str

    @property
    def prefix(self) -> str:
        return f"{self.practice}: " if self.practice else ""

    @property
    def appointment(self) -> str:
        """'Termin (Service) bei Staff', leaving out what is unknown."""
        service = f" ({self.service})" if self.service else ""
        staff = f" bei {self.staff}" if self.staff else ""
        return f"Termin{service}{staff}"


_Render = Callable[[_Names], str]


def confirmation(facts: AppointmentFacts, *, pending: bool) -> str:
    """The booking, or for an unsure caller only a note and how to confirm it by name."""
    when = _at(facts.start_local)
    if pending:
        return _fitted(
            facts,
            lambda n: (
                f"{n.prefix}Ihr {n.appointment} {when} ist vorgemerkt. "
                "Antworten Sie mit Ihrem Namen, um den Termin zu bestätigen."
            ),
        )
    return _fitted(facts, lambda n: f"{n.prefix}Ihr {n.appointment} {when} ist gebucht.")


def moved(facts: AppointmentFacts) -> str:
    """The appointment's new time (`facts.start_local` is the new start)."""
    when = _on(facts.start_local)
    return _fitted(facts, lambda n: f"{n.prefix}Ihr {n.appointment} wurde auf {when} verschoben.")


def cancelled(facts: AppointmentFacts) -> str:
    """The practice cancelled the appointment."""
    when = _at(facts.start_local)
    return _fitted(
        facts,
        lambda n: (
            f"{n.prefix}Ihr {n.appointment} {when} wurde abgesagt. "
            "Für einen neuen Termin rufen Sie uns gerne an."
        ),
    )


def reminder(facts: AppointmentFacts, *, today: date | None = None) -> str:
    """A reminder with the way to cancel by reply.

    `today` is the practice-local date the reminder goes out; when given, the text says
    "morgen" or "heute" where that is true. Without it the text names only the date, so it
    stays right whenever it is sent."""
    when = _relative(facts.start_local, today)
    return _fitted(
        facts,
        lambda n: (
            f"{n.prefix}Wir erinnern Sie an Ihren {n.appointment} {when}. "
            "Können Sie nicht kommen? Antworten Sie ABSAGEN, um abzusagen."
        ),
    )


def waitlist_offer(facts: AppointmentFacts, *, minutes: int) -> str:
    """A freed slot offered to someone on the waiting list; held for `minutes`."""
    when = _at(facts.start_local)
    return _fitted(
        facts,
        lambda n: (
            f"{n.prefix}Ein {n.appointment} {when} ist frei geworden. "
            f"Antworten Sie JA innerhalb von {minutes} Minuten, um ihn zu buchen."
        ),
    )


def reply_waitlist_booked(facts: AppointmentFacts) -> str:
    """The answer to JA on a waiting-list offer: it is booked."""
    when = _at(facts.start_local)
    return _fitted(facts, lambda n: f"{n.prefix}Danke! Ihr {n.appointment} {when} ist gebucht.")


def reply_waitlist_gone() -> str:
    """The answer to a late JA: the slot went to someone else or the offer ran out."""
    return (
        "Dieser Termin ist leider nicht mehr frei. Sie bleiben auf der Warteliste; "
        "wir melden uns beim nächsten passenden Termin."
    )


def reply_confirmed(facts: AppointmentFacts) -> str:
    """Answer to a reply that confirmed the appointment."""
    when = _at(facts.start_local)
    return _fitted(
        facts, lambda n: f"{n.prefix}Vielen Dank! Ihr {n.appointment} {when} ist bestätigt."
    )


def reply_cancelled(facts: AppointmentFacts) -> str:
    """Answer to a reply that cancelled the appointment."""
    when = _at(facts.start_local)
    return _fitted(
        facts,
        lambda n: (
            f"{n.prefix}Vielen Dank für Ihre Nachricht. Ihr {n.appointment} {when} "
            "ist abgesagt. Für einen neuen Termin rufen Sie uns gerne an."
        ),
    )


def reply_opted_out() -> str:
    """Answer to a stop request: the last message this number gets."""
    return (
        "Sie erhalten ab sofort keine SMS mehr von uns. "
        "Telefonisch erreichen Sie uns weiterhin wie gewohnt."
    )


def reply_name_thanks(facts: AppointmentFacts | None) -> str:
    """Answer to a reply with the caller's name; it is checked before the booking is confirmed."""
    if facts is None:
        return "Vielen Dank, wir haben Ihren Namen erhalten."
    when = _at(facts.start_local)
    return _fitted(
        facts,
        lambda n: (
            f"{n.prefix}Vielen Dank, wir haben Ihren Namen erhalten und ordnen ihn "
            f"Ihrem {n.appointment} {when} zu."
        ),
    )


def reply_not_understood() -> str:
    """Answer to a reply no rule could read; a person takes over."""
    return (
        "Vielen Dank für Ihre Nachricht. Wir konnten sie leider nicht automatisch zuordnen. "
        "Jemand aus unserem Praxisteam meldet sich bei Ihnen."
    )


def reply_nothing_open() -> str:
    """Answer to a reply from a number without an open appointment."""
    return (
        "Zu Ihrer Telefonnummer haben wir keinen offenen Termin gefunden. "
        "Bei Fragen rufen Sie uns gerne an."
    )


def _date(start: datetime) -> str:
    return f"{_WEEKDAYS[start.weekday()]}, {start.day:02d}.{start.month:02d}.{start.year:04d}"


def _time(start: datetime) -> str:
    return f"{start.hour:02d}:{start.minute:02d} Uhr"


def _on(start: datetime) -> str:
    """'Dienstag, 08.12.2026 um 09:30 Uhr'."""
    return f"{_date(start)} um {_time(start)}"


def _at(start: datetime) -> str:
    """'am Dienstag, 08.12.2026 um 09:30 Uhr'."""
    return f"am {_on(start)}"


def _relative(start: datetime, today: date | None) -> str:
    """'morgen, Dienstag, ...' or 'heute, ...' when that is true, else 'am Dienstag, ...'."""
    if today == start.date():
        return f"heute, {_on(start)}"
    if today is not None and today + timedelta(days=1) == start.date():
        return f"morgen, {_on(start)}"
    return _at(start)


def _fitted(facts: AppointmentFacts, render: _Render) -> str:
    """The body with the names as long as two segments allow.

    First with every name character kept that has no GSM-7 form (the body may go as UCS-2);
    if even short names cannot fit that way, those characters are left out."""
    body = _shortened(render, _names(facts, keep_others=True), shortest=_SHORTEST_NAME)
    if body is None:
        body = _shortened(render, _names(facts, keep_others=False), shortest=0)
    # With every name left out only fixed GSM-7 text remains, and each fits two segments.
    return body if body is not None else render(_Names("", "", ""))


def _names(facts: AppointmentFacts, *, keep_others: bool) -> _Names:
    practice, service, staff = (
        _to_gsm7(_tidy(name), keep_others=keep_others)
        for name in (facts.practice, facts.service, facts.staff or "")
    )
    return _Names(practice, service, staff)


def _shortened(render: _Render, names: _Names, *, shortest: int) -> str | None:
    """Render with all names capped at the largest common length that fits, or None."""
    longest = max(len(names.practice), len(names.service), len(names.staff))
    for cap in range(min(longest, _LONGEST_NAME), shortest - 1, -1):
        body = render(
            _Names(_cap(names.practice, cap), _cap(names.service, cap), _cap(names.staff, cap))
        )
        if fits(body, MAX_SEGMENTS):
            return body
    return None


def _cap(name: str, length: int) -> str:
    """`name` cut to `length` characters with an ellipsis; empty when too short to mean much."""
    if len(name) <= length:
        return name
    if length < _SHORTEST_NAME:
        return ""
    head = name[: length - len(_ELLIPSIS)].rstrip(" .,;:-/&(")
    return head + _ELLIPSIS if head else ""


def _tidy(name: str) -> str:
    """One line, single spaces, no control characters: names come from free-text settings."""
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    return "".join(char for char in name if unicodedata.category(char) != "Cc")


def _to_gsm7(name: str, *, keep_others: bool) -> str:
    """`name` with each character in GSM-7 or replaced by its GSM-7 equivalent where one exists.

    A character without an equivalent is kept (`keep_others`) or left out."""
    converted = "".join(_gsm7_form(char, keep_others) for char in name)
    return " ".join(converted.split())


def _gsm7_form(char: str, keep_others: bool) -> str:
    if is_gsm7(char):
        return char
    if char in _GSM7_EQUIVALENTS:
        return _GSM7_EQUIVALENTS[char]
    if char.isspace():
        return " "
    base = "".join(
        part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
    )
    if base and all(is_gsm7(part) for part in base):
        return base
    return char if keep_others else ""
