"""Numbers, dates and times as a German reader writes them: "1.234,5", "0,1 h",
"Mo 07.12., 13:15"."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def decimal(value: float | int | None, digits: int = 0) -> str:
    """`1234.5` with one digit -> "1.234,5"; None -> "–"."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def percent(share: float | None, digits: int = 0) -> str:
    """A share of 1 as a percentage: `0.125` -> "13 %"."""
    return "–" if share is None else f"{decimal(share * 100, digits)} %"


def milliseconds(ms: float | None) -> str:
    """How long a step took: "4,2 ms" below a second, "1,3 s" above."""
    if ms is None:
        return "–"
    if ms < 1000:
        return f"{decimal(ms, 1 if ms < 100 else 0)} ms"
    return f"{decimal(ms / 1000, 1)} s"


def local_time(value: datetime | None, tz: ZoneInfo, fmt: str = "%d.%m.%Y %H:%M") -> str:
    if value is None:
        return "–"
    return value.astimezone(tz).strftime(fmt)


def day_label(value: date) -> str:
    """Weekday and day, e.g. "Mo 07.12."."""
    return f"{WEEKDAYS[value.weekday()]} {value.strftime('%d.%m.')}"


def long_day(value: date | None) -> str:
    """Weekday and full date, e.g. "Mo 07.12.2026"."""
    if value is None:
        return "–"
    return f"{WEEKDAYS[value.weekday()]} {value.strftime('%d.%m.%Y')}"


def day_time(value: datetime | None, tz: ZoneInfo) -> str:
    """Weekday, date and time, e.g. "Mo 07.12., 13:15"."""
    if value is None:
        return "–"
    local = value.astimezone(tz)
    return f"{day_label(local.date())}, {local.strftime('%H:%M')}"


def birth_date(value: date | None) -> str:
    return "–" if value is None else value.strftime("%d.%m.%Y")
