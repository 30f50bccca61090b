"""Dates and times as a German receptionist says them."""

from __future__ import annotations

from datetime import date, datetime, time

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = (
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


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def spoken_date(day: date, *, with_year: bool = False) -> str:
    """'Dienstag, den 1. Dezember' (year only when asked for)."""
    text = f"{weekday_name(day)}, den {day.day}. {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def spoken_time(moment: time) -> str:
    """'9 Uhr', '14:30 Uhr' -> '14 Uhr 30'."""
    if moment.minute == 0:
        return f"{moment.hour} Uhr"
    return f"{moment.hour} Uhr {moment.minute:02d}"


def spoken_datetime(moment: datetime, *, today: date | None = None) -> str:
    """'morgen, Dienstag, den 1. Dezember, um 9 Uhr' with heute/morgen where they apply."""
    day = moment.date()
    prefix = ""
    if today is not None:
        if day == today:
            prefix = "heute, "
        elif (day - today).days == 1:
            prefix = "morgen, "
    return f"{prefix}{spoken_date(day)}, um {spoken_time(moment.time())}"
